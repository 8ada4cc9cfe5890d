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
/** a field Ringside only displays: a wrong type reads as absent instead of making the whole object unreadable */
const shown = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);
const Count = shown(z.number().int());
const Containers = shown(z.array(z.looseObject({ name: shown(z.string()), image: shown(z.string()) })));
const Condition = z.looseObject({ type: z.string(), reason: shown(z.string()), message: shown(z.string()), status: shown(z.string()) });

export const KubeRollout = z.looseObject({
  metadata: z.looseObject({
    name: z.string(),
    namespace: z.string(),
    resourceVersion: z.string().optional(),
    uid: shown(z.string()),
    generation: Count,
    annotations: shown(z.record(z.string(), z.string())),
  }),
  spec: z.looseObject({
    paused: z.boolean().optional(),
    replicas: shown(z.number().int().nullable()),
    restartAt: shown(z.string().nullable()),
    workloadRef: shown(z.looseObject({ kind: shown(z.string()), name: shown(z.string()) }).nullable()),
    template: shown(z.looseObject({ spec: shown(z.looseObject({ containers: Containers })) })),
    strategy: z
      .looseObject({
        canary: z
          .looseObject({
            steps: z.array(KubeCanaryStep).nullish(),
            canaryService: shown(z.string()),
            stableService: shown(z.string()),
            trafficRouting: shown(z.looseObject({ maxTrafficWeight: shown(z.number().int().positive()) }).nullable()),
          })
          .optional(),
        blueGreen: z
          .looseObject({
            activeService: shown(z.string()),
            previewService: shown(z.string()),
            autoPromotionEnabled: shown(z.boolean()),
            postPromotionAnalysis: shown(z.looseObject({}).nullable()),
          })
          .optional(),
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
      /** numeric since 0.10; a pod-template hash before, which never counts as unobserved */
      observedGeneration: shown(z.union([z.string(), z.number()])),
      workloadObservedGeneration: shown(z.string()),
      restartedAt: shown(z.string().nullable()),
      conditions: shown(z.array(Condition).nullable()),
      replicas: Count,
      updatedReplicas: Count,
      readyReplicas: Count,
      availableReplicas: Count,
      blueGreen: shown(
        z
          .looseObject({
            activeSelector: shown(z.string()),
            previewSelector: shown(z.string()),
            postPromotionAnalysisRunStatus: shown(AnalysisRunStatus.nullable()),
          })
          .nullable(),
      ),
      canary: z
        .looseObject({
          weights: z.looseObject({ canary: WeightDestination, stable: WeightDestination }).nullish(),
          currentStepAnalysisRunStatus: AnalysisRunStatus.nullish(),
          currentExperiment: shown(z.string()),
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

/** An apps/v1 ReplicaSet, the part the plugin reads (info/replicaset_info.go). */
export const KubeReplicaSet = z.looseObject({
  metadata: z.looseObject({
    name: z.string(),
    creationTimestamp: shown(z.string()),
    labels: shown(z.record(z.string(), z.string())),
    annotations: shown(z.record(z.string(), z.string())),
    ownerReferences: shown(z.array(z.looseObject({ uid: z.string(), kind: shown(z.string()) }))),
  }),
  spec: shown(z.looseObject({ replicas: Count, template: shown(z.looseObject({ spec: shown(z.looseObject({ containers: Containers })) })) })),
  status: shown(z.looseObject({ replicas: Count, availableReplicas: Count, readyReplicas: Count })),
});
export type KubeReplicaSet = z.infer<typeof KubeReplicaSet>;
