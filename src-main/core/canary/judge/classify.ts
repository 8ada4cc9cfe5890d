/**
 * Per-metric classification, after Kayenta's NetflixACAJudge / MannWhitneyClassifier:
 *
 *  NoData  either sample has fewer than minSamples (default 3) finite values. Below three per
 *          side the test has no power at all (the smallest exact two-sided p for 2 vs 2 is
 *          2/C(4,2) = 1/3); just above it the exact p-value itself stays above α until the
 *          samples can support a finding (3 vs 3: at least 0.1; 4 vs 4: 2/70 ≈ 0.029).
 *  High / Low  all three hold:
 *          - the Mann-Whitney p-value is below α = 1 − confidence;
 *          - the Hodges-Lehmann confidence interval excludes 0 (its side gives the direction:
 *            entirely above 0 → High, entirely below → Low);
 *          - the effect is large enough to matter: |mean canary / mean baseline − 1| > tolerance
 *            (a baseline mean of 0 with a non-zero canary mean is an unbounded change).
 *          Kayenta bounds the effect with a fraction of the HL estimate; the ratio of means is
 *          used here because operators state tolerances as "5% worse", not in metric units.
 *  Pass    otherwise.
 * The direction is taken from the rank statistics, not from the means, so one outlier cannot
 * flip it; the means only decide whether the shift is big enough to act on.
 */
import { hodgesLehmann } from './hodgesLehmann';
import { mannWhitney } from './mannWhitney';
import { SortedSample } from './sortedRanks';
import { finiteOnly, mean } from './samples';
import type { Classification, Harmful, JudgeMetric, MetricResult } from './types';

export const DEFAULT_TOLERANCE = 0.05;
export const DEFAULT_MIN_SAMPLES = 3;

export interface ClassifyOptions {
  /** confidence level, default 0.95 (α = 0.05) */
  confidence?: number;
  minSamples?: number;
}

/** Whether a High or Low hurts users given the metric's harmful direction. */
export function isFailing(classification: Classification, harmful: Harmful): boolean {
  if (classification === 'High') return harmful === 'increase' || harmful === 'either';
  if (classification === 'Low') return harmful === 'decrease' || harmful === 'either';
  return false;
}

const fmt = (x: number) => String(Number(x.toPrecision(3)));
const pct = (x: number | null) => (x === null ? 'from a zero baseline' : `${x >= 0 ? '+' : ''}${fmt(x * 100)}% mean`);

export function classifyMetric(metric: JudgeMetric, options: ClassifyOptions = {}): MetricResult {
  const confidence = options.confidence ?? 0.95;
  const minSamples = options.minSamples ?? DEFAULT_MIN_SAMPLES;
  const tolerance = metric.tolerance ?? DEFAULT_TOLERANCE;
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  if (!(tolerance >= 0 && Number.isFinite(tolerance))) throw new RangeError(`tolerance of "${metric.id}" must be a finite number ≥ 0`);

  const c = finiteOnly(metric.canary);
  const b = finiteOnly(metric.baseline);
  const base = {
    id: metric.id,
    label: metric.label ?? metric.id,
    unit: metric.unit ?? '',
    harmful: metric.harmful,
    weight: metric.weight,
    critical: metric.critical,
    n: { canary: c.values.length, baseline: b.values.length },
    dropped: { canary: c.dropped, baseline: b.dropped },
    mean: { canary: mean(c.values), baseline: mean(b.values) },
    tolerance,
    confidence,
  };

  if (c.values.length < minSamples || b.values.length < minSamples) {
    const short = c.values.length < minSamples ? `canary has ${c.values.length}` : `baseline has ${b.values.length}`;
    return {
      ...base,
      classification: 'NoData',
      failing: false,
      reason: `${short} usable values, fewer than ${minSamples}`,
      ratio: null,
      relativeChange: null,
      effectExceedsTolerance: false,
      shift: null,
      ci: null,
      pValue: null,
      u: null,
      uMin: null,
      z: null,
      method: null,
    };
  }

  // Each sample sorted once for both the U test and the shift estimate.
  const canary = new SortedSample(c.values);
  const baseline = new SortedSample(b.values);
  const test = mannWhitney(canary, baseline);
  const hl = hodgesLehmann(canary, baseline, confidence);
  const meanC = base.mean.canary!;
  const meanB = base.mean.baseline!;
  const ratio = meanB === 0 ? null : meanC / meanB;
  const relativeChange = meanB === 0 ? (meanC === 0 ? 0 : null) : (meanC - meanB) / Math.abs(meanB);
  const effectExceedsTolerance = relativeChange === null || Math.abs(relativeChange) > tolerance;

  const significant = test.pValue < 1 - confidence;
  const side = hl.lower > 0 ? 'High' : hl.upper < 0 ? 'Low' : null;
  const classification: Classification = significant && side && effectExceedsTolerance ? side : 'Pass';

  const p = `p = ${fmt(test.pValue)}`;
  let reason: string;
  if (classification !== 'Pass') reason = `canary ${classification === 'High' ? 'higher' : 'lower'} (${p}, ${pct(relativeChange)})`;
  else if (!significant) reason = `no significant difference (${p})`;
  else if (!side) reason = `interval for the shift includes 0 (${p})`;
  else reason = `shift within the ${fmt(tolerance * 100)}% tolerance (${p}, ${pct(relativeChange)})`;

  return {
    ...base,
    classification,
    failing: isFailing(classification, metric.harmful),
    reason,
    ratio,
    relativeChange,
    effectExceedsTolerance,
    shift: hl.estimate,
    ci: { lower: hl.lower, upper: hl.upper },
    pValue: test.pValue,
    u: test.u,
    uMin: test.uMin,
    z: test.z,
    method: test.method,
  };
}
