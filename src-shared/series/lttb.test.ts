import fc from 'fast-check';
import { lttb, lttbIndices } from './lttb';

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

/**
 * The algorithm written the plain way, over [x, y] tuples, returning the indices it keeps in the input:
 * the typed version must agree with it index for index.
 */
function referenceIndices(xs: ArrayLike<number>, ys: ArrayLike<number>, threshold: number): number[] {
  const data: { i: number; x: number; y: number }[] = [];
  for (let i = 0; i < xs.length; i += 1) {
    if (Number.isFinite(xs[i]) && Number.isFinite(ys[i])) data.push({ i, x: xs[i]!, y: ys[i]! });
  }
  const n = data.length;
  const t = Number.isNaN(threshold) ? 2 : Math.floor(threshold);
  if (t >= n) return data.map((d) => d.i);
  if (t < 3) return n > 2 ? [data[0]!.i, data[n - 1]!.i] : data.map((d) => d.i);
  const every = (n - 2) / (t - 2);
  const kept = [0];
  let a = 0;
  for (let b = 0; b < t - 2; b += 1) {
    const nextStart = Math.floor((b + 1) * every) + 1;
    const nextEnd = Math.min(Math.floor((b + 2) * every) + 1, n);
    let sumX = 0;
    let sumY = 0;
    for (let j = nextStart; j < nextEnd; j += 1) {
      sumX += data[j]!.x;
      sumY += data[j]!.y;
    }
    const count = Math.max(1, nextEnd - nextStart);
    const avgX = sumX / count;
    const avgY = sumY / count;
    const start = Math.floor(b * every) + 1;
    const end = Math.floor((b + 1) * every) + 1;
    const pa = data[a]!;
    let best = start;
    let bestArea = -1;
    for (let j = start; j < end; j += 1) {
      const p = data[j]!;
      const area = Math.abs((pa.x - avgX) * (p.y - pa.y) - (pa.x - p.x) * (avgY - pa.y));
      if (area > bestArea) {
        bestArea = area;
        best = j;
      }
    }
    kept.push(best);
    a = best;
  }
  kept.push(n - 1);
  return kept.map((k) => data[k]!.i);
}

/** Random series: plain, with repeated x, with constant y, with gaps (NaN, ±Infinity), with extreme values. */
const seriesArb = fc
  .record({
    n: fc.integer({ min: 0, max: 400 }),
    xKind: fc.constantFrom('increasing', 'duplicates', 'random', 'any-double'),
    yKind: fc.constantFrom('random', 'constant', 'small-integers', 'any-double'),
    gaps: fc.boolean(),
    seed: fc.integer(),
  })
  .chain(({ n, xKind, yKind, gaps, seed }) => {
    const gap = fc.constantFrom(Number.NaN, Infinity, -Infinity);
    const xArb =
      xKind === 'duplicates' ? fc.integer({ min: 0, max: 20 }) : xKind === 'any-double' ? fc.double() : fc.double({ min: -1e6, max: 1e6, noNaN: true });
    const yArb =
      yKind === 'constant' ? fc.constant(seed % 7) : yKind === 'small-integers' ? fc.integer({ min: -3, max: 3 }) : yKind === 'any-double' ? fc.double() : fc.double({ min: -1e3, max: 1e3, noNaN: true });
    const withGaps = (arb: fc.Arbitrary<number>) => (gaps ? fc.oneof({ weight: 9, arbitrary: arb }, { weight: 1, arbitrary: gap }) : arb);
    return fc.record({
      xs: fc.array(withGaps(xArb), { minLength: n, maxLength: n }).map((values) => (xKind === 'increasing' ? values.map((_, i) => i * 1000) : values)),
      ys: fc.array(withGaps(yArb), { minLength: n, maxLength: n }),
      threshold: fc.oneof(
        fc.constantFrom(-1, 0, 1, 2, 3, 4, n - 1, n, n + 1, n + 50, Infinity, Number.NaN, 2.5, 10.7),
        fc.integer({ min: 3, max: Math.max(3, n) }),
      ),
    });
  });

describe('lttbIndices', () => {
  it('selects exactly the indices of the plain implementation, on random series', () => {
    fc.assert(
      fc.property(seriesArb, ({ xs, ys, threshold }) => {
        const got = lttbIndices(Float64Array.from(xs), Float64Array.from(ys), threshold);
        expect(Array.from(got)).toEqual(referenceIndices(xs, ys, threshold));
      }),
      { numRuns: 1_000 },
    );
  });

  it('lttb over tuples returns the same points as the plain implementation picks', () => {
    fc.assert(
      fc.property(seriesArb, ({ xs, ys, threshold }) => {
        const points = xs.map((x, i) => [x, ys[i]!] as [number, number]);
        const expected = referenceIndices(xs, ys, threshold).map((i) => [xs[i]!, ys[i]!]);
        expect(lttb(points, threshold)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('returns indices into the caller arrays when there are gaps', () => {
    const xs = Float64Array.from([0, 1, 2, 3, 4, 5, 6]);
    const ys = Float64Array.from([1, Number.NaN, 5, Infinity, 0, 0, 2]);
    expect(Array.from(lttbIndices(xs, ys, 3))).toEqual([0, 2, 6]);
    expect(Array.from(lttbIndices(xs, ys, 100))).toEqual([0, 2, 4, 5, 6]);
    expect(Array.from(lttbIndices(xs, ys, 2))).toEqual([0, 6]);
  });

  it('writes into a preallocated output when it is long enough', () => {
    const xs = Float64Array.from({ length: 1_000 }, (_, i) => i);
    const ys = Float64Array.from({ length: 1_000 }, (_, i) => Math.sin(i / 20));
    const out = new Uint32Array(100);
    const got = lttbIndices(xs, ys, 100, out);
    expect(got.buffer).toBe(out.buffer);
    expect(got).toHaveLength(100);
    expect(lttbIndices(xs, ys, 200, out)).toHaveLength(200);
  });

  it('refuses xs and ys of different lengths', () => {
    expect(() => lttbIndices(new Float64Array(3), new Float64Array(2), 2)).toThrow(RangeError);
  });
});
