import type { RuleVerdict, VerdictDecider } from '../../../../src-shared/domain/verdict';
import { formatWindowLength } from '../../../../src-shared/format/metricValue';
import { formatClockSeconds } from '../../format/time';

/** What every view needs of a verdict to say what decided it (a canary Verdict or a ring's GateVerdict). */
export interface DecidedVerdict {
  outcome: string;
  score: number | null;
  decidedBy?: VerdictDecider;
  rules: readonly RuleVerdict[];
  metrics: readonly { label?: string; id?: string; metric?: string; failing: boolean; critical?: boolean }[];
}

const labelOf = (m: DecidedVerdict['metrics'][number]) => m.label ?? m.id ?? m.metric ?? 'a metric';

/** Verdicts stored before they named their decider: a tripped rule decided, or else the score. */
export const deciderOf = (v: DecidedVerdict): VerdictDecider => v.decidedBy ?? (v.rules.some((r) => r.tripped) ? 'rule' : 'score');

/** "2 of 3 breaches"; a rule stored before counts were kept tripped on its first. */
export function breachCount(rule: RuleVerdict): string {
  const limit = rule.tripAfter ?? 1;
  const breaches = rule.breaches ?? (rule.tripped ? 1 : 0);
  return `${breaches} of ${limit} ${limit === 1 ? 'breach' : 'breaches'}`;
}

/** In a few words, what decided the outcome: never "fail" beside a score without the rule that failed it. */
export function decidedText(v: DecidedVerdict): string {
  const by = deciderOf(v);
  if (by === 'rule') {
    const rule = v.rules.find((r) => r.tripped);
    return rule ? `stop-the-line rule on ${rule.label ?? rule.metric} (${breachCount(rule)})` : 'a stop-the-line rule';
  }
  if (by === 'critical') {
    const metric = v.metrics.find((m) => m.failing && m.critical !== false) ?? v.metrics.find((m) => m.failing);
    return metric ? `critical metric ${labelOf(metric)} fails` : 'a critical metric fails';
  }
  if (by === 'data') return 'too little data';
  return v.score === null ? 'no score' : `score ${Math.round(v.score)} / 100`;
}

/** The score, when something other than the score decided: said as not deciding. */
export function asideScore(v: DecidedVerdict): string | null {
  if (deciderOf(v) === 'score' || v.score === null) return null;
  return `score ${Math.round(v.score)} / 100`;
}

/** "last 30 min to 12:03:03": the window every number of the verdict comes from. */
export function windowText(window: { from: number; to: number }): string {
  return `last ${formatWindowLength(window.to - window.from)} to ${formatClockSeconds(window.to)}`;
}
