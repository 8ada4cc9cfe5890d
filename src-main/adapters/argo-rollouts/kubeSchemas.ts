import { z } from 'zod';

/**
 * The part of an argoproj.io/v1alpha1 Rollout that Ringside reads (pkg/apis/rollouts/v1alpha1
 * types.go). Objects stay loose: a newer controller's extra fields must not break reading.
 */

const Duration = z.union([z.number(), z.string()]);

export const KubeCanaryStep = z.looseObject({
  setWeight: z.number().int().optional(),
  pause: z.looseObject({ duration: Duration.optional() }).optional(),
  analysis: z
    .looseObject({
      templates: z.array(z.looseObject({ templateName: z.string() })).optional(),
      /** the single-template form of early versions */
      templateName: z.string().optional(),
    })
    .optional(),
  experiment: z
    .looseObject({
      duration: Duration.optional(),
      templates: z.array(z.looseObject({ name: z.string() })).optional(),
    })
    .optional(),
});
export type KubeCanaryStep = z.infer<typeof KubeCanaryStep>;

const AnalysisRunStatus = z.looseObject({ name: z.string(), status: z.string(), message: z.string().optional() });
const WeightDestination = z.looseObject({ weight: z.number() });

export const KubeRollout = z.looseObject({
  metadata: z.looseObject({ name: z.string(), namespace: z.string(), resourceVersion: z.string().optional() }),
  spec: z.looseObject({
    paused: z.boolean().optional(),
    strategy: z
      .looseObject({
        canary: z.looseObject({ steps: z.array(KubeCanaryStep).nullish() }).optional(),
        blueGreen: z.looseObject({}).optional(),
      })
      .optional(),
  }),
  status: z
    .looseObject({
      phase: z.string().optional(),
      message: z.string().optional(),
      abort: z.boolean().optional(),
      controllerPause: z.boolean().optional(),
      promoteFull: z.boolean().optional(),
      pauseConditions: z.array(z.looseObject({ reason: z.string(), startTime: z.string().optional() })).nullish(),
      currentStepIndex: z.number().int().nullish(),
      currentPodHash: z.string().optional(),
      stableRS: z.string().optional(),
      canary: z
        .looseObject({
          weights: z.looseObject({ canary: WeightDestination, stable: WeightDestination }).nullish(),
          currentStepAnalysisRunStatus: AnalysisRunStatus.nullish(),
          /** where versions before 1.0 kept the stable hash */
          stableRS: z.string().optional(),
        })
        .nullish(),
    })
    .nullish(),
});
export type KubeRollout = z.infer<typeof KubeRollout>;

export const KubeRolloutList = z.looseObject({
  items: z.array(z.unknown()).nullable(),
  metadata: z.looseObject({ continue: z.string().optional() }).optional(),
});
