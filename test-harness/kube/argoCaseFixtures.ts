/**
 * One Rollout per case of Argo's phase rule and of the plugin's display, shaped like the objects in
 * argo-rollouts' examples/ and pkg/kubectl-argo-rollouts/info/testdata, in namespace `argo`; and the
 * ReplicaSets they own. `expected` is what Argo's rules give for each (GetRolloutPhase, NewRolloutInfo).
 */
import { rollout, type KubeObject } from './rolloutFixtures';

const NS = 'argo';
const uid = (n: number) => `7a1b2c3d-0000-4000-8000-${String(n).padStart(12, '0')}`;
const counts = (replicas: number, updated: number, available = replicas) => ({ replicas, updatedReplicas: updated, readyReplicas: available, availableReplicas: available, HPAReplicas: replicas });
const progressing = (reason: string, message: string, status = 'False') => ({
  type: 'Progressing', status, reason, message, lastTransitionTime: '2026-05-14T09:20:00Z', lastUpdateTime: '2026-05-14T09:20:00Z',
});
const nginx = (extra: Record<string, unknown> = {}) => ({ canaryService: 'web-canary', stableService: 'web-stable', trafficRouting: { nginx: { stableIngress: 'web' }, ...extra } });
const STEPS = [{ setWeight: 20 }, { pause: {} }, { setWeight: 40 }, { pause: { duration: '10s' } }];

export interface ExpectedCase {
  phase: string;
  message: string | null;
  strategy: 'canary' | 'blueGreen';
  trafficRouter: string | null;
  /** set / actual / max weight; null for blue-green. actual without ReplicaSets read */
  weight: { set: number; actual: number | null; max: number } | null;
  /** actual weight once the ReplicaSets are read, where it differs */
  actualWithReplicaSets?: number;
}

export const EXPECTED: Record<string, ExpectedCase> = {
  'canary-traffic-routed': { phase: 'Paused', message: 'CanaryPauseStep', strategy: 'canary', trafficRouter: 'nginx', weight: { set: 200, actual: 200, max: 1000 } },
  'canary-basic': { phase: 'Paused', message: 'CanaryPauseStep', strategy: 'canary', trafficRouter: null, weight: { set: 20, actual: null, max: 100 }, actualWithReplicaSets: 20 },
  'blue-green': { phase: 'Paused', message: 'BlueGreenPause', strategy: 'blueGreen', trafficRouter: null, weight: null },
  'experiment-step': {
    phase: 'Degraded', message: 'ProgressDeadlineExceeded: ReplicaSet "experiment-step-6d9f8c7b5" has timed out progressing.', strategy: 'canary', trafficRouter: null,
    weight: { set: 20, actual: null, max: 100 }, actualWithReplicaSets: 0,
  },
  aborted: {
    phase: 'Degraded', message: 'RolloutAborted: metric "web" assessed Failed due to failed (1) > failureLimit (0)', strategy: 'canary', trafficRouter: 'nginx',
    weight: { set: 0, actual: 0, max: 100 },
  },
  'invalid-spec': {
    phase: 'Degraded', message: 'InvalidSpec: The Rollout "invalid-spec" is invalid: spec.strategy.canary.steps[0].setWeight: Invalid value: 120: must be between 0 and 100', strategy: 'canary', trafficRouter: null,
    weight: { set: 120, actual: null, max: 100 }, actualWithReplicaSets: 0,
  },
  'progress-deadline': { phase: 'Degraded', message: 'ProgressDeadlineExceeded: ReplicaSet "progress-deadline-58c7d6f9b" has timed out progressing.', strategy: 'canary', trafficRouter: 'nginx', weight: { set: 40, actual: 40, max: 100 } },
  'generation-not-observed': { phase: 'Progressing', message: 'waiting for rollout spec update to be observed', strategy: 'canary', trafficRouter: null, weight: { set: 100, actual: 100, max: 100 } },
  unpausing: { phase: 'Progressing', message: 'waiting for rollout to unpause', strategy: 'canary', trafficRouter: 'nginx', weight: { set: 20, actual: 20, max: 100 } },
  'workload-ref': { phase: 'Progressing', message: 'waiting for rollout spec update to be observed for the reference workload', strategy: 'canary', trafficRouter: null, weight: { set: 100, actual: 100, max: 100 } },
  'healthy-legacy': { phase: 'Healthy', message: null, strategy: 'canary', trafficRouter: null, weight: { set: 100, actual: 100, max: 100 } },
};

export function argoCaseRollouts(): KubeObject[] {
  const objects = [
    // Behind nginx with maxTrafficWeight 1000: 200 of 1000 is 20 %.
    rollout('canary-traffic-routed', NS, { strategy: { canary: { ...nginx({ maxTrafficWeight: 1000 }), steps: [{ setWeight: 200 }, { pause: {} }] } } }, {
      ...counts(10, 2), currentPodHash: '6c9d8e7a5', stableRS: '5b8c9d7f6', currentStepIndex: 1, controllerPause: true, phase: 'Paused', message: 'CanaryPauseStep',
      pauseConditions: [{ reason: 'CanaryPauseStep', startTime: '2026-05-14T09:41:07Z' }],
      canary: { weights: { canary: { weight: 200, podTemplateHash: '6c9d8e7a5', serviceName: 'web-canary' }, stable: { weight: 800, podTemplateHash: '5b8c9d7f6', serviceName: 'web-stable' } } },
    }, uid(1)),
    // A basic canary: the actual weight is the canary ReplicaSet's share of the available pods.
    rollout('canary-basic', NS, { replicas: 5, strategy: { canary: { steps: structuredClone(STEPS) } } }, {
      ...counts(5, 1), currentPodHash: '64dbbc8bd9', stableRS: '6cfc9bd7b5', currentStepIndex: 1, controllerPause: true, phase: 'Paused', message: 'CanaryPauseStep',
      pauseConditions: [{ reason: 'CanaryPauseStep', startTime: '2026-05-14T09:30:00Z' }], canary: {},
    }, uid(2)),
    rollout('blue-green', NS, { replicas: 3, strategy: { blueGreen: { activeService: 'bluegreen-active', previewService: 'bluegreen-preview', autoPromotionEnabled: false } } }, {
      ...counts(6, 3), currentPodHash: '6cbccd9f99', stableRS: '74b948fccb', controllerPause: true, phase: 'Paused', message: 'BlueGreenPause',
      pauseConditions: [{ reason: 'BlueGreenPause', startTime: '2026-05-14T09:58:00Z' }],
      blueGreen: { activeSelector: '74b948fccb', previewSelector: '6cbccd9f99' }, canary: {},
    }, uid(3)),
    // A 0.10 controller (no status.phase): past its deadline while paused on its experiment, Degraded not Paused.
    rollout('experiment-step', NS, { replicas: 2, strategy: { canary: { steps: [{ setWeight: 20 }, { experiment: { duration: '1h', templates: [{ name: 'baseline', specRef: 'stable' }, { name: 'canary', specRef: 'canary' }] } }] } } }, {
      ...counts(2, 0), phase: undefined, message: undefined, currentPodHash: '6d9f8c7b5', stableRS: '5c8b7a6d4', currentStepIndex: 1, controllerPause: true,
      pauseConditions: [{ reason: 'InconclusiveExperiment', startTime: '2026-05-14T09:10:00Z' }],
      conditions: [progressing('ProgressDeadlineExceeded', 'ReplicaSet "experiment-step-6d9f8c7b5" has timed out progressing.')],
      canary: { currentExperiment: 'experiment-step-6d9f8c7b5-2' },
    }, uid(4)),
    rollout('aborted', NS, { replicas: 5, strategy: { canary: { ...nginx(), steps: structuredClone(STEPS) } } }, {
      ...counts(5, 0), phase: undefined, message: undefined, abort: true, currentPodHash: '8e6f5d4c3', stableRS: '9a7b6c5d4', currentStepIndex: 0,
      conditions: [progressing('RolloutAborted', 'metric "web" assessed Failed due to failed (1) > failureLimit (0)')],
      canary: {
        currentStepAnalysisRunStatus: { name: 'aborted-8e6f5d4c3-2', status: 'Failed', message: 'metric "web" assessed Failed due to failed (1) > failureLimit (0)' },
        weights: { canary: { weight: 0, podTemplateHash: '8e6f5d4c3', serviceName: 'web-canary' }, stable: { weight: 100, podTemplateHash: '9a7b6c5d4', serviceName: 'web-stable' } },
      },
    }, uid(5)),
    rollout('invalid-spec', NS, { strategy: { canary: { steps: [{ setWeight: 120 }] } } }, {
      ...counts(10, 10), phase: undefined, message: undefined, currentPodHash: '77d4b8c9f', stableRS: '77d4b8c9f', currentStepIndex: 0,
      conditions: [{ type: 'InvalidSpec', status: 'True', reason: 'InvalidSpec', message: 'The Rollout "invalid-spec" is invalid: spec.strategy.canary.steps[0].setWeight: Invalid value: 120: must be between 0 and 100' }],
    }, uid(6)),
    // A 1.x controller says it itself.
    rollout('progress-deadline', NS, { strategy: { canary: { ...nginx(), steps: structuredClone(STEPS) } } }, {
      ...counts(10, 4, 2), currentPodHash: '58c7d6f9b', stableRS: '4f5e6d7c8', currentStepIndex: 2, phase: 'Degraded',
      message: 'ProgressDeadlineExceeded: ReplicaSet "progress-deadline-58c7d6f9b" has timed out progressing.',
      conditions: [progressing('ProgressDeadlineExceeded', 'ReplicaSet "progress-deadline-58c7d6f9b" has timed out progressing.')], canary: {},
    }, uid(7)),
    rollout('generation-not-observed', NS, { strategy: { canary: { steps: structuredClone(STEPS) } } }, {
      ...counts(10, 10), observedGeneration: '11', currentPodHash: '5f6a7b8c9', stableRS: '5f6a7b8c9', currentStepIndex: 4, phase: 'Healthy', message: '',
    }, uid(8)),
    // Someone cleared the pause conditions; the controller has not picked it up.
    rollout('unpausing', NS, { strategy: { canary: { ...nginx(), steps: structuredClone(STEPS) } } }, {
      ...counts(10, 2), controllerPause: true, pauseConditions: null, currentPodHash: '3a4b5c6d7', stableRS: '2b3c4d5e6', currentStepIndex: 1, phase: 'Paused', message: 'CanaryPauseStep',
      canary: { weights: { canary: { weight: 20 }, stable: { weight: 80 } } },
    }, uid(9)),
    rollout('workload-ref', NS, { strategy: { canary: { steps: structuredClone(STEPS) } }, workloadRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'workload-ref' } }, {
      ...counts(10, 10), workloadObservedGeneration: '2', currentPodHash: '9c8d7e6f5', stableRS: '9c8d7e6f5', currentStepIndex: 4, phase: 'Healthy', message: '',
    }, uid(10)),
    // 0.10 controller, every step done and every replica updated.
    rollout('healthy-legacy', NS, { strategy: { canary: { steps: structuredClone(STEPS) } } }, {
      ...counts(10, 10), phase: undefined, message: undefined, currentPodHash: '1a2b3c4d5', stableRS: '1a2b3c4d5', currentStepIndex: 4,
    }, uid(11)),
  ];
  for (const o of objects) {
    for (const key of Object.keys(o.status ?? {})) if (o.status![key] === undefined) delete o.status![key];
  }
  const ref = objects.find((o) => o.metadata.name === 'workload-ref')!;
  delete ref.spec!.template;
  (ref.metadata as Record<string, unknown>).annotations = { 'rollout.argoproj.io/revision': '3', 'rollout.argoproj.io/workload-generation': '3' };
  return objects;
}

function replicaSet(owner: number, name: string, hash: string, revision: number, image: string, replicas: number, available: number): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${name}-${hash}`, namespace: NS, creationTimestamp: '2026-05-14T09:00:00Z',
      labels: { app: name, 'rollouts-pod-template-hash': hash },
      annotations: { 'rollout.argoproj.io/revision': String(revision) },
      ownerReferences: [{ apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', name, uid: uid(owner), controller: true, blockOwnerDeletion: true }],
    },
    spec: { replicas, selector: { matchLabels: { app: name, 'rollouts-pod-template-hash': hash } }, template: { spec: { containers: [{ name, image }] } } },
    status: { replicas, availableReplicas: available, readyReplicas: available, fullyLabeledReplicas: replicas, observedGeneration: 1 },
  };
}

/** The ReplicaSets of canary-basic, blue-green and experiment-step, and one of another owner. */
export function argoCaseReplicaSets(): KubeObject[] {
  return [
    replicaSet(2, 'canary-basic', '6cfc9bd7b5', 1, 'argoproj/rollouts-demo:blue', 4, 4),
    replicaSet(2, 'canary-basic', '64dbbc8bd9', 2, 'argoproj/rollouts-demo:yellow', 1, 1),
    replicaSet(3, 'blue-green', '74b948fccb', 1, 'argoproj/rollouts-demo:blue', 3, 3),
    replicaSet(3, 'blue-green', '6cbccd9f99', 2, 'argoproj/rollouts-demo:green', 3, 3),
    replicaSet(4, 'experiment-step', '5c8b7a6d4', 3, 'argoproj/rollouts-demo:blue', 2, 2),
    replicaSet(4, 'experiment-step', '6d9f8c7b5', 4, 'argoproj/rollouts-demo:red', 0, 0),
    replicaSet(99, 'someone-else', 'ffffffff', 9, 'other:1', 1, 1),
  ];
}
