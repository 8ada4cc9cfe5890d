import type { ChartLine } from './chartData';

/** The plot's rectangle inside the chart's SVG, in px. */
export interface Plot {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A value axis: its domain and the round values it labels, from the domain's low end up. */
export interface ValueAxis {
  domain: [number, number];
  ticks: number[];
}

/** The round step (1, 2 or 5 × a power of ten) nearest above `raw`. */
function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  const f = raw / power;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * power;
}

/**
 * The value axis for the lines: from zero (or the lowest value, if below it) to the highest value,
 * widened to round ticks about `count` apart. Recomputed from the drawn values on every refresh;
 * the axis only changes when the data leaves the round bounds it had.
 */
export function valueAxis(lines: readonly ChartLine[], count = 5): ValueAxis {
  let lo = 0;
  let hi = 0;
  for (const { v } of lines) {
    for (let i = 0; i < v.length; i += 1) {
      const value = v[i]!;
      if (value < lo) lo = value;
      else if (value > hi) hi = value;
    }
  }
  if (hi === lo) hi = lo + 1;
  const step = niceStep((hi - lo) / count);
  const min = Math.floor(lo / step) * step;
  const max = Math.ceil(hi / step) * step;
  const ticks: number[] = [];
  // rounded so that 0.1 + 0.2 labels as 0.3
  for (let i = 0; min + i * step <= max + step / 2; i += 1) ticks.push(Number((min + i * step).toPrecision(12)));
  return { domain: [ticks[0]!, ticks[ticks.length - 1]!], ticks };
}

/**
 * The SVG path of a line over the plot: a straight segment between neighbouring samples (one command
 * per sample, at most one sample per pixel), x over `xDomain` and y over `yDomain` linearly, as the axes.
 */
export function linePath(line: ChartLine, xDomain: readonly [number, number], yDomain: readonly [number, number], plot: Plot): string {
  const n = line.t.length;
  const [from, to] = xDomain;
  const [lo, hi] = yDomain;
  if (n === 0 || !(to > from) || !(hi > lo)) return '';
  const sx = plot.width / (to - from);
  const sy = plot.height / (hi - lo);
  const bottom = plot.y + plot.height;
  let d = '';
  for (let i = 0; i < n; i += 1) {
    const x = plot.x + (line.t[i]! - from) * sx;
    const y = bottom - (line.v[i]! - lo) * sy;
    d += `${i === 0 ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`;
  }
  return d;
}

/** The index of the sample nearest `time` in ascending times (-1 when there are none). */
export function nearestIndex(times: Float64Array, time: number): number {
  const n = times.length;
  if (n === 0) return -1;
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid]! < time) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 && time - times[lo - 1]! <= times[lo]! - time ? lo - 1 : lo;
}
