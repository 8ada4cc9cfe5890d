import { Release } from '../../../src-shared/domain/canary';
import { createDemoWorkspace } from './index';
import { FIXED_NOW, fixedClock } from './testClock';

const MINUTE = 60_000;

async function snapshot(seed?: number) {
  const workspace = createDemoWorkspace({ seed, clock: { now: () => FIXED_NOW, every: () => () => {} } });
  const series = [];
  for (const def of workspace.releases) {
    for (const queries of Object.values(def.queries)) {
      for (const query of [queries.canary, queries.baseline]) {
        series.push(await workspace.metrics!.queryRange({ query, start: FIXED_NOW - 120 * MINUTE, end: FIXED_NOW, stepMs: 60_000 }));
      }
    }
  }
  return {
    flags: await workspace.flags!.listFlags(),
    rollouts: await workspace.deploy!.listRollouts(),
    releases: workspace.releases,
    series,
    history: [...workspace.seedHistory!()],
  };
}

describe('createDemoWorkspace', () => {
  it('is the demo fleet with all three providers and its releases under canary', () => {
    const workspace = createDemoWorkspace({ clock: fixedClock() });
    expect(workspace).toMatchObject({ id: 'demo', name: 'Demo fleet', kind: 'demo' });
    expect([workspace.flags?.provider, workspace.deploy?.provider, workspace.metrics?.provider]).toEqual(['demo', 'demo', 'demo']);
    expect(workspace.releases.map((r) => r.release.id)).toEqual(['checkout-2.4.0', 'search-1.8.2', 'payments-3ds-1.4.0']);
    const checkout = workspace.releases[0]!;
    expect(() => Release.parse(checkout.release)).not.toThrow();
    expect(checkout.release).toMatchObject({ flag: 'checkout.new-pricing-engine', rollout: 'checkout', version: '2.4.0' });
    expect(FIXED_NOW - checkout.release.startedAt).toBeGreaterThanOrEqual(90 * MINUTE);
    expect(FIXED_NOW - checkout.release.startedAt).toBeLessThan(91 * MINUTE);
    for (const def of workspace.releases) {
      expect(def.release.metrics.map((m) => [m.id, m.unit, m.harmful])).toEqual([
        ['error_rate', '%', 'increase'],
        ['latency_p95', 'ms', 'increase'],
        ['saturation', '%', 'increase'],
      ]);
      expect(Object.keys(def.queries)).toEqual(def.release.metrics.map((m) => m.id));
    }
  });

  it('gives identical flags, rollouts, series and history for the same seed and clock', async () => {
    const a = await snapshot(42);
    expect(await snapshot(42)).toEqual(a);
    expect(await snapshot()).toEqual(a);
    expect(a.series.every((s) => s.length === 1)).toBe(true);
  });

  it('changes series values with the seed', async () => {
    const a = await snapshot(42);
    const b = await snapshot(1234);
    expect(b.series).not.toEqual(a.series);
    expect(b.rollouts).toEqual(a.rollouts);
  });
});
