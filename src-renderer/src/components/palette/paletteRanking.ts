import { fuzzyScore, isSubsequence, isWordStart } from './fuzzyMatch';

/**
 * How the palette orders its matches. Someone in an incident types three letters and trusts the
 * first row, so a match is put in a tier by *where* and *how* it matched, and a higher tier always
 * wins, whatever the scores inside a tier say:
 *
 *   flag name:   exact > prefix > prefix of a `.`/`-`/`_` segment > word start > substring > fuzzy
 *   tag:         exact > prefix (of the tag or its value) > substring > fuzzy within that one tag
 *   scope:       the environment's name and the word "kill", to narrow ("beta dev")
 *   description: word start > substring; never fuzzy — letters scattered across a sentence
 *                ("b…e…t…a" in "A/B test: show the Express Pay button…") are not a match at all
 *
 * A query of several words scores the sum of its words' best matches; an item some word cannot
 * match is left out. Equal scores keep the given order (production kills first). Pure.
 */

/** Which part of a command a search text is. */
export type FieldKind = 'name' | 'tag' | 'scope' | 'description';

/** One text to match, lowercased once per flags list instead of per keystroke. */
export interface SearchText {
  kind: FieldKind;
  text: string;
  lower: string;
}

export const searchText = (kind: FieldKind, text: string): SearchText => ({ kind, text, lower: text.toLowerCase() });

/** The longest query the palette reads: a pasted paragraph is not a flag name, and typing stays instant. */
export const MAX_QUERY = 200;

/** Tiers, best first; a score is tier × TIER + a refinement below TIER. */
export const TIERS = {
  nameExact: 90,
  namePrefix: 80,
  nameSegment: 70,
  nameWord: 60,
  nameSubstring: 50,
  nameFuzzy: 40,
  tagExact: 34,
  tagPrefix: 33,
  tagSubstring: 32,
  tagFuzzy: 31,
  scopePrefix: 22,
  scopeSubstring: 21,
  descriptionWord: 12,
  descriptionSubstring: 11,
} as const;
const TIER = 1000;

const SEGMENT = new Set(['.', '-', '_']);
const TAG_START = new Set([':', '.', '-', '_', ' ']);

/** The words of a query (lowercase), read from its first MAX_QUERY characters. */
export function queryWords(query: string): string[] {
  return query.slice(0, MAX_QUERY).trim().split(/\s+/).filter(Boolean).map((w) => w.toLowerCase());
}

/**
 * Within a tier: a match that ends where a segment ends ("payments" of payments.paypal) beats one
 * that stops mid-word, and an earlier one beats a later one.
 */
function refine(lower: string, at: number, length: number): number {
  const end = at + length;
  const whole = end === lower.length || SEGMENT.has(lower[end]!) || TAG_START.has(lower[end]!);
  return (whole ? 500 : 0) + 499 - Math.min(at, 499);
}

/** The best contiguous match of `word` in the field, as tier × TIER + refinement, or null. */
function contiguousScore(word: string, field: SearchText): number | null {
  const { kind, lower } = field;
  // positions for word starts come from the original text unless lowercasing changed its length
  const original = field.text.length === lower.length ? field.text : lower;
  let best: number | null = null;
  for (let at = lower.indexOf(word); at !== -1; at = lower.indexOf(word, at + 1)) {
    const before = at === 0 ? '' : lower[at - 1]!;
    let tier: number;
    if (kind === 'name') {
      if (at === 0) tier = word.length === lower.length ? TIERS.nameExact : TIERS.namePrefix;
      else if (SEGMENT.has(before)) tier = TIERS.nameSegment;
      else if (isWordStart(original, at)) tier = TIERS.nameWord;
      else tier = TIERS.nameSubstring;
    } else if (kind === 'tag') {
      const value = lower.slice(lower.indexOf(':') + 1);
      if (word === lower || word === value) tier = TIERS.tagExact;
      else if (at === 0 || TAG_START.has(before)) tier = TIERS.tagPrefix;
      else tier = TIERS.tagSubstring;
    } else if (kind === 'scope') {
      tier = at === 0 || isWordStart(original, at) ? TIERS.scopePrefix : TIERS.scopeSubstring;
    } else {
      tier = isWordStart(original, at) ? TIERS.descriptionWord : TIERS.descriptionSubstring;
    }
    const score = tier * TIER + refine(lower, at, word.length);
    if (best === null || score > best) best = score;
    if (tier === TIERS.nameExact) break;
  }
  return best;
}

/** How well one word matches one field, or null when it does not. */
export function scoreField(word: string, field: SearchText): number | null {
  const contiguous = contiguousScore(word, field);
  if (contiguous !== null) return contiguous;
  if (field.kind !== 'name' && field.kind !== 'tag') return null;
  // the cheap check first: most of a large fleet is not even a subsequence
  if (!isSubsequence(word, field.lower)) return null;
  const fuzzy = fuzzyScore(word, field.text) ?? 0;
  const tier = field.kind === 'name' ? TIERS.nameFuzzy : TIERS.tagFuzzy;
  return tier * TIER + Math.min(TIER - 1, Math.max(0, fuzzy));
}

/**
 * The items every word of the query matches, best first; equal scores keep the items' order. An
 * empty query returns every item as given. Fields are compared by identity for a memo, so items
 * sharing a field (one flag's kills in two environments) score it once per word.
 */
export function rankItems<T extends { search: readonly SearchText[] }>(items: readonly T[], query: string): T[] {
  const words = queryWords(query);
  if (words.length === 0) return [...items];
  const memos = words.map(() => new Map<SearchText, number | null>());
  const scored: { item: T; score: number; index: number }[] = [];
  items.forEach((item, index) => {
    let total = 0;
    for (let w = 0; w < words.length; w++) {
      const memo = memos[w]!;
      let best: number | null = null;
      for (const field of item.search) {
        let score = memo.get(field);
        if (score === undefined) {
          score = scoreField(words[w]!, field);
          memo.set(field, score);
        }
        if (score !== null && (best === null || score > best)) best = score;
      }
      if (best === null) return;
      total += best;
    }
    scored.push({ item, score: total, index });
  });
  return scored.sort((a, b) => b.score - a.score || a.index - b.index).map((s) => s.item);
}
