/**
 * Two-sided Mann-Whitney U test (Wilcoxon rank-sum) of canary against baseline.
 *
 * U (canary) = R_canary − n1(n1+1)/2, where R_canary is the sum of the canary's pooled ranks and
 * tied values share the average of the ranks they span. Equivalently U counts the
 * (canary, baseline) pairs where the canary value is larger, a tie counting one half; so
 * U > n1·n2/2 means the canary tends to run higher.
 *
 * Which p-value (documented rule):
 *  - EXACT when both samples have at most EXACT_MAX_SAMPLE (20) values and the pooled sample has
 *    no ties: p = min(1, 2·P(U ≤ uMin)) from the exact null distribution (exactU.ts). The
 *    distribution is symmetric, so this equals 2·min(P(U ≤ u), P(U ≥ u)).
 *  - NORMAL otherwise: the exact distribution assumes distinct values, and for larger samples
 *    the normal limit is accurate. Mean n1·n2/2 and tie-corrected variance
 *      σ² = n1·n2/12 · ((N + 1) − Σ(t³ − t) / (N(N − 1)))
 *    summed over each group of t tied values in the pooled sample (N = n1 + n2).
 *    z = sign(d)·max(0, |d| − ½)/σ with d = U − n1·n2/2 (continuity correction of one half,
 *    never allowed to push z across zero), p = 2·P(Z ≥ |z|).
 *    When every pooled value is equal σ = 0: there is no evidence of a shift, z = 0 and p = 1.
 */
import { EXACT_MAX_SAMPLE, exactUDistribution } from './exactU';
import { normalSurvival } from './normal';
import { givenOf, rankSumSorted, sortedOf, type SortedSample } from './sortedRanks';

export type TestMethod = 'exact' | 'normal';

export interface MannWhitneyResult {
  /** U of the canary sample: pairs where canary > baseline, ties counted ½ */
  u: number;
  /** min(U_canary, U_baseline), the statistic printed in tables */
  uMin: number;
  /** signed normal deviate (positive: canary higher); null for the exact method */
  z: number | null;
  pValue: number;
  method: TestMethod;
  n: { canary: number; baseline: number };
  /** NaN / ±Infinity values left out of each sample */
  dropped: { canary: number; baseline: number };
  /** Σ(t³ − t) over tie groups; 0 when all values are distinct */
  ties: number;
}

export interface MannWhitneyOptions {
  /** use the normal approximation even where the exact distribution applies */
  forceNormal?: boolean;
  /** continuity correction in the normal approximation (default true) */
  continuity?: boolean;
}

/** Average ranks (1-based) of the pooled values, and Σ(t³ − t) over groups of ties. */
export function pooledRanks(values: readonly number[]): { ranks: number[]; ties: number } {
  const order = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]!);
  const ranks = new Array<number>(values.length);
  let ties = 0;
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && values[order[end + 1]!] === values[order[start]!]) end++;
    const t = end - start + 1;
    const average = (start + end) / 2 + 1;
    for (let i = start; i <= end; i++) ranks[order[i]!] = average;
    ties += t * t * t - t;
    start = end + 1;
  }
  return { ranks, ties };
}

/** σ of U under H0 with the tie correction above. */
export function uSigma(n1: number, n2: number, ties: number): number {
  const n = n1 + n2;
  const variance = ((n1 * n2) / 12) * (n + 1 - ties / (n * (n - 1)));
  return Math.sqrt(Math.max(0, variance));
}

export function usesExact(n1: number, n2: number, ties: number): boolean {
  return n1 <= EXACT_MAX_SAMPLE && n2 <= EXACT_MAX_SAMPLE && ties === 0;
}

/** Throws RangeError when either sample has no finite value: there is nothing to rank. */
export function mannWhitney(
  canary: readonly number[] | SortedSample,
  baseline: readonly number[] | SortedSample,
  options: MannWhitneyOptions = {},
): MannWhitneyResult {
  const c = sortedOf(canary);
  const b = sortedOf(baseline);
  const n1 = c.length;
  const n2 = b.length;
  if (n1 === 0 || n2 === 0) throw new RangeError('Mann-Whitney needs at least one finite value in each sample.');

  // ranks from the two typed-array sorts and one merge; the same sums pooledRanks would give
  const { rankSum, ties } = rankSumSorted(c, b);
  const u = rankSum - (n1 * (n1 + 1)) / 2;
  const uMin = Math.min(u, n1 * n2 - u);
  const common = { u, uMin, n: { canary: n1, baseline: n2 }, dropped: { canary: givenOf(canary) - n1, baseline: givenOf(baseline) - n2 }, ties };

  if (!options.forceNormal && usesExact(n1, n2, ties)) {
    const pValue = Math.min(1, 2 * exactUDistribution(n1, n2).cdf(uMin));
    return { ...common, z: null, pValue, method: 'exact' };
  }

  const sigma = uSigma(n1, n2, ties);
  const d = u - (n1 * n2) / 2;
  const correction = options.continuity === false ? 0 : Math.min(0.5, Math.abs(d));
  const shifted = Math.abs(d) - correction;
  const z = sigma === 0 || shifted === 0 ? 0 : (Math.sign(d) * shifted) / sigma;
  const pValue = Math.min(1, 2 * normalSurvival(Math.abs(z)));
  return { ...common, z, pValue, method: 'normal' };
}
