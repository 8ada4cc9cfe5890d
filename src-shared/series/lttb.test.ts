import { lttb } from './lttb';

const series = (n: number, f: (i: number) => number) => Array.from({ length: n }, (_, i) => [i * 1000, f(i)] as [number, number]);

describe('lttb', () => {
  it('returns the input when it already fits', () => {
    const input = series(10, (i) => i);
    expect(lttb(input, 10)).toEqual(input);
    expect(lttb(input, 50)).toEqual(input);
  });

  it('keeps first and last and returns exactly the threshold', () => {
    const out = lttb(series(10_000, (i) => Math.sin(i / 50)), 300);
    expect(out).toHaveLength(300);
    expect(out[0]).toEqual([0, 0]);
    expect(out.at(-1)).toEqual([9_999_000, Math.sin(9_999 / 50)]);
    expect(out.every((p, i) => i === 0 || p[0] > out[i - 1]![0])).toBe(true);
  });

  it('keeps a one-point spike in a flat series', () => {
    const out = lttb(series(5_000, (i) => (i === 3_210 ? 900 : 1)), 100);
    expect(out).toContainEqual([3_210_000, 900]);
  });

  it('drops NaN and infinite values instead of drawing them', () => {
    const out = lttb([[0, 1], [1, Number.NaN], [2, Infinity], [3, 2]], 10);
    expect(out).toEqual([[0, 1], [3, 2]]);
  });
});
