import { createCore } from '../../core/createCore';
import type { PlanView } from '../../../src-shared/domain/plan';
import { fixedClock } from './testClock';
import { createDemoWorkspace } from './index';
import { RING_DEMO_RELEASE } from './ringDemo';

const SPEED = 60;

function demo(seed = 42) {
  const clock = fixedClock();
  const workspace = createDemoWorkspace({ seed, clock, speed: SPEED });
  const core = createCore({ dataDir: ':memory:', version: 't', clock, actor: 'ana', workspace: () => workspace, log: () => {} });
  const call = async <T>(channel: string, request: unknown = {}): Promise<T> => {
    const r = await core.dispatch(channel, request);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    return r.value as T;
  };
  const plan = async () => (await call<{ plans: PlanView[] }>('plans:list')).plans.find((p) => p.plan.releaseId === RING_DEMO_RELEASE.id)!;
  const rollout = async () =>
    (await call<{ rollouts: { name: string; canaryWeight: number; aborted: boolean; phase: string }[] }>('rollouts:list')).rollouts.find(
      (r) => r.name === RING_DEMO_RELEASE.rollout,
    )!;
  const flagOn = async () =>
    (await call<{ flags: { name: string; environments: { environment: string; enabled: boolean }[] }[] }>('flags:list')).flags
      .find((f) => f.name === RING_DEMO_RELEASE.flag)!
      .environments.find((e) => e.environment === 'production')!.enabled;
  /** Which ring audiences the flag's production strategies expose, by title. */
  const audiences = async () =>
    Object.fromEntries(
      (await call<{ flags: { name: string; environments: { environment: string; strategies: { title?: string; disabled: boolean }[] }[] }[] }>('flags:list')).flags
        .find((f) => f.name === RING_DEMO_RELEASE.flag)!
        .environments.find((e) => e.environment === 'production')!
        .strategies.map((s) => [s.title, !s.disabled]),
    );
  /** Poll every second of demo time for `seconds`. */
  const run = async (seconds: number) => {
    for (let i = 0; i < seconds; i++) {
      clock.set(clock.now() + 1000);
      await core.poll();
    }
  };
  return { core, clock, call, plan, rollout, flagOn, audiences, run };
}

describe('the ring demo', () => {
  it('starts in Ring 0 with the flag on, the canary at 5 % and a passing verdict', async () => {
    const d = demo();
    await d.core.poll();
    const view = await d.plan();
    expect(view.plan).toMatchObject({ autoAdvance: true, guardMode: 'act', flag: 'payments.3ds2-challenge-flow' });
    expect(view.rings.map((r) => r.state)).toEqual(['baking', 'pending', 'pending', 'pending']);
    expect(view.run.verdict?.outcome).toBe('pass');
    expect(await d.rollout()).toMatchObject({ canaryWeight: 5, aborted: false });
    expect(await d.flagOn()).toBe(true);
    expect(await d.audiences()).toEqual({ Developers: true, Employees: false, 'Beta program': false, Everyone: false });
    expect(view.plan.rings.map((r) => r.exposure?.strategyIds?.length)).toEqual([1, 1, 1, 1]);
  });

  it('moves to Ring 1 by itself after the bake time, then the guard stops the line as its canary degrades', async () => {
    const d = demo();
    await d.core.poll();
    await d.run(11); // Ring 0 bakes 10 minutes, 10 s at speed 60
    let view = await d.plan();
    expect(view.run.ring).toBe(1);
    expect(view.rings[1]).toMatchObject({ enteredBy: 'ringside-auto' });
    expect(await d.rollout()).toMatchObject({ canaryWeight: 25 });
    // Ring 1 enabled the employees' strategy alone; beta users and everyone stay dark.
    expect(await d.audiences()).toEqual({ Developers: true, Employees: true, 'Beta program': false, Everyone: false });

    await d.run(20);
    view = await d.plan();
    expect(view.rings[1]).toMatchObject({ state: 'halted' });
    expect(view.run.halt).toMatchObject({ kind: 'guard', rolledBack: true });
    expect(view.run.halt!.evidence!.rules.map((r) => r.metric)).toContain('error_rate');
    expect(await d.rollout()).toMatchObject({ aborted: true, phase: 'Degraded', canaryWeight: 0 });
    expect(await d.flagOn()).toBe(false);
  });

  it('plays the same way under the same seed', async () => {
    const story = async () => {
      const d = demo(7);
      await d.core.poll();
      await d.run(25);
      const view = await d.plan();
      return { haltAt: view.run.halt?.at, evidence: view.run.halt?.evidence, entered: view.run.rings.map((r) => r.enteredAt) };
    };
    const first = await story();
    expect(first.haltAt).toBeDefined();
    expect(await story()).toEqual(first);
  });

  it('leaves the rest of the demo fleet as it was', async () => {
    const d = demo();
    const names = (await d.call<{ rollouts: { name: string }[] }>('rollouts:list')).rollouts.map((r) => r.name);
    expect(names).toEqual(['checkout', 'search', 'payments', 'payments-3ds']);
    const verdict = await d.call<{ outcome: string }>('canary:judge', { releaseId: 'checkout-2.4.0' });
    expect(verdict.outcome).toBe('fail');
    expect((await d.call<{ plans: PlanView[] }>('plans:list')).plans).toHaveLength(1);
  });
});
