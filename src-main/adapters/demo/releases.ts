import type { CanaryGroup, MetricDef } from '../../../src-shared/domain/canary';
import type { ReleaseDefinition } from '../../core/workspace';
import { planStart, ROLLOUT_PLANS } from './rollouts';

/** The demo's two releases under canary and the PromQL that reads each of their metrics. */

export type DemoMetricId = 'error_rate' | 'latency_p95' | 'saturation';

export const DEMO_METRICS: readonly (MetricDef & { id: DemoMetricId })[] = [
  { id: 'error_rate', label: 'Error rate (5xx)', unit: '%', harmful: 'increase', weight: 2, critical: true },
  { id: 'latency_p95', label: 'Latency p95', unit: 'ms', harmful: 'increase', weight: 2, critical: false },
  { id: 'saturation', label: 'CPU saturation', unit: '%', harmful: 'increase', weight: 1, critical: false, tolerance: 0.1 },
];

export type MetricLevels = Record<DemoMetricId, number>;

export interface DemoRelease {
  id: string;
  service: string;
  namespace: string;
  version: string;
  baselineVersion: string;
  flag: string;
  rollout: string;
  startedAt: number;
  /** the baseline's typical level per metric */
  levels: MetricLevels;
  /** how far the canary drifts above baseline over the first two hours (then more slowly) */
  drift: MetricLevels;
}

type ReleaseSpec = Omit<DemoRelease, 'startedAt' | 'namespace' | 'version'>;

const RELEASE_SPECS: readonly ReleaseSpec[] = [
  {
    id: 'checkout-2.4.0',
    service: 'checkout',
    baselineVersion: '2.3.9',
    flag: 'checkout.new-pricing-engine',
    rollout: 'checkout',
    levels: { error_rate: 0.4, latency_p95: 180, saturation: 52 },
    // The pricing engine leaks connections: errors and tail latency creep up, CPU barely moves.
    drift: { error_rate: 2.1, latency_p95: 240, saturation: 1 },
  },
  {
    id: 'search-1.8.2',
    service: 'search',
    baselineVersion: '1.8.1',
    flag: 'search.semantic-ranking',
    rollout: 'search',
    levels: { error_rate: 0.25, latency_p95: 95, saturation: 61 },
    drift: { error_rate: 0, latency_p95: 0, saturation: 0 },
  },
];

/** The releases as of the workspace's creation; each starts when its rollout did. */
export function demoReleases(createdAt: number): DemoRelease[] {
  return RELEASE_SPECS.map((spec) => {
    const plan = ROLLOUT_PLANS.find((p) => p.name === spec.rollout);
    if (!plan) throw new Error(`demo release ${spec.id} has no rollout plan`);
    return { ...spec, namespace: plan.namespace, version: plan.version, startedAt: planStart(plan, createdAt) };
  });
}

export const versionOf = (release: DemoRelease, group: CanaryGroup) =>
  group === 'canary' ? release.version : release.baselineVersion;

/** The PromQL text for one metric of one service version; the metrics provider answers exactly these. */
export function metricQuery(metric: DemoMetricId, service: string, version: string): string {
  const sel = `service="${service}",version="${version}"`;
  switch (metric) {
    case 'error_rate':
      return `100 * sum(rate(http_requests_total{${sel},code=~"5.."}[1m])) / sum(rate(http_requests_total{${sel}}[1m]))`;
    case 'latency_p95':
      return `1000 * histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{${sel}}[5m])))`;
    case 'saturation':
      return `100 * avg(rate(process_cpu_seconds_total{${sel}}[1m]))`;
  }
}

export function releaseDefinition(release: DemoRelease): ReleaseDefinition {
  return {
    release: {
      id: release.id,
      service: release.service,
      version: release.version,
      flag: release.flag,
      rollout: release.rollout,
      startedAt: release.startedAt,
      metrics: DEMO_METRICS.map((m) => ({ ...m })),
    },
    queries: Object.fromEntries(
      DEMO_METRICS.map((m) => [
        m.id,
        {
          canary: metricQuery(m.id, release.service, release.version),
          baseline: metricQuery(m.id, release.service, release.baselineVersion),
        },
      ]),
    ),
  };
}
