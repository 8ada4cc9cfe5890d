/**
 * Rollout objects as a Kubernetes API server stores them for Argo Rollouts v1.x: the shape of
 * argo-rollouts' examples/ and pkg/kubectl-argo-rollouts/info/testdata, written for Ringside's
 * fleet. Each call returns fresh copies, so a test may change them freely.
 */

export type KubeObject = Record<string, unknown> & {
  metadata: { name: string; namespace: string; resourceVersion?: string; generation?: number; [key: string]: unknown };
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
};

const at = (iso: string) => iso;

/** A Rollout as the API server stores it, generation 12 observed; `spec` and `status` override the defaults. */
export function rollout(name: string, namespace: string, spec: Record<string, unknown>, status: Record<string, unknown>, uid: string): KubeObject {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Rollout',
    metadata: {
      annotations: { 'rollout.argoproj.io/revision': '4' },
      creationTimestamp: at('2026-05-02T08:14:03Z'),
      generation: 12,
      labels: { app: name },
      name,
      namespace,
      resourceVersion: '41700',
      uid,
    },
    spec: {
      replicas: 10,
      revisionHistoryLimit: 3,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { creationTimestamp: null, labels: { app: name } },
        spec: { containers: [{ image: `registry.example/${name}:next`, name, ports: [{ containerPort: 8080, name: 'http', protocol: 'TCP' }], resources: {} }] },
      },
      ...spec,
    },
    status: {
      HPAReplicas: 10,
      availableReplicas: 10,
      blueGreen: {},
      readyReplicas: 10,
      replicas: 10,
      selector: `app=${name}`,
      updatedReplicas: 1,
      observedGeneration: '12',
      ...status,
    },
  };
}

const available = {
  lastTransitionTime: at('2026-05-14T09:00:02Z'),
  lastUpdateTime: at('2026-05-14T09:00:02Z'),
  message: 'Rollout has minimum availability',
  reason: 'AvailableReason',
  status: 'True',
  type: 'Available',
};

const trafficRouting = (name: string) => ({
  canaryService: `${name}-canary`,
  stableService: `${name}-stable`,
  trafficRouting: { nginx: { stableIngress: `${name}-ingress` } },
});

const weights = (name: string, canary: number, canaryHash: string, stableHash: string) => ({
  canary: { podTemplateHash: canaryHash, serviceName: `${name}-canary`, weight: canary },
  stable: { podTemplateHash: stableHash, serviceName: `${name}-stable`, weight: 100 - canary },
});

/** The canary steps of checkout: Ring 0 at 5 %, an untimed pause, Ring 1 at 25 %, analysis, then on. */
export const CHECKOUT_STEPS = [
  { setWeight: 5 },
  { pause: {} },
  { setWeight: 25 },
  { pause: { duration: '10m' } },
  { analysis: { templates: [{ templateName: 'success-rate' }], args: [{ name: 'service-name', value: 'checkout' }] } },
  { setWeight: 50 },
  { pause: { duration: 3600 } },
  { setWeight: 100 },
];

export function rolloutFixtures(): KubeObject[] {
  return [
    // Paused by its untimed step at Ring 0, behind an nginx traffic router.
    rollout(
      'checkout',
      'shop',
      { strategy: { canary: { ...trafficRouting('checkout'), steps: structuredClone(CHECKOUT_STEPS) } } },
      {
        canary: { weights: weights('checkout', 5, '6c9d8e7a5', '5b8c9d7f6') },
        conditions: [available],
        controllerPause: true,
        currentPodHash: '6c9d8e7a5',
        currentStepHash: '7d5f4b9c8',
        currentStepIndex: 1,
        message: 'CanaryPauseStep',
        pauseConditions: [{ reason: 'CanaryPauseStep', startTime: at('2026-05-14T09:41:07Z') }],
        phase: 'Paused',
        stableRS: '5b8c9d7f6',
      },
      '0f1e2d3c-0000-4000-8000-000000000001',
    ),
    // Running the analysis of step 4.
    rollout(
      'payments',
      'shop',
      { strategy: { canary: { steps: structuredClone(CHECKOUT_STEPS) } } },
      {
        canary: {
          currentStepAnalysisRun: 'payments-7f9c6d5b4-4',
          currentStepAnalysisRunStatus: { name: 'payments-7f9c6d5b4-4', status: 'Running' },
        },
        conditions: [available],
        currentPodHash: '7f9c6d5b4',
        currentStepHash: '6b4d8f7c9',
        currentStepIndex: 4,
        message: 'more replicas need to be updated',
        phase: 'Progressing',
        stableRS: '4a8b7c6d5',
      },
      '0f1e2d3c-0000-4000-8000-000000000002',
    ),
    // Analysis came back inconclusive: the controller paused it and waits for a person.
    rollout(
      'cart',
      'shop',
      { strategy: { canary: { steps: structuredClone(CHECKOUT_STEPS) } } },
      {
        canary: {
          currentStepAnalysisRun: 'cart-5d7c9b8a6-4',
          currentStepAnalysisRunStatus: { message: 'Metric "latency" assessed Inconclusive', name: 'cart-5d7c9b8a6-4', status: 'Inconclusive' },
        },
        conditions: [available],
        controllerPause: true,
        currentPodHash: '5d7c9b8a6',
        currentStepIndex: 4,
        message: 'InconclusiveAnalysisRun',
        pauseConditions: [{ reason: 'InconclusiveAnalysisRun', startTime: at('2026-05-14T10:02:41Z') }],
        phase: 'Paused',
        stableRS: '3c6b5a4d9',
      },
      '0f1e2d3c-0000-4000-8000-000000000003',
    ),
    // Aborted by a failed analysis: all traffic back on stable.
    rollout(
      'recommendations',
      'shop',
      { strategy: { canary: { ...trafficRouting('recommendations'), steps: structuredClone(CHECKOUT_STEPS) } } },
      {
        abort: true,
        abortedAt: at('2026-05-14T08:55:19Z'),
        canary: {
          currentStepAnalysisRunStatus: {
            message: 'Metric "error-rate" assessed Failed due to failed (3) > failureLimit (2)',
            name: 'recommendations-8e6f5d4c3-4',
            status: 'Failed',
          },
          weights: weights('recommendations', 0, '8e6f5d4c3', '9a7b6c5d4'),
        },
        conditions: [available],
        currentPodHash: '8e6f5d4c3',
        currentStepIndex: 0,
        message: 'RolloutAborted: Rollout aborted update to revision 4: Metric "error-rate" assessed Failed due to failed (3) > failureLimit (2)',
        phase: 'Degraded',
        stableRS: '9a7b6c5d4',
      },
      '0f1e2d3c-0000-4000-8000-000000000004',
    ),
    // In an experiment step: baseline and canary ReplicaSets side by side for 30 minutes.
    rollout(
      'search',
      'search',
      {
        strategy: {
          canary: {
            steps: [
              { setWeight: 10 },
              {
                experiment: {
                  duration: '30m',
                  templates: [
                    { name: 'baseline', replicas: 1, specRef: 'stable' },
                    { name: 'canary', replicas: 1, specRef: 'canary' },
                  ],
                  analyses: [{ name: 'compare', templateName: 'mann-whitney' }],
                },
              },
              { setCanaryScale: { weight: 25 } },
              { setWeight: 40 },
              { pause: { duration: '1h30m' } },
            ],
          },
        },
      },
      {
        canary: { currentExperiment: 'search-6f646bf7b7-1-vcv27' },
        conditions: [available],
        currentPodHash: '6f646bf7b7',
        currentStepIndex: 1,
        phase: 'Progressing',
        stableRS: 'f6db98dff',
      },
      '0f1e2d3c-0000-4000-8000-000000000005',
    ),
    // Every step done: the new ReplicaSet is the stable one.
    rollout(
      'indexer',
      'search',
      { strategy: { canary: { steps: [{ setWeight: 50 }, { pause: { duration: 60 } }] } } },
      {
        canary: {},
        conditions: [available],
        currentPodHash: '58c7d6f9b',
        currentStepIndex: 2,
        phase: 'Healthy',
        stableRS: '58c7d6f9b',
      },
      '0f1e2d3c-0000-4000-8000-000000000006',
    ),
    // Blue-green has no steps: only a pre-promotion pause.
    rollout(
      'profile',
      'shop',
      { strategy: { blueGreen: { activeService: 'profile-active', previewService: 'profile-preview', autoPromotionEnabled: false } } },
      {
        blueGreen: { activeSelector: '4d5e6f7a8', previewSelector: '9b8c7d6e5' },
        controllerPause: true,
        currentPodHash: '9b8c7d6e5',
        message: 'BlueGreenPause',
        pauseConditions: [{ reason: 'BlueGreenPause', startTime: at('2026-05-14T09:58:00Z') }],
        phase: 'Paused',
        stableRS: '4d5e6f7a8',
      },
      '0f1e2d3c-0000-4000-8000-000000000007',
    ),
  ];
}
