/**
 * Hard stop-the-line rules, checked beside the statistics. A statistical test needs a
 * pattern across many samples; these catch the regression too plain to wait for one. This module
 * checks one window; whether a breach trips the rule (fails the verdict) is streak.ts's business:
 * only after `tripAfter` consecutive breaching evaluations.
 *
 * Each rule reduces both samples to one number with its statistic: 'mean' (default) or 'last'
 * (the final finite value, i.e. the last window: "last-window p95" when the series is a p95).
 *
 *  absolute  breaches when canary − baseline > threshold (strictly: exactly 200 ms above a
 *            200 ms limit is not "more than"). Units are the metric's own.
 *  relative  breaches when canary > threshold × baseline AND canary > floor. Meant for
 *            non-negative metrics such as error rates. The floor (default 1e-6, in the
 *            metric's units) decides the zero-baseline case: 0 × 2 = 0, so any canary value
 *            would be "more than twice" a clean baseline, and without a floor a canary showing
 *            1e-12 of float noise from rate arithmetic would stop a release. Set it to the
 *            smallest value worth stopping for (e.g. 0.001 for a 0.1% error rate).
 * A rule whose metric is missing, or whose samples hold fewer than minSamples (default 3) finite
 * values on either side, is not evaluated: that is not a breach, and it says so.
 */
import { formatMetricNumber, formatMetricValue } from '../../../../src-shared/format/metricValue';
import { finiteOnly, last, mean } from './samples';

export type RuleStatistic = 'mean' | 'last';

export const DEFAULT_RELATIVE_FLOOR = 1e-6;
/** Fewer finite values than this on either side and the rule is not checked. */
export const DEFAULT_RULE_MIN_SAMPLES = 3;

interface RuleBase {
  metric: string;
  statistic?: RuleStatistic;
  /** consecutive breaching evaluations that trip the rule (default 3; see streak.ts) */
  tripAfter?: number;
  /** fewer finite values than this on either side: not evaluated (default 3) */
  minSamples?: number;
  /** evaluations closer than this to the last counted one do not move the count (default 30 s; see streak.ts) */
  intervalMs?: number;
}

export interface AbsoluteRule extends RuleBase {
  kind: 'absolute';
  /** largest allowed canary − baseline, in the metric's units (e.g. 200 for 200 ms) */
  threshold: number;
}

export interface RelativeRule extends RuleBase {
  kind: 'relative';
  /** largest allowed canary / baseline factor (e.g. 2 for "twice the baseline") */
  threshold: number;
  /** canary values at or below this never breach the rule (default DEFAULT_RELATIVE_FLOOR) */
  floor?: number;
}

export type Rule = AbsoluteRule | RelativeRule;

/** One window's check of a rule, before the streak decides whether it trips. */
export interface RuleCheck {
  rule: Rule;
  label: string;
  unit: string;
  statistic: RuleStatistic;
  /** false when either sample had too few finite values (or the metric is missing) */
  evaluated: boolean;
  /** this window crosses the limit */
  breached: boolean;
  canary: number | null;
  baseline: number | null;
  threshold: number;
  n: { canary: number; baseline: number };
  /** in the metric's label and unit, without a closing full stop: callers put it in their sentences */
  message: string;
}

export interface RuleSamples {
  canary: readonly number[];
  baseline: readonly number[];
  label?: string;
  unit?: string;
}

const STATISTIC_WORDS: Record<RuleStatistic, string> = { mean: 'window mean', last: 'last sample' };

function validate(rule: Rule): void {
  if (!Number.isFinite(rule.threshold)) throw new RangeError(`rule on "${rule.metric}" needs a finite threshold`);
  if (rule.tripAfter !== undefined && !(Number.isInteger(rule.tripAfter) && rule.tripAfter >= 1)) {
    throw new RangeError(`rule on "${rule.metric}" needs tripAfter to be a whole number ≥ 1`);
  }
  if (rule.minSamples !== undefined && !(Number.isInteger(rule.minSamples) && rule.minSamples >= 1)) {
    throw new RangeError(`rule on "${rule.metric}" needs minSamples to be a whole number ≥ 1`);
  }
  if (rule.intervalMs !== undefined && !(rule.intervalMs >= 0 && Number.isFinite(rule.intervalMs))) {
    throw new RangeError(`rule on "${rule.metric}" needs intervalMs to be a finite number ≥ 0`);
  }
  if (rule.kind === 'relative') {
    if (!(rule.threshold > 0)) throw new RangeError(`relative rule on "${rule.metric}" needs a factor > 0`);
    const floor = rule.floor ?? DEFAULT_RELATIVE_FLOOR;
    if (!(floor >= 0 && Number.isFinite(floor))) throw new RangeError(`relative rule on "${rule.metric}" needs a floor ≥ 0`);
  }
}

export function evaluateRule(rule: Rule, samples: RuleSamples | undefined): RuleCheck {
  validate(rule);
  const statistic = rule.statistic ?? 'mean';
  const label = samples?.label ?? rule.metric;
  const unit = samples?.unit ?? '';
  const value = (x: number) => formatMetricValue(x, unit);
  const what = `${label} (${STATISTIC_WORDS[statistic]})`;
  const c = finiteOnly(samples?.canary ?? []).values;
  const b = finiteOnly(samples?.baseline ?? []).values;
  const n = { canary: c.length, baseline: b.length };
  const reduce = statistic === 'mean' ? mean : last;
  const canary = reduce(c);
  const baseline = reduce(b);
  const common = { rule, label, unit, statistic, threshold: rule.threshold, n, canary, baseline };

  const minSamples = rule.minSamples ?? DEFAULT_RULE_MIN_SAMPLES;
  if (!samples || canary === null || baseline === null || n.canary < minSamples || n.baseline < minSamples) {
    const message = samples
      ? `${what}: too few samples to check (canary ${n.canary}, baseline ${n.baseline}; the rule needs ${minSamples} on each side)`
      : `${label}: not among the release's metrics, so the rule cannot be checked`;
    return { ...common, evaluated: false, breached: false, message };
  }

  if (rule.kind === 'absolute') {
    const delta = canary - baseline;
    const side = delta >= 0 ? `${value(delta)} above` : `${value(-delta)} below`;
    const message = `${what}: canary ${value(canary)} is ${side} baseline ${value(baseline)}; the limit is +${value(rule.threshold)}`;
    return { ...common, evaluated: true, breached: delta > rule.threshold, message };
  }

  const floor = rule.floor ?? DEFAULT_RELATIVE_FLOOR;
  const breached = canary > floor && canary > rule.threshold * baseline;
  const limit = `the limit is ${formatMetricNumber(rule.threshold)}×`;
  let message =
    baseline > 0
      ? `${what}: canary ${value(canary)} is ${formatMetricNumber(canary / baseline)}× baseline ${value(baseline)}; ${limit}`
      : `${what}: canary ${value(canary)} against a baseline of ${value(baseline)}; ${limit}`;
  if (canary <= floor) message += `, and ${value(floor)} or less never counts`;
  return { ...common, evaluated: true, breached, message };
}
