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
