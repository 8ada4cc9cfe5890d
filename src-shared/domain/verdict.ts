import { z } from 'zod';
import { MetricDirection, VerdictOutcome } from './canary';

/** One metric's comparison, with every number that decided it (see core/canary/judge). */
export const MetricVerdict = z.object({
  id: z.string(),
  /** the metric's label and unit as the release defines them (absent in verdicts stored before they were carried) */
  label: z.string().optional(),
  unit: z.string().optional(),
  classification: z.enum(['High', 'Low', 'Pass', 'NoData']),
  harmful: MetricDirection,
  failing: z.boolean(),
  critical: z.boolean(),
  weight: z.number(),
  reason: z.string(),
  n: z.object({ canary: z.number(), baseline: z.number() }),
  mean: z.object({ canary: z.number().nullable(), baseline: z.number().nullable() }),
  ratio: z.number().nullable(),
  pValue: z.number().nullable(),
  shift: z.number().nullable(),
  ci: z.object({ lower: z.number(), upper: z.number() }).nullable(),
  method: z.enum(['exact', 'normal']).nullable(),
});
export type MetricVerdict = z.infer<typeof MetricVerdict>;

/**
 * Where a hard rule's count of consecutive breaches stands (core/canary/judge/streak.ts says
 * what counts). Kept with the guard's state so a restart continues the count.
 */
export const RuleStreak = z.object({
  /** which rule: kind, metric, statistic and threshold */
  key: z.string(),
  breaches: z.number().int().min(0),
  /** the window end of the last evaluation that counted; null before any did */
  countedAt: z.number().nullable(),
});
export type RuleStreak = z.infer<typeof RuleStreak>;

/**
 * A hard stop-the-line rule beside the statistics. The fields after `message` are absent in
 * verdicts stored before rules counted consecutive breaches; such a rule tripped on one breach.
 */
export const RuleVerdict = z.object({
  kind: z.enum(['absolute', 'relative']),
  metric: z.string(),
  threshold: z.number(),
  /** the rule fails the verdict: it breached on `tripAfter` consecutive evaluations */
  tripped: z.boolean(),
  canary: z.number().nullable(),
  baseline: z.number().nullable(),
  /** in the metric's label and unit: "Latency p95 (window mean): canary 335 ms is 153 ms above baseline 182 ms; the limit is +200 ms" */
  message: z.string(),
  key: z.string().optional(),
  label: z.string().optional(),
  unit: z.string().optional(),
  statistic: z.enum(['mean', 'last']).optional(),
  /** this window's numbers cross the limit */
  breached: z.boolean().optional(),
  /** both samples had enough values to check the rule */
  evaluated: z.boolean().optional(),
  /** consecutive breaching evaluations so far, this one included when it counted */
  breaches: z.number().int().min(0).optional(),
  /** how many consecutive breaches trip the rule */
  tripAfter: z.number().int().min(1).optional(),
  /** whether this evaluation moved the count (false: too soon after the last one, or too few samples) */
  counted: z.boolean().optional(),
  countedAt: z.number().nullable().optional(),
});
export type RuleVerdict = z.infer<typeof RuleVerdict>;

/** What decided a verdict: a tripped rule, a failing critical metric, too little data, or the score. */
export const VerdictDecider = z.enum(['rule', 'critical', 'data', 'score']);
export type VerdictDecider = z.infer<typeof VerdictDecider>;

export const Verdict = z.object({
  releaseId: z.string(),
  outcome: VerdictOutcome,
  score: z.number().nullable(),
  /** one sentence naming what decided the outcome */
  reason: z.string(),
  decidedBy: VerdictDecider.optional(),
  decidedAt: z.number(),
  /** the samples compared: every number of this verdict comes from this window */
  window: z.object({ from: z.number(), to: z.number() }),
  /** true when the samples came from the local cache because the metrics store did not answer */
  stale: z.boolean(),
  metrics: z.array(MetricVerdict),
  rules: z.array(RuleVerdict),
});
export type Verdict = z.infer<typeof Verdict>;

/** A release action drawn on the canary charts' time axis. */
export const ChartMarker = z.object({
  time: z.number(),
  kind: z.enum(['flag', 'kill', 'rollout', 'guard', 'verdict']),
  label: z.string(),
  actor: z.string(),
});
export type ChartMarker = z.infer<typeof ChartMarker>;
