/**
 * Fuzzy matching for the command palette: the query's characters must appear in order (a
 * subsequence); among the ways they can, the best-scoring one counts. Contiguous runs and
 * matches at word starts ("n r" in "new-ranking") score higher than scattered letters, so the
 * flag someone means comes first. The palette uses it only inside a flag's name or one tag, and
 * only below every contiguous match (paletteRanking.ts). Pure: no DOM, no React.
 */

const MATCH = 16;
const WORD_START = 24;
const CONSECUTIVE = 20;
const GAP_START = 6;
const GAP_EXTENSION = 1;

/** Longer texts (a pasted description) are matched on their start only: typing must stay instant. */
const MAX_TEXT = 2000;

const SEPARATORS = new Set([' ', '-', '_', '.', ':', '/', '\\', '(', ')', '[', ']', ',', '"', "'", '\t', '\n']);

/** A word starts at the text's start, after a separator, or at a camelCase or letter→digit step. */
export function isWordStart(text: string, index: number): boolean {
  if (index === 0) return true;
  const before = text[index - 1]!;
  const here = text[index]!;
  if (SEPARATORS.has(before)) return true;
  const lowerToUpper = before === before.toLowerCase() && before !== before.toUpperCase() && here !== here.toLowerCase();
  const letterToDigit = /\p{L}/u.test(before) && /\p{N}/u.test(here);
  return lowerToUpper || letterToDigit;
}

/**
 * The best score of `pattern` as a subsequence of `text` (case-insensitive), or null when it is
 * not one. An empty pattern matches everything with score 0. Whitespace in the pattern is ignored;
 * split a query into words with `rankFuzzy` instead.
 */
export function fuzzyScore(pattern: string, text: string): number | null {
  const p = pattern.replace(/\s+/g, '').toLowerCase();
  if (p.length === 0) return 0;
  text = text.slice(0, MAX_TEXT);
  const t = text.toLowerCase();
  // lowercasing can change lengths (e.g. 'İ'); keep indices of the original for word starts
  const original = t.length === text.length ? text : t;
  const n = t.length;
  if (p.length > n) return null;

  // read only where a pattern character matches: most of a long text never needs its word starts
  const bonus = (j: number) => MATCH + (isWordStart(original, j) ? WORD_START : 0);
  let prev = new Array<number>(n).fill(-Infinity);
  for (let j = 0; j < n; j++) if (t[j] === p[0]) prev[j] = bonus(j);

  for (let i = 1; i < p.length; i++) {
    const cur = new Array<number>(n).fill(-Infinity);
    // best previous match ending at k <= j - 2, already charged for the gap up to j
    let gapBest = -Infinity;
    for (let j = 1; j < n; j++) {
      if (j >= 2) gapBest = Math.max(gapBest - GAP_EXTENSION, prev[j - 2]! - GAP_START);
      if (t[j] !== p[i]) continue;
      const best = Math.max(prev[j - 1]! + CONSECUTIVE, gapBest);
      if (best !== -Infinity) cur[j] = best + bonus(j);
    }
    prev = cur;
  }
  const score = Math.max(...prev);
  return score === -Infinity ? null : score;
}

/** Whether `word` appears in `text` in order (both lowercase): the least any fuzzy match needs, and cheap. */
export function isSubsequence(word: string, text: string): boolean {
  let at = 0;
  for (let i = 0; i < text.length && at < word.length; i++) if (text[i] === word[at]) at++;
  return at === word.length;
}
