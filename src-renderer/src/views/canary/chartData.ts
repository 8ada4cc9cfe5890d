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

const MINUTE = 60_000;
/** Tick spacings a time axis may use, finest first. */
const TICK_STEPS = [1, 2, 5, 10, 15, 20, 30, 60, 120, 180, 360, 720, 1440].map((m) => m * MINUTE);

/**
 * Round times for the x axis, at least `gapPx` apart on a plot `plotPx` wide. Given to the axis as
 * its ticks (with interval 0), recharts draws them as they are instead of measuring every label
 * in the DOM on each refresh to find which fit.
 */
export function timeTicks(from: number, to: number, plotPx: number, gapPx = 72): number[] {
  if (!(to > from) || !(plotPx > 0)) return [];
  const most = Math.max(1, Math.floor(plotPx / gapPx));
  const step = TICK_STEPS.find((s) => (to - from) / s <= most) ?? TICK_STEPS[TICK_STEPS.length - 1]!;
  const ticks: number[] = [];
  for (let t = Math.ceil(from / step) * step; t <= to; t += step) ticks.push(t);
  return ticks;
}
