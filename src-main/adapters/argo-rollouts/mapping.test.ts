import { durationSeconds } from './goDuration';
import { KubeRollout } from './kubeSchemas';
import { promoteFullPatches, promotePatches } from './promotePatches';
import { toRollout, toStep } from './toRollout';

const object = (spec: Record<string, unknown>, status: Record<string, unknown> | null) =>
  KubeRollout.parse({ metadata: { name: 'web', namespace: 'shop' }, spec, status });
const canary = (steps: unknown[], extra: Record<string, unknown> = {}) => ({ strategy: { canary: { steps } }, ...extra });

describe('durations as Argo reads them', () => {
  it.each([
    [30, 30], ['30', 30], ['90s', 90], ['10m', 600], ['1h30m', 5400], ['1.5h', 5400], ['1500ms', 1], ['2h0m0s', 7200],
  ])('%j is %d s', (input, seconds) => expect(durationSeconds(input)).toBe(seconds));

  it.each([['1d'], ['-5m'], ['ten minutes'], [''], ['5'.repeat(3) + 'x'], [1.5], [-3]])('%j is unreadable', (input) => {
    expect(durationSeconds(input)).toBeNull();
  });
});

describe('Rollout objects to the domain', () => {
  it('keeps an unreadable pause visible instead of treating it as untimed silently', () => {
    expect(toStep({ pause: { duration: '1d' } })).toMatchObject({ kind: 'pause', durationSeconds: null, detail: 'unreadable duration "1d"' });
    expect(toStep({ analysis: { templateName: 'legacy' } })).toMatchObject({ kind: 'analysis', templates: ['legacy'] });
    expect(toStep({ setHeaderRoute: { name: 'h' } })).toMatchObject({ kind: 'other', detail: 'setHeaderRoute' });
  });

  it('derives the phase for controllers older than 1.0 by their conditions, not by status.abort alone', () => {
    const steps = [{ setWeight: 20 }, { pause: {} }];
    const counts = { replicas: 1, updatedReplicas: 1, availableReplicas: 1 };
    expect(toRollout(object(canary(steps), { currentPodHash: 'a', canary: { stableRS: 'b' }, currentStepIndex: 0 }), 1)).toMatchObject({
      phase: 'Progressing', message: 'more replicas need to be updated', stableRS: 'b', canaryWeight: 20,
    });
    expect(toRollout(object(canary(steps), { currentPodHash: 'a', stableRS: 'b', pauseConditions: [{ reason: 'CanaryPauseStep' }], currentStepIndex: 1 }), 1)).toMatchObject({
      phase: 'Paused', message: 'CanaryPauseStep', pauseConditions: [{ reason: 'CanaryPauseStep', startTime: null }],
    });
    const aborted = { currentPodHash: 'a', stableRS: 'b', abort: true, conditions: [{ type: 'Progressing', reason: 'RolloutAborted', message: 'Rollout is aborted' }] };
    expect(toRollout(object(canary(steps), aborted), 1)).toMatchObject({ phase: 'Degraded', message: 'RolloutAborted: Rollout is aborted', canaryWeight: 0 });
    expect(toRollout(object(canary(steps), { ...counts, currentPodHash: 'a', stableRS: 'a', currentStepIndex: 2 }), 1)).toMatchObject({ phase: 'Healthy', message: null, canaryWeight: 100 });
  });

  it('reads a brand-new rollout with no status at all', () => {
    expect(toRollout(object(canary([{ setWeight: 10 }]), null), 7)).toMatchObject({
      phase: 'Progressing', currentStepIndex: 0, canaryWeight: 100, paused: false, stableRS: null, currentPodHash: null, observedAt: 7,
    });
  });
});

describe('promote patches, as kubectl argo rollouts builds them', () => {
  it('a manual pause in the middle of an analysis: unpause the spec and step on', () => {
    const patches = promotePatches(object(canary([{ setWeight: 20 }, { analysis: { templates: [] } }], { paused: true }), { currentStepIndex: 1 }));
    expect(patches).toEqual({
      spec: { spec: { paused: false } },
      status: { status: { pauseConditions: null, currentStepIndex: 2 } },
      unified: { spec: { paused: false }, status: { pauseConditions: null, currentStepIndex: 2 } },
    });
  });

  it('blue-green: clear its pre-promotion pause, never touch a step index', () => {
    const bg = { strategy: { blueGreen: { activeService: 'a' } } };
    expect(promotePatches(object(bg, { pauseConditions: [{ reason: 'BlueGreenPause' }] }))).toEqual({
      spec: null, status: { status: { pauseConditions: null } }, unified: { spec: { paused: false }, status: { pauseConditions: null } },
    });
    expect(promotePatches(object({ ...bg, paused: true }, {}))).toMatchObject({ spec: { spec: { paused: false } }, status: null });
  });

  it('--full is nothing when the new ReplicaSet is already stable', () => {
    expect(promoteFullPatches(object(canary([]), { currentPodHash: 'a', stableRS: 'a' })).status).toBeNull();
    expect(promoteFullPatches(object(canary([]), { currentPodHash: 'a', stableRS: 'b' })).status).toEqual({ status: { promoteFull: true } });
  });
});
