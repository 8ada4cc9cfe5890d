/**
 * Ranks from typed-array sorts: both samples sorted once (Float64Array sorts numerically, with no
 * comparator call per step), then one merge over them gives the rank sum and the tie term.
 */

/** The finite values, ascending, in a new Float64Array; −0 is stored as 0 (they compare equal). */
export function sortedFinite(values: readonly number[]): Float64Array {
  const out = new Float64Array(values.length);
  let n = 0;
  for (const v of values) if (Number.isFinite(v)) out[n++] = v === 0 ? 0 : v;
  return out.subarray(0, n).sort();
}

/** A sample already sorted by sortedFinite, so the U test and Hodges-Lehmann of one judgement sort it once. */
export class SortedSample {
  readonly sorted: Float64Array;
  /** how many values were given, finite or not */
  readonly given: number;
  constructor(values: readonly number[]) {
    this.sorted = sortedFinite(values);
    this.given = values.length;
  }
}

/** The finite values of a sample, ascending: sorted here unless they already are. */
export const sortedOf = (sample: readonly number[] | SortedSample): Float64Array => (sample instanceof SortedSample ? sample.sorted : sortedFinite(sample));
export const givenOf = (sample: readonly number[] | SortedSample): number => (sample instanceof SortedSample ? sample.given : sample.length);

/**
 * Sum of the pooled average ranks (1-based) of a's values, and Σ(t³ − t) over groups of tied
 * pooled values. Both arrays ascending. The rank sum is a multiple of ½ and every term an exact
 * product, so it equals the sum of the individual ranks taken in any order.
 */
export function rankSumSorted(a: Float64Array, b: Float64Array): { rankSum: number; ties: number } {
  const m = a.length;
  const n = b.length;
  let i = 0;
  let j = 0;
  let position = 0;
  let rankSum = 0;
  let ties = 0;
  while (i < m || j < n) {
    const v = j >= n || (i < m && a[i]! <= b[j]!) ? a[i]! : b[j]!;
    const i0 = i;
    const j0 = j;
    while (i < m && a[i] === v) i++;
    while (j < n && b[j] === v) j++;
    const t = i - i0 + (j - j0);
    // ranks position+1 … position+t share their average
    rankSum += (i - i0) * (position + (t + 1) / 2);
    ties += t * t * t - t;
    position += t;
  }
  return { rankSum, ties };
}
