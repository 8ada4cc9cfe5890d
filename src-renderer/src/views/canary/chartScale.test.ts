import { snapDomain } from './chartData';
import { linePath, nearestIndex, valueAxis } from './chartScale';

const line = (t: number[], v: number[]) => ({ t: Float64Array.from(t), v: Float64Array.from(v) });

describe('valueAxis', () => {
  it('runs from zero to round ticks covering every drawn value', () => {
    const axis = valueAxis([line([1, 2, 3], [112, 180, 131]), line([1, 2], [97, 203])]);
    expect(axis.domain[0]).toBe(0);
    expect(axis.domain[1]).toBeGreaterThanOrEqual(203);
    expect(axis.ticks[0]).toBe(axis.domain[0]);
    expect(axis.ticks.at(-1)).toBe(axis.domain[1]);
    const step = axis.ticks[1]! - axis.ticks[0]!;
    expect([1, 2, 5].some((f) => Number.isInteger(step / f) && Math.log10(step / f) % 1 === 0)).toBe(true);
    expect(axis.ticks.length).toBeLessThanOrEqual(7);
  });

  it('goes below zero for negative values, labels decimals exactly and has a span with no data', () => {
    expect(valueAxis([line([1, 2], [-3, 4])]).domain[0]).toBeLessThanOrEqual(-3);
    expect(valueAxis([line([1, 2], [0.01, 0.03])]).ticks).toEqual([0, 0.01, 0.02, 0.03]);
    expect(valueAxis([line([], [])]).domain).toEqual([0, 1]);
  });
});

describe('linePath', () => {
  const plot = { x: 80, y: 8, width: 400, height: 100 };
  it('draws one command per sample, linearly over the domains the axes were given', () => {
    const d = linePath(line([0, 50, 100], [0, 50, 100]), [0, 100], [0, 100], plot);
    expect(d).toBe('M80.0,108.0L280.0,58.0L480.0,8.0');
  });
  it('draws nothing without samples or without a span', () => {
    expect(linePath(line([], []), [0, 100], [0, 1], plot)).toBe('');
    expect(linePath(line([1], [1]), [5, 5], [0, 1], plot)).toBe('');
  });
});

describe('nearestIndex', () => {
  it('finds the sample nearest a time, ties to the earlier', () => {
    const times = Float64Array.from([10, 20, 30]);
    expect([0, 14, 15, 16, 29, 99].map((t) => nearestIndex(times, t))).toEqual([0, 0, 0, 1, 2, 2]);
    expect(nearestIndex(new Float64Array(0), 5)).toBe(-1);
  });
});

describe('snapDomain', () => {
  const MINUTE = 60_000;
  const NOW = 1_800_000_000_000 + 7_777;
  it('snaps a two-hour window outwards to the minute, so a 5 s slide mostly leaves it alone', () => {
    const [from, to] = snapDomain(NOW - 120 * MINUTE, NOW);
    expect(from % MINUTE).toBe(0);
    expect(to % MINUTE).toBe(0);
    expect(from).toBeLessThanOrEqual(NOW - 120 * MINUTE);
    expect(to).toBeGreaterThanOrEqual(NOW);
    expect(to - from).toBeLessThanOrEqual(121 * MINUTE);
    const moved = Array.from({ length: 12 }, (_, i) => snapDomain(NOW - 120 * MINUTE + i * 5_000, NOW + i * 5_000).join());
    expect(new Set(moved).size).toBeLessThanOrEqual(2);
  });
  it('leaves an empty or tiny window as it is', () => {
    expect(snapDomain(NOW, NOW)).toEqual([NOW, NOW]);
    expect(snapDomain(NOW, NOW + 50)).toEqual([NOW, NOW + 50]);
  });
});
