import { z } from 'zod';

/**
 * One canary step as Argo declares it. `other` keeps steps Ringside does not model
 * (setCanaryScale, setHeaderRoute, plugin…) so currentStepIndex still points at the right one.
 */
export const RolloutStep = z.object({
  kind: z.enum(['setWeight', 'pause', 'analysis', 'experiment', 'other']),
  weight: z.number().nullable(),
  /** pause duration, or experiment duration; null for an untimed pause */
  durationSeconds: z.number().nullable(),
  /** analysis or experiment template names; empty for other kinds */
  templates: z.array(z.string()),
  /** the step's own key when kind is `other` (e.g. `setCanaryScale`), what could not be read (a bad duration), else null */
  detail: z.string().nullable(),
});
export type RolloutStep = z.infer<typeof RolloutStep>;

/** Why the controller holds a rollout (status.pauseConditions). */
export const PauseCondition = z.object({
  /** CanaryPauseStep, BlueGreenPause, AnalysisRunInconclusive, InconclusiveExperiment */
  reason: z.string(),
  /** epoch ms, null when the server gave none */
  startTime: z.number().nullable(),
});
export type PauseCondition = z.infer<typeof PauseCondition>;

/** The AnalysisRun of the current step (status.canary.currentStepAnalysisRunStatus). */
export const StepAnalysisRun = z.object({
  name: z.string(),
  /** Pending, Running, Successful, Failed, Error, Inconclusive */
  status: z.string(),
  message: z.string().nullable(),
});
export type StepAnalysisRun = z.infer<typeof StepAnalysisRun>;

export const Rollout = z.object({
  name: z.string(),
  namespace: z.string(),
  /** Progressing, Paused, Healthy, Degraded; as the controller reports it */
  phase: z.string(),
  message: z.string().nullable(),
  /** null when the strategy has no steps; steps.length once every step is done */
  currentStepIndex: z.number().int().nullable(),
  /** the weight the steps have set the canary to so far */
  canaryWeight: z.number(),
  steps: z.array(RolloutStep),
  /** status.abort */
  aborted: z.boolean(),
  /** held: spec.paused or any pause condition */
  paused: z.boolean(),
  /** spec.paused alone: a person paused it, not a step */
  specPaused: z.boolean(),
  pauseConditions: z.array(PauseCondition),
  /** status.promoteFull: skipping the remaining steps */
  promoteFull: z.boolean(),
  /** traffic-router weights (status.canary.weights); null without traffic routing */
  weights: z.object({ canary: z.number(), stable: z.number() }).nullable(),
  currentStepAnalysisRun: StepAnalysisRun.nullable(),
  /** pod-template hash of the stable ReplicaSet */
  stableRS: z.string().nullable(),
  /** pod-template hash of the ReplicaSet being rolled out */
  currentPodHash: z.string().nullable(),
  /** epoch ms when this was read from the controller, to show its age */
  observedAt: z.number(),
});
export type Rollout = z.infer<typeof Rollout>;
