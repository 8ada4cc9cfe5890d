import { z } from 'zod';
import { MetricDirection, VerdictOutcome } from './canary';

/** One metric's comparison, with every number that decided it (see core/canary/judge). */
export const MetricVerdict = z.object({
  id: z.string(),
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

/** A hard stop-the-line rule beside the statistics. */
export const RuleVerdict = z.object({
  kind: z.enum(['absolute', 'relative']),
  metric: z.string(),
  threshold: z.number(),
  tripped: z.boolean(),
  canary: z.number().nullable(),
  baseline: z.number().nullable(),
  message: z.string(),
});
export type RuleVerdict = z.infer<typeof RuleVerdict>;

export const Verdict = z.object({
  releaseId: z.string(),
  outcome: VerdictOutcome,
  score: z.number().nullable(),
  reason: z.string(),
  decidedAt: z.number(),
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
