/**
 * Hodges-Lehmann estimate of the canary − baseline shift and its distribution-free confidence
 * interval (Moses / Bauer; Hollander & Wolfe, "Nonparametric Statistical Methods", §4.3).
 *
 * With D(1) ≤ … ≤ D(M) the M = m·n ordered pairwise differences canary_i − baseline_j:
 *   estimate = median of the D's;
 *   CI       = [D(k), D(M + 1 − k)], whose coverage is exactly 1 − 2·P(U ≤ k − 1) under H0,
 * so k is the largest integer with P(U ≤ k − 1) ≤ α/2, α = 1 − confidence.
 *   - exact rule as in mannWhitney.ts (both samples ≤ 20 values, no pooled ties): k from the
 *     exact U distribution;
 *   - otherwise the normal approximation with continuity correction:
 *     P(U ≤ k − 1) ≈ Φ((k − ½ − M/2)/σ) ≤ α/2  ⇒  k = ⌊M/2 − z_{1−α/2}·σ + ½⌋, σ tie-corrected.
 * When the requested confidence cannot be reached (tiny samples), k = 1 gives the widest
 * interval [min D, max D] and achievedConfidence says what it really covers.
 *
 * Exact at every size: no difference is formed. With both samples sorted (typed-array sorts) the
 * differences are a matrix sorted along rows and columns, and each order statistic needed (the
 * one or two middle ones, D(k), D(M + 1 − k)) is a selection over it (pairSelect.ts), expected
 * O((m + n) log(m + n)): about a millisecond for 2 × 11,000 values, where sorting all 121 M
 * differences takes seconds. The values are exactly those of sorting every difference.
 */
import { exactUDistribution } from './exactU';
import { uSigma, usesExact } from './mannWhitney';
import { normalCdf, normalQuantile } from './normal';
import { PairDifferences } from './pairSelect';
import { rankSumSorted, sortedOf, type SortedSample } from './sortedRanks';

export interface HodgesLehmannResult {
  /** median of all pairwise differences canary − baseline */
  estimate: number;
  lower: number;
  upper: number;
  /** confidence that was asked for */
  confidence: number;
  /** confidence the interval really has (exact, or its normal approximation) */
  achievedConfidence: number;
  method: 'exact' | 'normal';
  /** differences the estimate and interval are taken over: m·n, all of them */
  pairs: number;
  /** always false: every difference is used (kept for callers of the thinning version) */
  subsampled: boolean;
}

/** Throws RangeError when either sample has no finite value, or confidence is not in (0, 1). */
export function hodgesLehmann(
  canary: readonly number[] | SortedSample,
  baseline: readonly number[] | SortedSample,
  confidence = 0.95,
): HodgesLehmannResult {
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  const x = sortedOf(canary);
  const y = sortedOf(baseline);
  if (x.length === 0 || y.length === 0) throw new RangeError('Hodges-Lehmann needs at least one finite value in each sample.');
  const m = x.length;
  const n = y.length;
  const d = new PairDifferences(x, y);
  const total = d.total;

  const alpha = 1 - confidence;
  const { ties } = rankSumSorted(x, y);
  let k: number;
  let achievedConfidence: number;
  let method: 'exact' | 'normal';
  if (usesExact(m, n, ties)) {
    const dist = exactUDistribution(m, n);
    k = 1;
    // largest k with P(U ≤ k − 1) ≤ α/2; a tiny slack absorbs 1 − 0.95 ≠ 0.05 in binary
    while (k < total && dist.cdf(k) <= alpha / 2 + 1e-12) k++;
    achievedConfidence = 1 - 2 * dist.cdf(k - 1);
    method = 'exact';
  } else {
    const sigma = uSigma(m, n, ties);
    const z = normalQuantile(1 - alpha / 2);
    k = Math.floor(total / 2 - z * sigma + 0.5);
    k = Math.min(Math.max(k, 1), Math.ceil(total / 2));
    achievedConfidence = sigma === 0 ? 1 : 1 - 2 * normalCdf((k - 0.5 - total / 2) / sigma);
    method = 'normal';
  }

  // the bounds and the middle order statistic(s) lie close together: one shared selection
  const mid = Math.floor(total / 2); // odd M: the median is D(mid + 1); even M: D(mid), D(mid + 1)
  const [lower, upper, middle] = d.selectAll([k, total + 1 - k, total % 2 === 1 ? mid + 1 : mid]) as [number, number, number];
  return {
    estimate: total % 2 === 1 ? middle : (middle + nextOrderStatistic(d, middle, mid)) / 2,
    lower,
    upper,
    confidence,
    achievedConfidence: Math.max(0, Math.min(1, achievedConfidence)),
    method,
    pairs: total,
    subsampled: false,
  };
}

/**
 * D(rank + 1) given D(rank) = value: the same value while its ties last, else the smallest
 * difference above it. With D(M/2) this gives the mean of the two middle differences exactly as
 * sorting all of them would.
 */
function nextOrderStatistic(d: PairDifferences, value: number, rank: number): number {
  return d.count(value, false) >= rank + 1 ? value : d.nextAbove(value);
}
