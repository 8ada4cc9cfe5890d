import type { MetricSeries, SeriesPoint } from '../../../../src-shared/domain/canary';

/** One x position of a chart: both groups' values at the same timestamp (epoch ms). */
export interface ChartRow {
  t: number;
  canary: number | null;
  baseline: number | null;
}

export interface MetricPoints {
  canary: SeriesPoint[];
  baseline: SeriesPoint[];
}

const EMPTY: SeriesPoint[] = [];

/** The canary and baseline points of one metric out of a release's series. */
export function pointsOf(series: readonly MetricSeries[], metric: string): MetricPoints {
  const find = (group: MetricSeries['group']) =>
    series.find((s) => s.metric === metric && s.group === group)?.points ?? EMPTY;
  return { canary: find('canary'), baseline: find('baseline') };
}

/** Rows sorted by time; a group without a sample at a timestamp gets null (a gap, not a zero). */
export function mergeSeries({ canary, baseline }: MetricPoints): ChartRow[] {
  const rows = new Map<number, ChartRow>();
  const put = (points: SeriesPoint[], group: 'canary' | 'baseline') => {
    for (const [t, v] of points) {
      const row = rows.get(t) ?? { t, canary: null, baseline: null };
      row[group] = Number.isFinite(v) ? v : null;
      rows.set(t, row);
    }
  };
  put(canary, 'canary');
  put(baseline, 'baseline');
  return [...rows.values()].sort((a, b) => a.t - b.t);
}
