import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PlanView } from '../../../src-shared/domain/plan';
import { createCore } from '../../core/createCore';
import { createDemoWorkspace } from './index';
import { RING_DEMO_RELEASE } from './ringDemo';
import { fixedClock } from './testClock';

const SPEED = 60;
const KILLED = { flag: 'profile.beta-program', environment: 'production' };

/** One run of the console on a data folder, as `npm run serve -- --data-dir DIR --demo-speed 60` would start it. */
function start(dataDir: string, clock: ReturnType<typeof fixedClock>) {
  const core = createCore({
    dataDir,
    version: 't',
    clock,
    actor: 'ana',
    workspace: (c) => createDemoWorkspace({ seed: 42, clock: c, speed: SPEED }),
    log: () => {},
  });
  const call = async <T>(channel: string, request: unknown = {}): Promise<T> => {
    const r = await core.dispatch(channel, request);
    if (!r.ok) throw new Error(`${channel}: ${JSON.stringify(r.error)}`);
    return r.value as T;
  };
  const count = async (filter: Record<string, string>) => (await call<{ count: number }>('audit:count', filter)).count;
  const plan = async () => (await call<{ plans: PlanView[] }>('plans:list')).plans.find((p) => p.plan.releaseId === RING_DEMO_RELEASE.id)!;
  const enabled = async (flag: string, environment: string) =>
    (await call<{ flags: { name: string; environments: { environment: string; enabled: boolean }[] }[] }>('flags:list')).flags
      .find((f) => f.name === flag)!
      .environments.find((e) => e.environment === environment)!.enabled;
  /** Every flag's on/off per environment, as the table shows it. */
  const cells = async () =>
    Object.fromEntries(
      (await call<{ flags: { name: string; environments: { environment: string; enabled: boolean }[] }[] }>('flags:list')).flags.flatMap((f) =>
        f.environments.map((e) => [`${f.name}/${e.environment}`, e.enabled]),
      ),
    );
  const rollout = async () =>
    (await call<{ rollouts: { name: string; canaryWeight: number; aborted: boolean }[] }>('rollouts:list')).rollouts.find((r) => r.name === RING_DEMO_RELEASE.rollout)!;
  /** Poll once a second of demo time. */
  const run = async (seconds: number) => {
    for (let i = 0; i < seconds; i++) {
      clock.set(clock.now() + 1000);
      await core.poll();
    }
  };
  /** Poll once a second of demo time until the guard has halted the release; how many seconds that took. */
  const runUntilHalted = async (limit = 600) => {
    for (let seconds = 1; seconds <= limit; seconds++) {
      await run(1);
      if ((await plan()).run.halt) return seconds;
    }
    throw new Error(`the guard did not stop the line within ${limit} s`);
  };
  return { core, call, count, plan, enabled, cells, rollout, run, runUntilHalted };
}

describe('the demo on one data folder across a restart', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'ringside-demo-restart-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('continues from the stored state: the guard acts once, killed flags stay off, the release stays halted', async () => {
    const clock = fixedClock();
    const first = start(dataDir, clock);
    await first.core.poll();
    const story = await first.runUntilHalted(); // Ring 0 bakes, Ring 1 degrades, the guard stops the line
    await first.run(5);
    const halted = await first.plan();
    expect(halted.run.halt).toMatchObject({ kind: 'guard', acted: true });
    const guardRows = await first.count({ source: 'guard' });
    expect(guardRows).toBeGreaterThan(0);
    expect(await first.enabled(RING_DEMO_RELEASE.flag, 'production')).toBe(false);
    await first.call('flags:setEnabled', { ...KILLED, enabled: false });
    expect(await first.enabled(KILLED.flag, KILLED.environment)).toBe(false);
    const ringFlagEnabled = await first.count({ objectId: RING_DEMO_RELEASE.flag, action: 'flag.enabled' });
    const verdictRows = await first.count({ action: 'verdict.changed' });
    const cells = await first.cells();
    const rolloutBefore = await first.rollout();
    expect(rolloutBefore).toMatchObject({ aborted: true, canaryWeight: 0 });
    first.core.dispose();

    clock.set(clock.now() + 60_000);
    const second = start(dataDir, clock);
    await second.core.poll();
    await second.run(story + 10); // a replayed demo would reach its guard again in this time

    expect(await second.count({ source: 'guard' })).toBe(guardRows);
    // An unchanged verdict is not recorded again because the console restarted.
    expect(await second.count({ action: 'verdict.changed' })).toBe(verdictRows);
    // What the audit says is off is off, on the flag server and in the table; every other cell is as it was.
    expect(await second.enabled(RING_DEMO_RELEASE.flag, 'production')).toBe(false);
    expect(await second.enabled(KILLED.flag, KILLED.environment)).toBe(false);
    const offByAudit = (await second.call<{ changes: { flag: string; environment: string; action: string }[] }>('flags:list')).changes.filter((c) => c.action === 'flag.disabled');
    expect(offByAudit.length).toBeGreaterThan(2);
    for (const c of offByAudit) expect(await second.enabled(c.flag, c.environment), `${c.flag} in ${c.environment}`).toBe(false);
    expect(await second.cells()).toEqual(cells);
    // The release continues where it stood: halted by the guard, its rollout aborted; Ring 0 is not entered again.
    const resumed = await second.plan();
    expect(resumed.run.halt).toEqual(halted.run.halt);
    expect(resumed.run.rings.map((r) => r.enteredAt)).toEqual(halted.run.rings.map((r) => r.enteredAt));
    expect(await second.rollout()).toMatchObject({ aborted: true, canaryWeight: rolloutBefore.canaryWeight });
    expect(await second.count({ objectId: RING_DEMO_RELEASE.flag, action: 'flag.enabled' })).toBe(ringFlagEnabled);
    second.core.dispose();
  });

  it('resumes a release under way: same ring, same rollout weight, and the guard acts once, as without the restart', async () => {
    const uninterrupted = start(mkdtempSync(join(tmpdir(), 'ringside-demo-once-')), fixedClock());
    await uninterrupted.core.poll();
    await uninterrupted.runUntilHalted();
    await uninterrupted.run(5);
    const oneGuardAction = await uninterrupted.count({ source: 'guard' });
    const haltedRing = (await uninterrupted.plan()).run.halt!.ring;
    uninterrupted.core.dispose();

    const clock = fixedClock();
    const first = start(dataDir, clock);
    await first.core.poll();
    await first.run(13); // Ring 0 has baked; Ring 1 just entered, its canary still healthy
    const entered = await first.plan();
    expect(entered.run).toMatchObject({ ring: 1, halt: null });
    first.core.dispose();

    clock.set(clock.now() + 2_000);
    const second = start(dataDir, clock);
    await second.core.poll();
    const resumed = await second.plan();
    expect(resumed.run.ring).toBe(1);
    expect(resumed.run.rings.map((r) => r.enteredAt)).toEqual(entered.run.rings.map((r) => r.enteredAt));
    expect(await second.rollout()).toMatchObject({ canaryWeight: 25, aborted: false });
    expect(await second.enabled(RING_DEMO_RELEASE.flag, 'production')).toBe(true);

    await second.runUntilHalted();
    await second.run(5);
    expect((await second.plan()).run.halt).toMatchObject({ kind: 'guard', ring: haltedRing });
    expect(await second.count({ source: 'guard' })).toBe(oneGuardAction);
    second.core.dispose();
  });

  it("goes on with the flag server's event ids after those already synced, so a kill after the restart reaches the audit from both sides", async () => {
    const LATER = { flag: 'checkout.express-pay-button', environment: 'production' };
    const echoes = (d: ReturnType<typeof start>, flag: string) => d.count({ source: 'flag-server', objectId: flag, action: 'flag.disabled' });
    const clock = fixedClock();
    const first = start(dataDir, clock);
    await first.core.poll();
    const before = { killed: await echoes(first, KILLED.flag), later: await echoes(first, LATER.flag) };
    await first.call('flags:setEnabled', { ...KILLED, enabled: false });
    await first.run(1);
    expect(await echoes(first, KILLED.flag)).toBe(before.killed + 1);
    first.core.dispose();

    clock.set(clock.now() + 60_000);
    const second = start(dataDir, clock);
    await second.core.poll();
    await second.call('flags:setEnabled', { ...LATER, enabled: false });
    await second.run(1);
    expect(await echoes(second, LATER.flag)).toBe(before.later + 1);
    expect(await echoes(second, KILLED.flag)).toBe(before.killed + 1);
    second.core.dispose();
  });
});
