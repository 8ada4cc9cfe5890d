import type { MetricSeries, SeriesPoint } from '../../../../src-shared/domain/canary';
import { lttbIndices, toColumns } from '../../../../src-shared/series/lttb';

/** One drawn line: the samples it keeps, times (epoch ms) ascending beside their values, all finite. */
export interface ChartLine {
  t: Float64Array;
  v: Float64Array;
}

export interface MetricPoints {
  canary: readonly SeriesPoint[];
  baseline: readonly SeriesPoint[];
}

const EMPTY: SeriesPoint[] = [];

/** The canary and baseline points of one metric out of a release's series. */
export function pointsOf(series: readonly MetricSeries[], metric: string): MetricPoints {
  const find = (group: MetricSeries['group']) =>
    series.find((s) => s.metric === metric && s.group === group)?.points ?? EMPTY;
  return { canary: find('canary'), baseline: find('baseline') };
}

/**
 * At most `threshold` of the points, chosen by LTTB (spikes survive), as typed arrays; points with a
 * non-finite time or value are gaps and never drawn.
 */
export function sampleLine(points: readonly SeriesPoint[], threshold: number): ChartLine {
  const { xs, ys } = toColumns(points);
  const kept = lttbIndices(xs, ys, threshold);
  const t = new Float64Array(kept.length);
  const v = new Float64Array(kept.length);
  for (let i = 0; i < kept.length; i += 1) {
    t[i] = xs[kept[i]!]!;
    v[i] = ys[kept[i]!]!;
  }
  return { t, v };
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

/** Steps the x axis' ends may snap to, finest first. */
const SNAP_STEPS = [1, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600].map((s) => s * 1000);

/**
 * The x axis' domain for a window: its ends snapped outwards to a round step of at most a hundredth
 * of the window (a minute for two hours), so a window sliding with every refresh moves the axis,
 * its ticks and its markers only when it crosses a step, not on every refresh. Every sample of the
 * window stays inside; the axis is at most one step wider than the window.
 */
export function snapDomain(from: number, to: number): [number, number] {
  if (!(to > from)) return [from, to];
  const step = [...SNAP_STEPS].reverse().find((s) => s <= (to - from) / 100);
  if (step === undefined) return [from, to];
  return [Math.floor(from / step) * step, Math.ceil(to / step) * step];
}
