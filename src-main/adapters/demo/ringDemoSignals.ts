import type { CanaryGroup, SeriesPoint } from '../../../src-shared/domain/canary';
import type { MetricsProvider, RawSeries } from '../../core/ports';
import { hashString, smoothNoise } from './random';
import { metricQuery, type DemoMetricId } from './releases';
import type { RingDemoRollout } from './ringDemoRollout';

/**
 * The ring demo's health signals. The 3-D Secure service's new ACS client holds one connection
 * per challenge: harmless at developer traffic (5 %), it exhausts its pool once employees (25 %)
 * arrive, so errors and tail latency climb from the moment the canary reaches 25 %. A sample is
 * a pure function of (seed, series, t, weight history): same seed, same run of weights, same values.
 */

const SCRAPE_MS = 15_000;
/** At speed 1, how long the canary takes to degrade fully after reaching the ring that breaks it. */
export const DEGRADE_MS = 20 * 60_000;
export const BREAKING_WEIGHT = 25;

const LEVELS: Record<DemoMetricId, number> = { error_rate: 0.35, latency_p95: 210, saturation: 48 };
/** How far above baseline each metric ends up once fully degraded. */
const DAMAGE: Record<DemoMetricId, { factor: number; add: number }> = {
  error_rate: { factor: 6, add: 0 },
  latency_p95: { factor: 1, add: 320 },
  saturation: { factor: 1.08, add: 0 },
};
const JITTER: Record<DemoMetricId, number> = { error_rate: 0.06, latency_p95: 0.03, saturation: 0.02 };

/** Smooth seeded wobble in [-1, 1]: hashed per scrape, eased between scrapes. */
const wobble = (seed: number, stream: number, t: number) => smoothNoise(seed, stream, t, SCRAPE_MS);

export interface RingDemoRelease {
  id: string;
  service: string;
  version: string;
  baselineVersion: string;
}

export function ringDemoSample(
  seed: number,
  release: RingDemoRelease,
  rollout: RingDemoRollout,
  speed: number,
  group: CanaryGroup,
  metric: DemoMetricId,
  t: number,
): number | null {
  return sampleOf(seed, streamsOf(release, group, metric), rollout, speed, group, metric, t);
}

/** The noise streams of one series, hashed once per query rather than once per sample. */
const streamsOf = (release: RingDemoRelease, group: CanaryGroup, metric: DemoMetricId) => ({
  own: hashString(`${release.id}/${metric}/${group}`),
  shared: hashString(`${release.id}/${metric}`),
});

function sampleOf(
  seed: number,
  streams: { own: number; shared: number },
  rollout: RingDemoRollout,
  speed: number,
  group: CanaryGroup,
  metric: DemoMetricId,
  t: number,
): number | null {
  const shared = 1 + 0.03 * wobble(seed, streams.shared, t);
  const base = LEVELS[metric] * shared * (1 + JITTER[metric] * wobble(seed, streams.own, t));
  if (group === 'baseline') return base;
  // No canary pods, no canary series: before the rollout and after an abort.
  if (rollout.weightAt(t) === 0) return null;
  const since = rollout.reachedAt(BREAKING_WEIGHT, t);
  const damage = since === null ? 0 : Math.min(1, ((t - since) * speed) / DEGRADE_MS);
  const { factor, add } = DAMAGE[metric];
  // A healthy canary runs a touch lighter than the fleet (fresh pods): never "worse" by chance.
  return base * (0.96 + (factor - 1) * damage) + add * damage;
}

/** Keep four significant digits, as the demo's other series do. */
const round = (v: number) => (v === 0 ? 0 : Number(v.toPrecision(4)));

/** The demo's metrics store, answering the ring demo release's queries itself and the rest as before. */
export function withRingDemoMetrics(
  inner: MetricsProvider,
  options: { seed: number; speed: number; release: RingDemoRelease; rollout: RingDemoRollout; now: () => number },
): MetricsProvider {
  const ours = new Map<string, { group: CanaryGroup; metric: DemoMetricId }>();
  for (const metric of ['error_rate', 'latency_p95', 'saturation'] as const) {
    ours.set(metricQuery(metric, options.release.service, options.release.version), { group: 'canary', metric });
    ours.set(metricQuery(metric, options.release.service, options.release.baselineVersion), { group: 'baseline', metric });
  }
  return {
    provider: inner.provider,
    async queryRange(query) {
      const ref = ours.get(query.query.trim());
      // The demo store's own checks (step, resolution, order) apply to every query alike.
      const checked = await inner.queryRange(query);
      if (!ref) return checked;
      const last = Math.min(query.end, options.now());
      const first = Math.ceil(query.start / query.stepMs) * query.stepMs;
      const points: SeriesPoint[] = [];
      const streams = streamsOf(options.release, ref.group, ref.metric);
      for (let t = first, i = 1; t <= last; t = first + i++ * query.stepMs) {
        const v = sampleOf(options.seed, streams, options.rollout, options.speed, ref.group, ref.metric, t);
        if (v !== null) points.push([t, round(v)]);
      }
      if (points.length === 0) return [];
      const version = ref.group === 'canary' ? options.release.version : options.release.baselineVersion;
      const series: RawSeries = { labels: { service: options.release.service, version }, points };
      return [series];
    },
  };
}
