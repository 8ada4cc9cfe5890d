import { lttb, type TimePoint } from './lttb';

const series = (n: number, value: (i: number) => number): TimePoint[] => Array.from({ length: n }, (_, i) => [i * 1000, value(i)] as const);

describe('lttb', () => {
  it('returns the input when it already fits', () => {
    const points = series(10, (i) => i);
    expect(lttb(points, 10)).toEqual(points);
    expect(lttb(points, 50)).toEqual(points);
    expect(lttb([], 5)).toEqual([]);
  });

  it('gives exactly N points, first and last kept, in time order', () => {
    const points = series(1_000, (i) => Math.sin(i / 20) * 10);
    for (const n of [2, 3, 10, 100, 999]) {
      const out = lttb(points, n);
      expect(out).toHaveLength(n);
      expect(out[0]).toBe(points[0]);
      expect(out[n - 1]).toBe(points[999]);
      expect(out.every((p, i) => i === 0 || p[0] > (out[i - 1] as TimePoint)[0])).toBe(true);
    }
  });

  it('keeps the spike in a flat series', () => {
    const points = series(10_000, (i) => (i === 4_321 ? 500 : 1));
    expect(lttb(points, 50)).toContainEqual([4_321_000, 500]);
    const dip = series(10_000, (i) => (i === 777 ? -80 : 0));
    expect(lttb(dip, 20)).toContainEqual([777_000, -80]);
  });

  it('is NaN-safe: gaps do not poison the neighbouring buckets', () => {
    const points = series(1_000, (i) => (i % 7 === 0 ? Number.NaN : i === 500 ? 900 : 1));
    const out = lttb(points, 40);
    expect(out).toHaveLength(40);
    expect(out).toContainEqual([500_000, 900]);
    const allNaN = lttb(series(100, () => Number.NaN), 10);
    expect(allNaN).toHaveLength(10);
    expect(lttb(series(100, (i) => (i === 0 ? Number.NaN : i === 60 ? Infinity : 2)), 10)).toContainEqual([60_000, Infinity]);
  });

  it('refuses fewer than two points', () => {
    expect(() => lttb(series(5, (i) => i), 1)).toThrow(/at least 2/);
    expect(() => lttb(series(5, (i) => i), 2.5)).toThrow(/whole number/);
  });
});
