/**
 * The weighted score and its verdict, after NetflixACAJudge's scoring:
 *   score = 100 × (weight of metrics with data that do not fail) / (weight of metrics with data)
 * NoData metrics leave both sums: missing data is neither a pass nor a failure.
 *
 * Verdict, first rule that applies:
 *   1. any critical metric fails              → 'fail', whatever the score;
 *   2. metrics with data weigh less than minDataWeightFraction (default ½) of all the weight,
 *      or nothing has data                    → 'inconclusive' (a score over a minority of the
 *                                               metrics would speak for metrics it never saw);
 *   3. score ≥ thresholds.pass (95)           → 'pass';
 *      score ≥ thresholds.marginal (75)       → 'marginal';
 *      otherwise                              → 'fail'.
 */
import type { VerdictOutcome } from '../../../../src-shared/domain/canary';
import type { MetricResult } from './types';

export interface Thresholds {
  pass: number;
  marginal: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = { pass: 95, marginal: 75 };
export const DEFAULT_MIN_DATA_WEIGHT_FRACTION = 0.5;

export type ScoredMetric = Pick<MetricResult, 'id' | 'weight' | 'critical' | 'classification' | 'failing'>;

export interface ScoreVerdict {
  outcome: VerdictOutcome;
  /** null when no metric with data has weight */
  score: number | null;
  thresholds: Thresholds;
  /** weight of metrics with data, of all metrics, and of the non-failing ones with data */
  dataWeight: number;
  totalWeight: number;
  passingWeight: number;
  minDataWeightFraction: number;
  /** ids of failing metrics, of failing critical metrics, and of metrics without data */
  failing: string[];
  failedCritical: string[];
  noData: string[];
}

export function validateThresholds(t: Thresholds): Thresholds {
  const ok = Number.isFinite(t.pass) && Number.isFinite(t.marginal) && 0 <= t.marginal && t.marginal <= t.pass && t.pass <= 100;
  if (!ok) throw new RangeError(`thresholds need 0 ≤ marginal ≤ pass ≤ 100, got pass ${t.pass}, marginal ${t.marginal}`);
  return t;
}

export function scoreMetrics(
  results: readonly ScoredMetric[],
  thresholds: Thresholds = DEFAULT_THRESHOLDS,
  minDataWeightFraction = DEFAULT_MIN_DATA_WEIGHT_FRACTION,
): ScoreVerdict {
  validateThresholds(thresholds);
  if (!(minDataWeightFraction >= 0 && minDataWeightFraction <= 1)) {
    throw new RangeError(`minDataWeightFraction must be in [0, 1], got ${minDataWeightFraction}`);
  }
  let totalWeight = 0;
  let dataWeight = 0;
  let passingWeight = 0;
  for (const r of results) {
    if (!(r.weight >= 0 && Number.isFinite(r.weight))) throw new RangeError(`weight of "${r.id}" must be a finite number ≥ 0`);
    totalWeight += r.weight;
    if (r.classification === 'NoData') continue;
    dataWeight += r.weight;
    if (!r.failing) passingWeight += r.weight;
  }
  const score = dataWeight > 0 ? (100 * passingWeight) / dataWeight : null;
  const failing = results.filter((r) => r.failing).map((r) => r.id);
  const failedCritical = results.filter((r) => r.failing && r.critical).map((r) => r.id);
  const noData = results.filter((r) => r.classification === 'NoData').map((r) => r.id);

  let outcome: VerdictOutcome;
  if (failedCritical.length > 0) outcome = 'fail';
  else if (score === null || dataWeight < minDataWeightFraction * totalWeight) outcome = 'inconclusive';
  else if (score >= thresholds.pass) outcome = 'pass';
  else if (score >= thresholds.marginal) outcome = 'marginal';
  else outcome = 'fail';

  return { outcome, score, thresholds, dataWeight, totalWeight, passingWeight, minDataWeightFraction, failing, failedCritical, noData };
}
