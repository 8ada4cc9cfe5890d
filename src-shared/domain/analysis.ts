import { z } from 'zod';

/** One measurement Argo's analysis controller took of a metric (status.metricResults[].measurements[]). */
export const Measurement = z.object({
  /** the provider's result as Argo stores it: a string such as "0.993" or "[0.99]"; null while pending */
  value: z.string().nullable(),
  /** Pending, Running, Successful, Failed, Error, Inconclusive */
  phase: z.string(),
  /** epoch ms, null when the controller gave none */
  startedAt: z.number().nullable(),
  finishedAt: z.number().nullable(),
  message: z.string().nullable(),
});
export type Measurement = z.infer<typeof Measurement>;

/** A metric of an AnalysisRun: its conditions (spec) and what was counted (status). */
export const AnalysisMetric = z.object({
  name: z.string(),
  phase: z.string(),
  successCondition: z.string().nullable(),
  failureCondition: z.string().nullable(),
  failureLimit: z.number().nullable(),
  count: z.number(),
  successful: z.number(),
  failed: z.number(),
  inconclusive: z.number(),
  error: z.number(),
  consecutiveError: z.number(),
  message: z.string().nullable(),
  /** oldest first, as the controller keeps them */
  measurements: z.array(Measurement),
});
export type AnalysisMetric = z.infer<typeof AnalysisMetric>;

/** An AnalysisRun a rollout owns, as `kubectl argo rollouts get rollout` lists it. */
export const AnalysisRunView = z.object({
  name: z.string(),
  namespace: z.string(),
  phase: z.string(),
  message: z.string().nullable(),
  /** the rollout revision it analysed (annotation rollout.argoproj.io/revision) */
  revision: z.number().nullable(),
  /** epoch ms */
  createdAt: z.number().nullable(),
  startedAt: z.number().nullable(),
  metrics: z.array(AnalysisMetric),
});
export type AnalysisRunView = z.infer<typeof AnalysisRunView>;

/** Where a rollout's spec names an AnalysisTemplate. */
export const TemplateReference = z.object({
  /** e.g. "step 5", "background analysis", "prePromotionAnalysis" */
  where: z.string(),
  templateName: z.string(),
});
export type TemplateReference = z.infer<typeof TemplateReference>;

/** What installing a gate as an AnalysisTemplate left in the cluster, read back from the server. */
export const GateInstall = z.object({
  name: z.string(),
  namespace: z.string(),
  operation: z.enum(['created', 'updated']),
  resourceVersion: z.string().nullable(),
  metrics: z.array(z.string()),
  /** the rollout's references to this template; empty: nothing runs it yet */
  references: z.array(TemplateReference),
  /** every template the rollout names, to show what it runs instead */
  otherTemplates: z.array(TemplateReference),
});
export type GateInstall = z.infer<typeof GateInstall>;
