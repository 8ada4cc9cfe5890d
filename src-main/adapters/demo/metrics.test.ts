import { DemoMetricsProvider } from './metrics';
import { demoReleases, metricQuery, releaseDefinition } from './releases';
import { FIXED_NOW, fixedClock } from './testClock';

const MINUTE = 60_000;
const definitions = demoReleases(FIXED_NOW).map(releaseDefinition);
const byId = (id: string) => definitions.find((d) => d.release.id === id)!;
const provider = (seed = 42, clock = fixedClock()) =>
  new DemoMetricsProvider({ seed, clock, releases: demoReleases(FIXED_NOW) });
const mean = (points: [number, number][]) => points.reduce((s, p) => s + p[1], 0) / points.length;

async function lastHalfHour(metrics: DemoMetricsProvider, query: string) {
  const [series] = await metrics.queryRange({ query, start: FIXED_NOW - 30 * MINUTE, end: FIXED_NOW, stepMs: 15_000 });
  return series!.points;
}

describe('DemoMetricsProvider', () => {
  it('answers every query of both releases, and [] for anything else', async () => {
    const metrics = provider();
    for (const def of definitions) {
      for (const metric of def.release.metrics) {
        for (const query of Object.values(def.queries[metric.id]!)) {
          const result = await metrics.queryRange({ query, start: FIXED_NOW - 10 * MINUTE, end: FIXED_NOW, stepMs: 60_000 });
          expect(result).toHaveLength(1);
          // FIXED_NOW is 17 s past a minute, so ten minute marks fall inside the range.
          expect(result[0]!.points.length).toBe(10);
        }
      }
    }
    expect(metrics.knownQueries()).toHaveLength(12);
    const range = { start: FIXED_NOW - MINUTE, end: FIXED_NOW, stepMs: 15_000 };
    expect(await metrics.queryRange({ query: 'up', ...range })).toEqual([]);
    expect(await metrics.queryRange({ query: metricQuery('error_rate', 'profile', '1.0.0'), ...range })).toEqual([]);
  });

  it('aligns points to the step and gives a timestamp the same value from any overlapping range', async () => {
    const metrics = provider();
    const query = byId('checkout-2.4.0').queries.latency_p95!.canary;
    const a = (await metrics.queryRange({ query, start: FIXED_NOW - 61 * MINUTE + 7, end: FIXED_NOW - 10 * MINUTE, stepMs: 30_000 }))[0]!;
    const b = (await metrics.queryRange({ query, start: FIXED_NOW - 40 * MINUTE - 3, end: FIXED_NOW, stepMs: 30_000 }))[0]!;
    const c = (await metrics.queryRange({ query, start: FIXED_NOW - 40 * MINUTE, end: FIXED_NOW, stepMs: 90_000 }))[0]!;
    for (const [t] of [...a.points, ...b.points]) expect(t % 30_000).toBe(0);
    expect(a.points[0]![0]).toBeGreaterThanOrEqual(FIXED_NOW - 61 * MINUTE + 7);
    const inB = new Map(b.points);
    const shared = a.points.filter(([t]) => inB.has(t));
    expect(shared.length).toBeGreaterThan(40);
    for (const [t, v] of shared) expect(inB.get(t)).toBe(v);
    for (const [t, v] of c.points) if (inB.has(t)) expect(inB.get(t)).toBe(v);
  });

  it('is the same for the same seed and clock, different for another seed', async () => {
    const query = byId('search-1.8.2').queries.error_rate!.baseline;
    const one = await lastHalfHour(provider(42), query);
    expect(await lastHalfHour(provider(42), query)).toEqual(one);
    const other = await lastHalfHour(provider(43), query);
    expect(other.map((p) => p[0])).toEqual(one.map((p) => p[0]));
    expect(other.map((p) => p[1])).not.toEqual(one.map((p) => p[1]));
  });

  it('shows the checkout canary degrading above its baseline on errors and p95, not on saturation', async () => {
    const metrics = provider();
    const { queries } = byId('checkout-2.4.0');
    for (const metric of ['error_rate', 'latency_p95']) {
      const canary = mean(await lastHalfHour(metrics, queries[metric]!.canary));
      const baseline = mean(await lastHalfHour(metrics, queries[metric]!.baseline));
      expect(canary / baseline).toBeGreaterThan(1.5);
    }
    const cpu = mean(await lastHalfHour(metrics, queries.saturation!.canary)) / mean(await lastHalfHour(metrics, queries.saturation!.baseline));
    expect(Math.abs(cpu - 1)).toBeLessThan(0.15);
  });

  it('keeps drifting: the checkout canary is worse an hour later than at creation', async () => {
    const clock = fixedClock();
    const metrics = provider(42, clock);
    const query = byId('checkout-2.4.0').queries.error_rate!.canary;
    const now = mean(await lastHalfHour(metrics, query));
    clock.set(FIXED_NOW + 60 * MINUTE);
    const [later] = await metrics.queryRange({ query, start: FIXED_NOW + 30 * MINUTE, end: FIXED_NOW + 60 * MINUTE, stepMs: 15_000 });
    expect(mean(later!.points)).toBeGreaterThan(now * 1.2);
  });

  it('shows the search canary within 15 % of its baseline on every metric', async () => {
    const metrics = provider();
    const def = byId('search-1.8.2');
    for (const metric of def.release.metrics) {
      const canary = mean(await lastHalfHour(metrics, def.queries[metric.id]!.canary));
      const baseline = mean(await lastHalfHour(metrics, def.queries[metric.id]!.baseline));
      expect(Math.abs(canary / baseline - 1)).toBeLessThan(0.15);
    }
  });

  it('has no canary before its rollout began and nothing after now', async () => {
    const metrics = provider();
    const def = byId('checkout-2.4.0');
    const range = { start: def.release.startedAt - 30 * MINUTE, end: FIXED_NOW + 30 * MINUTE, stepMs: 60_000 };
    const [canary] = await metrics.queryRange({ query: def.queries.error_rate!.canary, ...range });
    const [baseline] = await metrics.queryRange({ query: def.queries.error_rate!.baseline, ...range });
    expect(canary!.points[0]![0]).toBe(def.release.startedAt);
    expect(baseline!.points[0]![0]).toBe(range.start);
    expect(baseline!.points.at(-1)![0]).toBeLessThanOrEqual(FIXED_NOW);
    const before = { start: def.release.startedAt - 60 * MINUTE, end: def.release.startedAt - MINUTE, stepMs: 60_000 };
    expect(await metrics.queryRange({ query: def.queries.error_rate!.canary, ...before })).toEqual([]);
  });

  it('refuses ranges Prometheus would refuse', async () => {
    const metrics = provider();
    const query = byId('search-1.8.2').queries.error_rate!.canary;
    await expect(metrics.queryRange({ query, start: FIXED_NOW, end: FIXED_NOW - 1, stepMs: 1000 })).rejects.toThrow(/before start/);
    await expect(metrics.queryRange({ query, start: 0, end: FIXED_NOW, stepMs: 0 })).rejects.toThrow(/positive step/);
    await expect(metrics.queryRange({ query, start: 0, end: FIXED_NOW, stepMs: 1000 })).rejects.toThrow(/11,000 points/);
  });
});
