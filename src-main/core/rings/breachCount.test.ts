import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PlanView } from '../../../src-shared/domain/plan';
import { ringWorld } from './testing/ringWorld';

const MIN = 60_000;
type Listing = { plans: PlanView[] };

/**
 * checkout's plan in Ring 0 on a data folder, with a hard rule on the error rate's last sample:
 * one bad scrape moves it, while the statistics over the window see no pattern.
 */
async function started(dataDir: string) {
  const world = ringWorld({ dataDir });
  world.workspace.releases[0]!.rules = [{ kind: 'relative', metric: 'error_rate', threshold: 2, statistic: 'last' }];
  const plan = await world.call<PlanView>('plans:create', { releaseId: 'checkout-2.4.0' });
  await world.call('plans:advance', { planId: plan.plan.id });
  await world.core.poll();
  const run = async () => (await world.call<Listing>('plans:list')).plans[0]!.run;
  /** One poll a minute later, with the canary's newest sample at `last` (null: healthy). */
  const pollWith = async (last: number | null) => {
    world.metrics.control.lastCanary = last;
    world.clock.advance(MIN);
    await world.core.poll();
    return run();
  };
  return { ...world, run, pollWith };
}

describe('the guard and consecutive breaches', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'ringside-breaches-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('one bad scrape and a recovery leave the release alone; three in a row stop the line', async () => {
    const world = await started(dataDir);
    let run = await world.pollWith(5);
    expect(run.verdict?.outcome).toBe('pass');
    expect(run.verdict?.rules[0]).toMatchObject({ breached: true, breaches: 1, tripAfter: 3, tripped: false });
    run = await world.pollWith(null);
    expect(run.verdict?.rules[0]).toMatchObject({ breached: false, breaches: 0 });
    await world.pollWith(5);
    run = await world.pollWith(5);
    expect(run.verdict?.rules[0]).toMatchObject({ breaches: 2, tripped: false });
    expect(world.deploy.state.aborted).toBe(false);
    run = await world.pollWith(5);
    expect(run.verdict).toMatchObject({ outcome: 'fail', decidedBy: 'rule' });
    expect(run.halt).toMatchObject({ kind: 'guard', rolledBack: true });
    expect(world.deploy.state.aborted).toBe(true);
    const alert = world.events.find((e) => e.event === 'plans:guard')!.payload as { message: string; evidence: { rules: { breaches: number }[] } };
    expect(alert.message).toContain('rule, 3 of 3 breaches: Error rate (last sample): canary 5% is');
    expect(alert.evidence.rules[0]).toMatchObject({ breaches: 3, tripAfter: 3 });
    // The audit keeps the very judgement the banner and the halted ring show: same window, same numbers.
    const row = (await world.audit()).find((e) => e.action === 'guard.rolledBack')!;
    expect((row.after as { evidence: unknown }).evidence).toEqual(run.halt!.evidence);
    expect(alert.evidence).toEqual(run.halt!.evidence);
    expect(run.halt!.evidence!.window).toEqual(run.verdict!.window);
    expect(row.reason).not.toMatch(/\.[.;]|;\.|error_rate/);
  });

  it('the count is kept with the plan’s run: after a restart the third breach trips', async () => {
    const world = await started(dataDir);
    await world.pollWith(5);
    const before = await world.pollWith(5);
    expect(before.breaches).toEqual([{ key: 'relative:error_rate:last:2', breaches: 2, countedAt: expect.any(Number) }]);

    world.restart();
    const after = await world.pollWith(5);
    expect(after.verdict?.rules[0]).toMatchObject({ breaches: 3, tripped: true });
    expect(after.halt).toMatchObject({ kind: 'guard' });
    expect(world.deploy.state.aborted).toBe(true);
  });

  it('Reset starts the count over', async () => {
    const world = await started(dataDir);
    await world.pollWith(5);
    await world.pollWith(5);
    const planId = (await world.call<Listing>('plans:list')).plans[0]!.plan.id;
    await world.call('plans:reset', { planId, reason: 'new build' });
    // Advancing reads the verdict now: the bad sample is still there, and counts as the first breach again.
    await world.call('plans:advance', { planId });
    const run = await world.run();
    expect(run.verdict?.rules[0]).toMatchObject({ breaches: 1, tripped: false });
    expect(run.breaches).toEqual([expect.objectContaining({ breaches: 1 })]);
    expect(world.deploy.state.aborted).toBe(false);
  });
});
