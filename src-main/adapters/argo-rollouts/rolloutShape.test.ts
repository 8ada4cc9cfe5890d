import { argoCaseReplicaSets, argoCaseRollouts } from '../../../test-harness/kube/argoCaseFixtures';
import { KubeReplicaSet, KubeRollout } from './kubeSchemas';
import { toRollout } from './toRollout';

const read = (name: string) => {
  const object = KubeRollout.parse(argoCaseRollouts().find((o) => o.metadata.name === name));
  return toRollout(object, 1, argoCaseReplicaSets().map((rs) => KubeReplicaSet.parse(rs)));
};

describe('the rollout shape as kubectl argo rollouts get shows it', () => {
  it('blue-green: active and preview services and ReplicaSets, no canary weight', () => {
    const r = read('blue-green');
    expect(r.strategy).toEqual({
      kind: 'blueGreen', trafficRouter: null, primaryService: 'bluegreen-active', secondaryService: 'bluegreen-preview',
      activeSelector: '74b948fccb', previewSelector: '6cbccd9f99', autoPromotion: false,
    });
    expect(r.weight).toBeNull();
    expect(r.revisions).toEqual([
      { revision: 2, replicaSets: [{ name: 'blue-green-6cbccd9f99', podTemplateHash: '6cbccd9f99', roles: ['preview'], images: ['argoproj/rollouts-demo:green'], replicas: 3, available: 3 }] },
      { revision: 1, replicaSets: [{ name: 'blue-green-74b948fccb', podTemplateHash: '74b948fccb', roles: ['stable', 'active'], images: ['argoproj/rollouts-demo:blue'], replicas: 3, available: 3 }] },
    ]);
    expect(r.pauseConditions).toEqual([{ reason: 'BlueGreenPause', startTime: Date.parse('2026-05-14T09:58:00Z') }]);
  });

  it('canary: stable and canary ReplicaSets of its own only, newest revision first', () => {
    const r = read('canary-basic');
    expect(r.revisions?.map((v) => [v.revision, v.replicaSets.map((s) => `${s.name}:${s.roles.join('+')}`)])).toEqual([
      [2, ['canary-basic-64dbbc8bd9:canary']], [1, ['canary-basic-6cfc9bd7b5:stable']],
    ]);
    expect(r.images).toEqual(['registry.example/canary-basic:next']);
  });

  it('an experiment step names its Experiment; an abort keeps the failed run and its message', () => {
    expect(read('experiment-step').currentExperiment).toEqual({ name: 'experiment-step-6d9f8c7b5-2', phase: null });
    expect(read('experiment-step').steps[1]).toMatchObject({ kind: 'experiment', durationSeconds: 3600 });
    expect(read('aborted')).toMatchObject({
      aborted: true, currentStepAnalysisRun: { name: 'aborted-8e6f5d4c3-2', status: 'Failed', message: 'metric "web" assessed Failed due to failed (1) > failureLimit (0)' },
    });
  });

  it('workloadRef: no template of its own, so no images until the Deployment is read', () => {
    expect(read('workload-ref')).toMatchObject({ images: [], revisions: [] });
  });

  it('without the ReplicaSets read, revisions are unknown rather than empty', () => {
    const object = KubeRollout.parse(argoCaseRollouts().find((o) => o.metadata.name === 'blue-green'));
    expect(toRollout(object, 1).revisions).toBeNull();
  });

  it('a display field of the wrong type reads as absent, the rollout still reads', () => {
    const raw = argoCaseRollouts().find((o) => o.metadata.name === 'canary-traffic-routed')!;
    (raw.status as Record<string, unknown>).availableReplicas = 'ten';
    (raw.spec as { strategy: { canary: { trafficRouting: Record<string, unknown> } } }).strategy.canary.trafficRouting.maxTrafficWeight = 'x';
    expect(toRollout(KubeRollout.parse(raw), 1).weight).toEqual({ set: 200, actual: 0, max: 100 });
  });
});
