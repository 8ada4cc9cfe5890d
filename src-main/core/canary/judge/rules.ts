/**
 * Hard stop-the-line rules, checked beside the statistics. A statistical test needs a
 * pattern across many samples; these catch the regression too plain to wait for one. A tripped
 * rule fails the verdict at once.
 *
 * Each rule reduces both samples to one number with its statistic: 'mean' (default) or 'last'
 * (the final finite value, i.e. the last window: "last-window p95" when the series is a p95).
 *
 *  absolute  trips when canary − baseline > threshold (strictly: exactly 200 ms above a
 *            200 ms limit is not "more than"). Units are the metric's own.
 *  relative  trips when canary > threshold × baseline AND canary > floor. Meant for
 *            non-negative metrics such as error rates. The floor (default 1e-6, in the
 *            metric's units) decides the zero-baseline case: 0 × 2 = 0, so any canary value
 *            would be "more than twice" a clean baseline, and without a floor a canary showing
 *            1e-12 of float noise from rate arithmetic would stop a release. Set it to the
 *            smallest value worth stopping for (e.g. 0.001 for a 0.1% error rate).
 * A rule whose metric is missing or has no finite values cannot trip; it says so
 * (evaluated: false) rather than failing silently either way.
 */
import { finiteOnly, last, mean } from './samples';

export type RuleStatistic = 'mean' | 'last';

export const DEFAULT_RELATIVE_FLOOR = 1e-6;

export interface AbsoluteRule {
  kind: 'absolute';
  metric: string;
  /** largest allowed canary − baseline, in the metric's units (e.g. 200 for 200 ms) */
  threshold: number;
  statistic?: RuleStatistic;
}

export interface RelativeRule {
  kind: 'relative';
  metric: string;
  /** largest allowed canary / baseline factor (e.g. 2 for "twice the baseline") */
  threshold: number;
  statistic?: RuleStatistic;
  /** canary values at or below this never trip the rule (default DEFAULT_RELATIVE_FLOOR) */
  floor?: number;
}

export type Rule = AbsoluteRule | RelativeRule;

export interface RuleResult {
  tripped: boolean;
  /** false when the metric had no finite values to compare */
  evaluated: boolean;
  rule: Rule;
  canary: number | null;
  baseline: number | null;
  threshold: number;
  message: string;
}

export interface RuleSamples {
  canary: readonly number[];
  baseline: readonly number[];
}

const fmt = (x: number) => String(Number(x.toPrecision(4)));

function validate(rule: Rule): void {
  if (!Number.isFinite(rule.threshold)) throw new RangeError(`rule on "${rule.metric}" needs a finite threshold`);
  if (rule.kind === 'relative') {
    if (!(rule.threshold > 0)) throw new RangeError(`relative rule on "${rule.metric}" needs a factor > 0`);
    const floor = rule.floor ?? DEFAULT_RELATIVE_FLOOR;
    if (!(floor >= 0 && Number.isFinite(floor))) throw new RangeError(`relative rule on "${rule.metric}" needs a floor ≥ 0`);
  }
}

export function evaluateRule(rule: Rule, samples: RuleSamples | undefined): RuleResult {
  validate(rule);
  const statistic = rule.statistic ?? 'mean';
  const reduce = statistic === 'mean' ? mean : last;
  const canary = samples ? reduce(finiteOnly(samples.canary).values) : null;
  const baseline = samples ? reduce(finiteOnly(samples.baseline).values) : null;
  const common = { rule, canary, baseline, threshold: rule.threshold };
  const what = `${rule.metric} (${statistic})`;

  if (canary === null || baseline === null) {
    const missing = samples ? 'has no usable values' : 'is not among the metrics';
    return { ...common, tripped: false, evaluated: false, message: `${what} ${missing}; the rule could not be checked.` };
  }

  if (rule.kind === 'absolute') {
    const delta = canary - baseline;
    const tripped = delta > rule.threshold;
    const message = tripped
      ? `${what}: canary ${fmt(canary)} is ${fmt(delta)} above baseline ${fmt(baseline)}, more than the ${fmt(rule.threshold)} limit.`
      : `${what}: canary ${fmt(canary)} is within ${fmt(rule.threshold)} of baseline ${fmt(baseline)}.`;
    return { ...common, tripped, evaluated: true, message };
  }

  const floor = rule.floor ?? DEFAULT_RELATIVE_FLOOR;
  const tripped = canary > floor && canary > rule.threshold * baseline;
  const times = `${fmt(rule.threshold)}×`;
  let message: string;
  if (tripped) message = `${what}: canary ${fmt(canary)} is more than ${times} baseline ${fmt(baseline)}.`;
  else if (canary <= floor) message = `${what}: canary ${fmt(canary)} is at or below the ${fmt(floor)} floor.`;
  else message = `${what}: canary ${fmt(canary)} is within ${times} baseline ${fmt(baseline)}.`;
  return { ...common, tripped, evaluated: true, message };
}
