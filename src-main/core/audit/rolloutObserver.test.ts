import type { Rollout } from '../../../src-shared/domain/rollout';
import { auditQueries } from '../store/audit';
import { openStore } from '../store/db';
import { fakeClock } from '../testing/fakeWorkspace';
import { createRolloutObserver } from './rolloutObserver';

const rollout = (fields: Partial<Rollout> = {}): Rollout =>
  ({
    name: 'checkout',
    namespace: 'shop',
    phase: 'Progressing',
    message: null,
    currentStepIndex: 0,
    canaryWeight: 0,
    steps: [
      { kind: 'setWeight', weight: 25, durationSeconds: null },
      { kind: 'pause', weight: null, durationSeconds: null },
      { kind: 'setWeight', weight: 100, durationSeconds: null },
    ],
    aborted: false,
    paused: false,
    ...fields,
  }) as Rollout;

function setup() {
  const { db } = openStore({ file: ':memory:' });
  const audit = auditQueries(db);
  const clock = fakeClock(5_000);
  const observer = createRolloutObserver({ workspace: 'w', audit, clock, provider: 'argo-rollouts' });
  const rows = () => audit.page('w', 100).events.reverse();
  return { audit, clock, observer, rows };
}

describe('rollout state changes observed between polls', () => {
  it('takes the first poll as the baseline, then appends a row per step, pause, abort and phase change', () => {
    const { observer, rows, clock, audit } = setup();
    expect(observer.observe([rollout()])).toBe(0);
    clock.advance(1000);
    expect(observer.observe([rollout({ currentStepIndex: 1, canaryWeight: 25, paused: true, phase: 'Paused', message: 'CanaryPauseStep' })])).toBe(3);
    clock.advance(1000);
    expect(observer.observe([rollout({ currentStepIndex: 1, canaryWeight: 25, paused: true, phase: 'Paused' })])).toBe(0);
    clock.advance(1000);
    observer.observe([rollout({ currentStepIndex: 1, canaryWeight: 0, aborted: true, paused: true, phase: 'Degraded', message: 'RolloutAborted: error rate' })]);
    expect(rows().map((e) => [e.time, e.action, e.before, e.after])).toEqual([
      [6000, 'rollout.step', { step: 0, weight: 0 }, { step: 1, weight: 25 }],
      [6000, 'rollout.phase', { phase: 'Progressing' }, { phase: 'Paused', message: 'CanaryPauseStep' }],
      [6000, 'rollout.paused', { step: 0, weight: 0 }, { step: 1, weight: 25 }],
      [8000, 'rollout.aborted', { step: 1, weight: 25 }, { step: 1, weight: 0 }],
      [8000, 'rollout.phase', { phase: 'Paused' }, { phase: 'Degraded', message: 'RolloutAborted: error rate' }],
    ]);
    expect(rows()[3]).toMatchObject({ source: 'rollout', actor: 'argo-rollouts (observed)', objectType: 'rollout', objectId: 'checkout', environment: 'shop', reason: 'RolloutAborted: error rate', result: 'Degraded' });
    expect(audit.verify().ok).toBe(true);
  });

  it('names the step past the last one a completed rollout and a step back to the start a restart', () => {
    const { observer, rows } = setup();
    observer.observe([rollout({ currentStepIndex: 2, canaryWeight: 25 })]);
    observer.observe([rollout({ currentStepIndex: 3, canaryWeight: 100, phase: 'Healthy' })]);
    observer.observe([rollout({ currentStepIndex: 0, canaryWeight: 0, phase: 'Progressing' })]);
    expect(rows().map((e) => e.action)).toEqual(['rollout.completed', 'rollout.phase', 'rollout.restarted', 'rollout.phase']);
  });

  it('keeps rollouts of the same name in two namespaces apart and ignores a rollout seen for the first time', () => {
    const { observer, rows } = setup();
    observer.observe([rollout({ namespace: 'a' })]);
    expect(observer.observe([rollout({ namespace: 'a' }), rollout({ namespace: 'b', currentStepIndex: 2 })])).toBe(0);
    observer.observe([rollout({ namespace: 'a' }), rollout({ namespace: 'b', currentStepIndex: 3 })]);
    expect(rows().map((e) => [e.environment, e.action])).toEqual([['b', 'rollout.completed']]);
  });
});
