import type { MetricSeries } from '../../../src-shared/domain/canary';
import { RingsideError } from '../../../src-shared/ipc/result';
import type { BackendTracker } from '../backends';
import type { MetricsProvider } from '../ports';
import type { ReleaseDefinition } from '../workspace';

/** Prometheus refuses more than 11,000 points per series. */
export const MAX_POINTS = 11_000;
const DEFAULT_POINTS = 720;

/** A step in whole seconds that keeps every series at or under maxPoints. */
export function chooseStepMs(from: number, to: number, maxPoints = DEFAULT_POINTS): number {
  const points = Math.min(Math.max(2, maxPoints), MAX_POINTS);
  const raw = Math.ceil((to - from) / (points - 1));
  return Math.max(1000, Math.ceil(raw / 1000) * 1000);
}

/** Canary and baseline series of every metric of a release. */
export async function loadReleaseSeries(
  metrics: MetricsProvider | null,
  backends: BackendTracker,
  definition: ReleaseDefinition,
  range: { from: number; to: number; maxPoints?: number },
): Promise<MetricSeries[]> {
  if (!metrics) throw new RingsideError('unavailable', 'No metrics backend is configured for this workspace.');
  const stepMs = chooseStepMs(range.from, range.to, range.maxPoints);
  const requests = definition.release.metrics.flatMap((metric) => {
    const queries = definition.queries[metric.id];
    if (!queries) return [];
    return (['canary', 'baseline'] as const).map((group) => ({ metric: metric.id, group, query: queries[group] }));
  });
  return backends.track('metrics', () =>
    Promise.all(
      requests.map(async ({ metric, group, query }) => {
        const result = await metrics.queryRange({ query, start: range.from, end: range.to, stepMs });
        return { metric, group, points: result[0]?.points ?? [] };
      }),
    ),
  );
}
