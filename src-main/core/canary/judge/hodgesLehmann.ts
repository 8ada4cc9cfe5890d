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
 * Size guard: above MAX_PAIRS (250,000) differences, each sample is thinned deterministically to
 * evenly spaced order statistics (midpoint quantiles of its sorted values) so m'·n' ≤ MAX_PAIRS,
 * and the interval is computed for m', n'. Thinning keeps each distribution's shape, costs
 * nothing random, and only widens the interval (fewer values), so it errs toward Pass.
 */
import { exactUDistribution } from './exactU';
import { pooledRanks, uSigma, usesExact } from './mannWhitney';
import { normalCdf, normalQuantile } from './normal';
import { finiteOnly, sortedCopy } from './samples';

export const MAX_PAIRS = 250_000;

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
  /** differences actually formed, and whether the samples were thinned to get there */
  pairs: number;
  subsampled: boolean;
}

/** Evenly spaced order statistics of an ascending array: the midpoint quantiles (i + ½)/k. */
export function thin(sortedValues: readonly number[], k: number): number[] {
  const n = sortedValues.length;
  if (k >= n) return sortedValues.slice();
  return Array.from({ length: k }, (_, i) => sortedValues[Math.floor(((i + 0.5) * n) / k)]!);
}

/** Sample sizes m' ≤ m, n' ≤ n with m'·n' ≤ maxPairs, shrinking both by the same factor. */
export function thinnedSizes(m: number, n: number, maxPairs = MAX_PAIRS): [number, number] {
  if (m * n <= maxPairs) return [m, n];
  const factor = Math.sqrt(maxPairs / (m * n));
  const m2 = Math.min(m, Math.max(1, Math.floor(m * factor)));
  const n2 = Math.min(n, Math.max(1, Math.floor(maxPairs / m2)));
  return [m2, n2];
}

function medianOfSorted(d: Float64Array): number {
  const mid = d.length >> 1;
  return d.length % 2 === 1 ? d[mid]! : (d[mid - 1]! + d[mid]!) / 2;
}

/** Throws RangeError when either sample has no finite value, or confidence is not in (0, 1). */
export function hodgesLehmann(
  canary: readonly number[],
  baseline: readonly number[],
  confidence = 0.95,
  maxPairs = MAX_PAIRS,
): HodgesLehmannResult {
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  const c = sortedCopy(finiteOnly(canary).values);
  const b = sortedCopy(finiteOnly(baseline).values);
  if (c.length === 0 || b.length === 0) throw new RangeError('Hodges-Lehmann needs at least one finite value in each sample.');

  const [m, n] = thinnedSizes(c.length, b.length, maxPairs);
  const subsampled = m < c.length || n < b.length;
  const x = thin(c, m);
  const y = thin(b, n);

  const d = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) d[i * n + j] = x[i]! - y[j]!;
  d.sort();
  const total = d.length;

  const alpha = 1 - confidence;
  const { ties } = pooledRanks([...x, ...y]);
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

  return {
    estimate: medianOfSorted(d),
    lower: d[k - 1]!,
    upper: d[total - k]!,
    confidence,
    achievedConfidence: Math.max(0, Math.min(1, achievedConfidence)),
    method,
    pairs: total,
    subsampled,
  };
}
