import { argoCaseReplicaSets, argoCaseRollouts, EXPECTED } from '../../../test-harness/kube/argoCaseFixtures';
import { KubeReplicaSet, KubeRollout } from './kubeSchemas';
import { calculatePhase, rolloutPhase } from './rolloutPhase';
import { toRollout } from './toRollout';

const byName = () => Object.fromEntries(argoCaseRollouts().map((o) => [o.metadata.name, KubeRollout.parse(o)]));
const replicaSets = () => argoCaseReplicaSets().map((rs) => KubeReplicaSet.parse(rs));

describe('phase and message by the controller rule (GetRolloutPhase)', () => {
  it.each(Object.entries(EXPECTED))('%s', (name, expected) => {
    const object = byName()[name]!;
    const r = toRollout(object, 1);
    expect({ phase: r.phase, message: r.message }).toEqual({ phase: expected.phase, message: expected.message });
    expect(r.strategy).toMatchObject({ kind: expected.strategy, trafficRouter: expected.trafficRouter });
    expect(r.weight).toEqual(expected.weight);
    const withSets = toRollout(object, 1, replicaSets());
    expect(withSets.weight?.actual ?? null).toBe(expected.actualWithReplicaSets ?? expected.weight?.actual ?? null);
  });

  it('checks in the controller order: unobserved spec before unpausing before the status phase', () => {
    const object = byName().unpausing!;
    object.metadata.generation = 13;
    expect(rolloutPhase(object)).toEqual({ phase: 'Progressing', message: 'waiting for rollout spec update to be observed' });
    object.status!.observedGeneration = 14; // a newer observation counts as observed
    expect(rolloutPhase(object).message).toBe('waiting for rollout to unpause');
    object.status!.observedGeneration = '5b8c9d7f6'; // a 0.9 hash never holds the phase back
    object.status!.pauseConditions = [{ reason: 'CanaryPauseStep' }];
    expect(rolloutPhase(object)).toEqual({ phase: 'Paused', message: 'CanaryPauseStep' });
  });

  it('calculates for old controllers: degraded conditions, then pauses, then replica counts', () => {
    const base = byName()['healthy-legacy']!;
    const with_ = (patch: (o: KubeRollout) => void) => {
      const o = structuredClone(base);
      patch(o);
      return calculatePhase(o);
    };
    expect(with_((o) => (o.spec.paused = true))).toEqual({ phase: 'Paused', message: 'manually paused' });
    expect(with_((o) => (o.status!.pauseConditions = [{ reason: 'CanaryPauseStep' }]))).toEqual({ phase: 'Paused', message: 'CanaryPauseStep' });
    expect(with_((o) => (o.spec.restartAt = '2026-05-14T10:00:00Z'))).toEqual({ phase: 'Progressing', message: 'rollout is restarting' });
    expect(with_((o) => (o.status!.updatedReplicas = 9))).toEqual({ phase: 'Progressing', message: 'more replicas need to be updated' });
    expect(with_((o) => (o.status!.availableReplicas = 9))).toEqual({ phase: 'Progressing', message: 'updated replicas are still becoming available' });
    expect(with_((o) => (o.status!.replicas = 12))).toEqual({ phase: 'Progressing', message: 'old replicas are pending termination' });
    expect(with_((o) => (o.status!.stableRS = 'old'))).toEqual({ phase: 'Progressing', message: 'waiting for all steps to complete' });
    expect(with_((o) => (o.spec.replicas = null))).toEqual({ phase: 'Healthy', message: '' });
  });

  it('calculates blue-green: cutover, then post-promotion analysis or verification', () => {
    const bg = byName()['blue-green']!;
    bg.status = { ...bg.status!, phase: undefined, pauseConditions: [], updatedReplicas: 6, replicas: 6, availableReplicas: 6 };
    bg.spec.replicas = 6;
    expect(calculatePhase(bg)).toEqual({ phase: 'Progressing', message: 'active service cutover pending' });
    bg.status.blueGreen = { activeSelector: '6cbccd9f99' };
    expect(calculatePhase(bg).message).toBe('waiting for post-promotion verification to complete');
    bg.spec.strategy!.blueGreen!.postPromotionAnalysis = { templates: [] };
    expect(calculatePhase(bg).message).toBe('waiting for analysis to complete');
    bg.status.stableRS = '6cbccd9f99';
    expect(calculatePhase(bg)).toEqual({ phase: 'Healthy', message: '' });
  });
});
