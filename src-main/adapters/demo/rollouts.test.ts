import { Rollout } from '../../../src-shared/domain/rollout';
import { CHECKOUT_STEPS, DemoDeployProvider, walkSteps } from './rollouts';
import { FIXED_NOW, fixedClock } from './testClock';

const MINUTE = 60_000;

describe('DemoDeployProvider', () => {
  it('shows checkout paused at Ring 1, search progressing, payments healthy', async () => {
    const clock = fixedClock();
    const rollouts = await new DemoDeployProvider({ clock, createdAt: FIXED_NOW }).listRollouts();
    for (const rollout of rollouts) expect(() => Rollout.parse(rollout)).not.toThrow();
    const byName = Object.fromEntries(rollouts.map((r) => [r.name, r]));
    expect(byName.checkout).toMatchObject({ namespace: 'shop', phase: 'Paused', canaryWeight: 25, paused: true, aborted: false, currentStepIndex: 3 });
    expect(byName.search).toMatchObject({ namespace: 'search', phase: 'Progressing', canaryWeight: 50, paused: false });
    expect(byName.payments).toMatchObject({ namespace: 'shop', phase: 'Healthy', canaryWeight: 100, currentStepIndex: 8 });
  });

  it('advances timed steps with the clock but holds at the untimed Ring 1 pause', async () => {
    const clock = fixedClock();
    const provider = new DemoDeployProvider({ clock, createdAt: FIXED_NOW });
    clock.set(FIXED_NOW + 4 * 60 * MINUTE);
    const byName = Object.fromEntries((await provider.listRollouts()).map((r) => [r.name, r]));
    expect(byName.search).toMatchObject({ phase: 'Healthy', canaryWeight: 100 });
    expect(byName.checkout).toMatchObject({ phase: 'Paused', canaryWeight: 25, currentStepIndex: 3 });
  });

  it('hands out copies of the steps', async () => {
    const provider = new DemoDeployProvider({ clock: fixedClock(), createdAt: FIXED_NOW });
    const [first] = await provider.listRollouts();
    first!.steps.length = 0;
    const [second] = await provider.listRollouts();
    expect(second!.steps.length).toBe(CHECKOUT_STEPS.length);
  });
});

describe('walkSteps', () => {
  it('passes an untimed pause only at a promotion', () => {
    const start = 0;
    const held = walkSteps(CHECKOUT_STEPS, start, 120 * MINUTE);
    expect(held).toMatchObject({ index: 3, canaryWeight: 25 });
    const promoted = walkSteps(CHECKOUT_STEPS, start, 40 * MINUTE, [30 * MINUTE]);
    expect(promoted).toMatchObject({ index: 4, canaryWeight: 25 });
    const done = walkSteps(CHECKOUT_STEPS, start, 200 * MINUTE, [30 * MINUTE]);
    expect(done).toMatchObject({ index: CHECKOUT_STEPS.length, canaryWeight: 100 });
    expect(done.entered.map((e) => e.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('ignores a promotion made before the pause began', () => {
    expect(walkSteps(CHECKOUT_STEPS, 0, 120 * MINUTE, [MINUTE])).toMatchObject({ index: 3 });
  });
});

describe('DemoDeployProvider actions', () => {
  const checkout = { namespace: 'shop', name: 'checkout' };

  it('promote leaves the current step; the clock then walks on to Healthy', async () => {
    const clock = fixedClock();
    const provider = new DemoDeployProvider({ clock, createdAt: FIXED_NOW });
    const atAnalysis = await provider.promote(checkout);
    expect(atAnalysis).toMatchObject({ phase: 'Progressing', currentStepIndex: 4, canaryWeight: 25, pauseConditions: [], currentStepAnalysisRun: { status: 'Running' } });
    const atPause = await provider.promote(checkout);
    expect(atPause).toMatchObject({ phase: 'Paused', currentStepIndex: 6, canaryWeight: 50, pauseConditions: [{ reason: 'CanaryPauseStep', startTime: FIXED_NOW }] });
    expect(atPause.stableRS).not.toBe(atPause.currentPodHash);
    clock.set(FIXED_NOW + 30 * MINUTE);
    const done = await provider.getRollout(checkout);
    expect(done).toMatchObject({ phase: 'Healthy', currentStepIndex: 8, canaryWeight: 100 });
    expect(done.stableRS).toBe(done.currentPodHash);
    expect(() => Rollout.parse(done)).not.toThrow();
  });

  it('is deterministic: the same actions at the same times give the same rollouts', async () => {
    const run = async () => {
      const clock = fixedClock();
      const provider = new DemoDeployProvider({ clock, createdAt: FIXED_NOW });
      await provider.promote(checkout);
      clock.set(FIXED_NOW + 7 * MINUTE);
      await provider.pause({ namespace: 'search', name: 'search' });
      clock.set(FIXED_NOW + 90 * MINUTE);
      return provider.listRollouts();
    };
    expect(await run()).toEqual(await run());
  });

  it('pause holds the rollout against the clock until promoted', async () => {
    const clock = fixedClock();
    const provider = new DemoDeployProvider({ clock, createdAt: FIXED_NOW });
    await provider.promote(checkout);
    const held = await provider.pause(checkout);
    expect(held).toMatchObject({ phase: 'Paused', specPaused: true, paused: true, message: 'manually paused', currentStepIndex: 4 });
    clock.set(FIXED_NOW + 5 * 60 * MINUTE);
    expect(await provider.getRollout(checkout)).toMatchObject({ specPaused: true, currentStepIndex: 4 });
    expect(await provider.promote(checkout)).toMatchObject({ specPaused: false, currentStepIndex: 6, canaryWeight: 50 });
  });

  it('abort sends traffic back to stable and holds; retry starts again from the first step', async () => {
    const clock = fixedClock();
    const provider = new DemoDeployProvider({ clock, createdAt: FIXED_NOW });
    const aborted = await provider.abort(checkout);
    expect(aborted).toMatchObject({ phase: 'Degraded', aborted: true, canaryWeight: 0, pauseConditions: [] });
    expect(await provider.promote(checkout)).toMatchObject({ aborted: true, currentStepIndex: 3 });
    clock.set(FIXED_NOW + 60 * MINUTE);
    expect(await provider.getRollout(checkout)).toMatchObject({ aborted: true, canaryWeight: 0 });
    const retried = await provider.retry(checkout);
    expect(retried).toMatchObject({ aborted: false, phase: 'Paused', currentStepIndex: 1, canaryWeight: 5 });
    clock.set(FIXED_NOW + 71 * MINUTE);
    expect(await provider.getRollout(checkout)).toMatchObject({ currentStepIndex: 3, canaryWeight: 25 });
  });

  it('promote --full goes straight to 100 %; abort of a finished rollout changes nothing', async () => {
    const provider = new DemoDeployProvider({ clock: fixedClock(), createdAt: FIXED_NOW });
    const full = await provider.promoteFull(checkout);
    expect(full).toMatchObject({ phase: 'Healthy', canaryWeight: 100, currentStepIndex: CHECKOUT_STEPS.length });
    expect(full.stableRS).toBe(full.currentPodHash);
    expect(await provider.abort(checkout)).toMatchObject({ phase: 'Healthy', aborted: false });
    expect(await provider.abort({ namespace: 'shop', name: 'payments' })).toMatchObject({ phase: 'Healthy', aborted: false });
  });

  it('names a rollout the demo does not have', async () => {
    const provider = new DemoDeployProvider({ clock: fixedClock(), createdAt: FIXED_NOW });
    await expect(provider.promote({ namespace: 'search', name: 'checkout' })).rejects.toMatchObject({
      code: 'not_found', message: 'The demo has no rollout checkout in namespace search.',
    });
  });
});
