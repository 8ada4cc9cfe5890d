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

/** How the rollout moves traffic, as `kubectl argo rollouts get` names it. */
export const RolloutStrategy = z.object({
  kind: z.enum(['canary', 'blueGreen', 'unknown']),
  /** the canary's traffic router (nginx, istio, alb, plugins…); null for a basic canary and blue-green */
  trafficRouter: z.string().nullable(),
  /** canaryService / activeService */
  primaryService: z.string().nullable(),
  /** stableService / previewService */
  secondaryService: z.string().nullable(),
  /** blue-green: status.blueGreen selectors (pod-template hashes) and whether promotion is automatic */
  activeSelector: z.string().nullable(),
  previewSelector: z.string().nullable(),
  autoPromotion: z.boolean().nullable(),
});
export type RolloutStrategy = z.infer<typeof RolloutStrategy>;

/** The canary's weights as the plugin derives them, out of `max` (trafficRouting.maxTrafficWeight, else 100). */
export const CanaryWeights = z.object({
  set: z.number(),
  /** null when it needs the ReplicaSets (a basic canary) and they were not read */
  actual: z.number().nullable(),
  max: z.number(),
});
export type CanaryWeights = z.infer<typeof CanaryWeights>;

export const ReplicaSetRole = z.enum(['stable', 'canary', 'active', 'preview']);
export const RolloutReplicaSet = z.object({
  name: z.string(),
  podTemplateHash: z.string().nullable(),
  roles: z.array(ReplicaSetRole),
  images: z.array(z.string()),
  replicas: z.number(),
  available: z.number(),
});
export const RolloutRevision = z.object({ revision: z.number(), replicaSets: z.array(RolloutReplicaSet) });
export type RolloutRevision = z.infer<typeof RolloutRevision>;

export const Rollout = z.object({
  name: z.string(),
  namespace: z.string(),
  /** Progressing, Paused, Healthy, Degraded: the controller's GetRolloutPhase */
  phase: z.string(),
  /** the message GetRolloutPhase gives with it (e.g. "ProgressDeadlineExceeded: …"); null when empty */
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
  // What `kubectl argo rollouts get rollout` shows beside the phase. Optional: providers that
  // cannot tell (the demo) leave them out.
  strategy: RolloutStrategy.optional(),
  /** null for blue-green */
  weight: CanaryWeights.nullable().optional(),
  /** the images of the pod template (empty for a workloadRef whose Deployment was not read) */
  images: z.array(z.string()).optional(),
  /** newest first; null when the ReplicaSets were not read */
  revisions: z.array(RolloutRevision).nullable().optional(),
  /** status.canary.currentExperiment; phase null until the Experiment itself is read */
  currentExperiment: z.object({ name: z.string(), phase: z.string().nullable() }).nullable().optional(),
});
export type Rollout = z.infer<typeof Rollout>;
