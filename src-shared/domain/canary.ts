import { z } from 'zod';

export const MetricDirection = z.enum(['increase', 'decrease', 'either']);

export const MetricDef = z.object({
  id: z.string(),
  label: z.string(),
  unit: z.string(),
  /** the direction in which a change hurts users */
  harmful: MetricDirection,
  /** share of the canary score (default 1) */
  weight: z.number().nonnegative().optional(),
  /** a failing critical metric fails the whole verdict (default false) */
  critical: z.boolean().optional(),
  /** smallest relative change of the mean that counts (default 0.05) */
  tolerance: z.number().nonnegative().optional(),
});
export type MetricDef = z.infer<typeof MetricDef>;

export const SeriesPoint = z.tuple([z.number(), z.number()]);
export type SeriesPoint = z.infer<typeof SeriesPoint>;

export const CanaryGroup = z.enum(['canary', 'baseline']);
export type CanaryGroup = z.infer<typeof CanaryGroup>;

export const MetricSeries = z.object({
  metric: z.string(),
  group: CanaryGroup,
  points: z.array(SeriesPoint),
});
export type MetricSeries = z.infer<typeof MetricSeries>;

export const Release = z.object({
  id: z.string(),
  service: z.string(),
  version: z.string(),
  flag: z.string().nullable(),
  rollout: z.string().nullable(),
  startedAt: z.number(),
  metrics: z.array(MetricDef),
});
export type Release = z.infer<typeof Release>;

export const VerdictOutcome = z.enum(['pass', 'marginal', 'fail', 'inconclusive']);
export type VerdictOutcome = z.infer<typeof VerdictOutcome>;
