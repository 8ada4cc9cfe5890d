/**
 * Fuzzy matching for the command palette: the query's characters must appear in order (a
 * subsequence); among the ways they can, the best-scoring one counts. Contiguous runs and
 * matches at word starts ("n r" in "new-ranking") score higher than scattered letters, so the
 * flag someone means comes first. Pure: no DOM, no React.
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
function isWordStart(text: string, index: number): boolean {
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

export interface SearchField {
  text: string;
  /** how much a match in this field counts (a name more than a description) */
  weight: number;
}

/**
 * The items every word of the query matches (each word in at least one field), best first;
 * equal scores keep the items' order. An empty query returns every item as given.
 */
export function rankFuzzy<T>(items: readonly T[], query: string, fieldsOf: (item: T) => SearchField[]): T[] {
  const words = query.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...items];
  const scored: { item: T; score: number; index: number }[] = [];
  items.forEach((item, index) => {
    const fields = fieldsOf(item);
    let total = 0;
    for (const word of words) {
      let best: number | null = null;
      for (const field of fields) {
        const score = fuzzyScore(word, field.text);
        // a far-flung match is still a match: never let it count against the item
        if (score !== null) best = Math.max(best ?? 0, Math.max(1, score) * field.weight);
      }
      if (best === null) return;
      total += best;
    }
    scored.push({ item, score: total, index });
  });
  return scored.sort((a, b) => b.score - a.score || a.index - b.index).map((s) => s.item);
}
