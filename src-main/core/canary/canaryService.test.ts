import type { PlanView } from '../../../src-shared/domain/plan';
import type { Verdict } from '../../../src-shared/domain/verdict';
import { ringWorld } from '../rings/testing/ringWorld';
import { verdictWindow } from './canaryService';

const MIN = 60_000;

describe('one judgement per release and step', () => {
  it('ends the window on the samples’ 3 s step, so callers within one step ask for the same samples', () => {
    expect(verdictWindow(1_800_000_001_500)).toEqual({ from: 1_800_000_000_000 - 30 * MIN, to: 1_800_000_000_000 });
    expect(verdictWindow(1_800_000_002_999)).toEqual(verdictWindow(1_800_000_001_500));
    expect(verdictWindow(1_800_000_003_000).to).toBe(1_800_000_003_000);
  });

  it('the guard’s verdict on the ring and the canary view’s verdict are the same judgement', async () => {
    const world = ringWorld();
    const plan = await world.call<PlanView>('plans:create', { releaseId: 'checkout-2.4.0' });
    await world.call('plans:advance', { planId: plan.plan.id });
    world.clock.advance(MIN);
    await world.core.poll();
    const ring = (await world.call<{ plans: PlanView[] }>('plans:list')).plans[0]!.run.verdict!;
    world.clock.advance(1000); // the same 3 s step
    const view = await world.call<Verdict>('canary:judge', { releaseId: 'checkout-2.4.0' });
    expect(view.decidedAt).toBe(ring.decidedAt);
    expect(view.window).toEqual(ring.window);
    expect(view.metrics.map((m) => [m.id, m.mean.canary, m.mean.baseline])).toEqual(ring.metrics.map((m) => [m.metric, m.canary, m.baseline]));
    expect(view.metrics[0]).toMatchObject({ label: 'Error rate', unit: '%' });
    expect(view.rules[0]!.message).toMatch(/^Error rate \(window mean\): canary [\d.]+% is [\d.]+× baseline [\d.]+%; the limit is 2×$/);
    expect(view.reason).not.toContain('error_rate');
  });

  it('asking again later in the same step neither recomputes nor counts a breach twice', async () => {
    const world = ringWorld();
    world.workspace.releases[0]!.rules = [{ kind: 'relative', metric: 'error_rate', threshold: 2, statistic: 'last', intervalMs: 0 }];
    world.metrics.control.lastCanary = 5;
    const ask = () => world.call<Verdict>('canary:judge', { releaseId: 'checkout-2.4.0' });
    const first = await ask();
    world.metrics.control.lastCanary = 9; // a changed sample is not read within the step
    const again = await Promise.all([ask(), ask()]);
    expect(again.map((v) => v.rules[0]!.breaches)).toEqual([1, 1]);
    expect(again[0]).toEqual(first);
    world.clock.advance(3000);
    expect((await ask()).rules[0]).toMatchObject({ breaches: 2, canary: 9 });
  });
});

describe('cached samples', () => {
  const DAY = 86_400_000;
  type Answer = { series: { group: string; points: [number, number][] }[] };
  /** The cache answers series in its own order (by metric and side). */
  const sides = (answer: Answer) => [...answer.series].sort((a, b) => a.group.localeCompare(b.group));

  it('keeps a week of samples for offline review and removes older ones as a live session goes on', async () => {
    const world = ringWorld();
    const series = (from: number, to: number) => world.call<Answer>('canary:series', { releaseId: 'checkout-2.4.0', from, to });
    const firstTo = world.clock.now();
    const first = { from: firstTo - 30 * MIN, to: firstTo };
    const live = await series(first.from, first.to);

    // Offline, the samples read before are the answer.
    world.metrics.control.down = true;
    expect(sides(await series(first.from, first.to))).toEqual(sides(live));

    // Six days on, the first window is still kept; eight days on, the next read removes it.
    world.metrics.control.down = false;
    world.clock.advance(6 * DAY);
    await series(world.clock.now() - 30 * MIN, world.clock.now());
    world.metrics.control.down = true;
    expect(sides(await series(first.from, first.to))).toEqual(sides(live));

    world.metrics.control.down = false;
    world.clock.advance(2 * DAY);
    const recentTo = world.clock.now();
    await series(recentTo - 30 * MIN, recentTo);
    world.metrics.control.down = true;
    await expect(series(first.from, first.to)).rejects.toThrow('Prometheus is not answering.');
    expect((await series(recentTo - 30 * MIN, recentTo)).series[0]!.points.length).toBeGreaterThan(0);
  });
});
