import { z } from 'zod';

export const RolloutStep = z.object({
  kind: z.enum(['setWeight', 'pause', 'analysis', 'experiment']),
  weight: z.number().nullable(),
  durationSeconds: z.number().nullable(),
});
export type RolloutStep = z.infer<typeof RolloutStep>;

export const Rollout = z.object({
  name: z.string(),
  namespace: z.string(),
  phase: z.string(),
  message: z.string().nullable(),
  currentStepIndex: z.number().int().nullable(),
  canaryWeight: z.number(),
  steps: z.array(RolloutStep),
  aborted: z.boolean(),
  paused: z.boolean(),
});
export type Rollout = z.infer<typeof Rollout>;
