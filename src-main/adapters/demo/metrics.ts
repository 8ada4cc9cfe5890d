import type { CanaryGroup, SeriesPoint } from '../../../src-shared/domain/canary';
import { RingsideError } from '../../../src-shared/ipc/result';
import type { Clock, MetricsProvider, RangeQuery, RawSeries } from '../../core/ports';
import { DEMO_METRICS, metricQuery, versionOf, type DemoMetricId, type DemoRelease } from './releases';
import { sampleAt } from './signals';

/** Prometheus refuses more points than this per series; the demo answers the same way. */
const MAX_POINTS = 11_000;

interface SeriesRef {
  release: DemoRelease;
  group: CanaryGroup;
  metric: DemoMetricId;
}

/** Keep four significant digits: enough for a chart, and what a scrape would plausibly hold. */
const round = (v: number) => (v === 0 ? 0 : Number(v.toPrecision(4)));

/** A Prometheus stand-in that answers exactly the queries of the demo's own releases. */
export class DemoMetricsProvider implements MetricsProvider {
  readonly provider = 'demo';
  private readonly series = new Map<string, SeriesRef>();

  constructor(private readonly options: { seed: number; clock: Clock; releases: readonly DemoRelease[] }) {
    for (const release of options.releases) {
      for (const { id: metric } of DEMO_METRICS) {
        for (const group of ['canary', 'baseline'] as const) {
          this.series.set(metricQuery(metric, release.service, versionOf(release, group)), { release, group, metric });
        }
      }
    }
  }

  /** The query texts this provider knows, for tests and a query picker. */
  knownQueries(): string[] {
    return [...this.series.keys()];
  }

  async queryRange({ query, start, end, stepMs }: RangeQuery): Promise<RawSeries[]> {
    if (![start, end, stepMs].every(Number.isFinite) || stepMs <= 0) {
      throw new RingsideError('bad_request', 'The demo metrics store needs a finite start, end and a positive step.');
    }
    if (end < start) throw new RingsideError('bad_request', 'end timestamp must not be before start time');
    if ((end - start) / stepMs + 1 > MAX_POINTS) {
      throw new RingsideError(
        'bad_request',
        `exceeded maximum resolution of ${MAX_POINTS.toLocaleString('en-US')} points per timeseries. Try decreasing the query resolution (?step=XX)`,
      );
    }
    const ref = this.series.get(query.trim());
    if (!ref) return [];

    // Like a real store, nothing exists after now.
    const last = Math.min(end, this.options.clock.now());
    const first = Math.ceil(start / stepMs) * stepMs;
    const points: SeriesPoint[] = [];
    for (let t = first, i = 1; t <= last; t = first + i++ * stepMs) {
      const value = sampleAt(this.options.seed, ref.release, ref.group, ref.metric, t);
      if (value !== null) points.push([t, round(value)]);
    }
    if (points.length === 0) return [];
    const labels = { service: ref.release.service, version: versionOf(ref.release, ref.group) };
    return [{ labels, points }];
  }
}
