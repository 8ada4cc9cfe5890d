import fc from 'fast-check';
import { exactUDistribution } from './exactU';
import { hodgesLehmann } from './hodgesLehmann';
import { pooledRanks, uSigma, usesExact } from './mannWhitney';
import { normalQuantile } from './normal';
import { PairDifferences } from './pairSelect';
import { sortedFinite } from './sortedRanks';

/**
 * The definition, by brute force: every difference formed and sorted, ties from pooledRanks, k as
 * hodgesLehmann.ts documents it. −0 counts as 0, as the judge stores it.
 */
function bruteForce(canary: number[], baseline: number[], confidence = 0.95) {
  const x = canary.filter(Number.isFinite).map((v) => (v === 0 ? 0 : v));
  const y = baseline.filter(Number.isFinite).map((v) => (v === 0 ? 0 : v));
  const m = x.length;
  const n = y.length;
  const d = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) d[i * n + j] = x[i]! - y[j]!;
  d.sort();
  const total = d.length;
  const alpha = 1 - confidence;
  const { ties } = pooledRanks([...x, ...y]);
  let k: number;
  if (usesExact(m, n, ties)) {
    const dist = exactUDistribution(m, n);
    k = 1;
    while (k < total && dist.cdf(k) <= alpha / 2 + 1e-12) k++;
  } else {
    k = Math.floor(total / 2 - normalQuantile(1 - alpha / 2) * uSigma(m, n, ties) + 0.5);
    k = Math.min(Math.max(k, 1), Math.ceil(total / 2));
  }
  const mid = total >> 1;
  return { estimate: total % 2 === 1 ? d[mid]! : (d[mid - 1]! + d[mid]!) / 2, lower: d[k - 1]!, upper: d[total - k]!, sorted: d };
}

const sample = (value: fc.Arbitrary<number>, maxLength: number) => fc.array(value, { minLength: 1, maxLength });
/** many ties: integers from a small range */
const tied = fc.integer({ min: 1, max: 400 }).chain((maxLength) => sample(fc.integer({ min: -4, max: 6 }), maxLength));
const wide = (maxLength: number) =>
  sample(fc.oneof({ weight: 20, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) }, { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity) }), maxLength);
const expectExact = (canary: number[], baseline: number[], confidence = 0.95) => {
  const r = hodgesLehmann(canary, baseline, confidence);
  const b = bruteForce(canary, baseline, confidence);
  expect(r.estimate).toBe(b.estimate);
  expect(r.lower).toBe(b.lower);
  expect(r.upper).toBe(b.upper);
  expect(r.pairs).toBe(b.sorted.length);
};

const hwX = [0.8, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46];
const hwY = [1.15, 0.88, 0.9, 0.74, 1.21];

describe('hodgesLehmann', () => {
  it('Hollander & Wolfe permeability at 90%: estimate 0.305, CI [−0.08, 0.72]', () => {
    // R 4.2.2, wilcox.test(x, y, conf.int = TRUE, conf.level = .9): "difference in location
    // 0.305", 90% CI −0.08 0.72 (stored as a test fixture of the tidystats R package).
    const r = hodgesLehmann(hwX, hwY, 0.9);
    expect(r.method).toBe('exact');
    expect(r.pairs).toBe(50);
    expect(r.estimate).toBeCloseTo(0.305, 12);
    expect(r.lower).toBeCloseTo(-0.08, 12);
    expect(r.upper).toBeCloseTo(0.72, 12);
    // k = 12: coverage 1 − 2·P(U ≤ 11) = 0.900766, by full enumeration of the 3003 assignments
    expect(r.achievedConfidence).toBeCloseTo(0.9007659007659008, 12);
  });

  it('the same data at 95%: CI [−0.15, 0.76] (k = 9, coverage 0.96004)', () => {
    // computed by full enumeration of all C(15,5) rank assignments and sorting the 50 differences
    const r = hodgesLehmann(hwX, hwY, 0.95);
    expect(r.lower).toBeCloseTo(-0.15, 12);
    expect(r.upper).toBeCloseTo(0.76, 12);
    expect(r.achievedConfidence).toBeCloseTo(0.9600399600399601, 12);
  });

  it('a shift of exactly +5 gives 5, with 5 inside the interval (exact, 6 vs 6)', () => {
    // values chosen so that no canary value equals a baseline value (no ties → exact)
    const baseline = [10, 11, 13, 19, 26, 33];
    const canary = baseline.map((v) => v + 5);
    const r = hodgesLehmann(canary, baseline);
    expect(r.method).toBe('exact');
    expect(r.estimate).toBe(5);
    // k = 6 from the exact 6-vs-6 distribution (largest k with P(U ≤ k − 1) ≤ 0.025, full
    // enumeration of C(12,6) = 924): [D(6), D(31)] of the sorted differences = [−9, 19]
    expect([r.lower, r.upper]).toEqual([-9, 19]);
    expect(r.achievedConfidence).toBeCloseTo(0.9588744588744589, 12);
  });

  it('a shift of +5 on larger samples uses the normal critical value and still gives 5', () => {
    const baseline = Array.from({ length: 40 }, (_, i) => 100 + ((i * 17) % 40));
    const canary = baseline.map((v) => v + 5);
    const r = hodgesLehmann(canary, baseline);
    expect(r.method).toBe('normal');
    expect(r.estimate).toBe(5);
    expect(r.lower).toBeLessThan(5);
    expect(r.upper).toBeGreaterThan(5);
    expect(r.achievedConfidence).toBeGreaterThanOrEqual(0.95);
  });

  it('gives the widest interval when the confidence cannot be reached, and says so', () => {
    // 2 vs 2: the widest interval covers 1 − 2/C(4,2) = 2/3 at most
    const r = hodgesLehmann([5, 6], [1, 2], 0.95);
    expect([r.lower, r.upper]).toEqual([3, 5]);
    expect(r.achievedConfidence).toBeCloseTo(2 / 3, 12);
  });

  it('is exact above 250,000 pairs (where it used to thin the samples)', () => {
    const baseline = Array.from({ length: 600 }, (_, i) => (i * 7919) % 600);
    const canary = baseline.map((v) => v + 5);
    const r = hodgesLehmann(canary, baseline);
    expect(r.subsampled).toBe(false);
    expect(r.pairs).toBe(360_000);
    expect(r.estimate).toBe(5);
    expectExact(canary, baseline);
    expectExact(baseline.map((v, i) => v * 0.37 + (i % 7) * 1e-3), baseline.map((v) => v * 0.41));
    expect(hodgesLehmann(canary, baseline)).toEqual(r); // same input, same answer
  });

  it('equals brute force exactly on tied integer samples of unequal sizes (property)', () => {
    fc.assert(
      fc.property(tied, tied, fc.constantFrom(0.8, 0.9, 0.95, 0.99), (canary, baseline, confidence) => expectExact(canary, baseline, confidence)),
      { numRuns: 150 },
    );
  });

  it('equals brute force exactly on real-valued samples with gaps (property)', () => {
    fc.assert(
      fc.property(wide(300), wide(300), (canary, baseline) => {
        fc.pre(canary.some(Number.isFinite) && baseline.some(Number.isFinite));
        expectExact(canary, baseline);
      }),
      { numRuns: 100 },
    );
  });

  it('equals brute force exactly at the edges: one value a side, all equal, one huge and one tiny sample', () => {
    fc.assert(
      fc.property(tied, fc.integer({ min: -4, max: 6 }), (values, one) => {
        expectExact([one], values);
        expectExact(values, [one]);
        expectExact([one], [one]);
        expectExact(values.map(() => one), values.map(() => one).concat([one]));
      }),
      { numRuns: 100 },
    );
    expectExact([3], [1]);
    expectExact([7, 7, 7, 7, 7], [7, 7, 7]);
    const long = Array.from({ length: 5_000 }, (_, i) => (i * 37) % 101);
    expectExact([50], long);
    expectExact(long, [50, 51]);
  });

  it('PairDifferences returns every order statistic of the sorted differences, whatever the gather size', () => {
    fc.assert(
      fc.property(tied, tied, fc.integer({ min: 1, max: 64 }), (canary, baseline, gatherAt) => {
        const b = bruteForce(canary, baseline);
        const d = new PairDifferences(sortedFinite(canary), sortedFinite(baseline), gatherAt);
        const step = Math.max(1, Math.floor(b.sorted.length / 40));
        for (let k = 1; k <= b.sorted.length; k += step) expect(d.select(k)).toBe(b.sorted[k - 1]);
        expect(d.select(b.sorted.length)).toBe(b.sorted.at(-1));
        const v = b.sorted[Math.floor(b.sorted.length / 3)]!;
        expect(d.count(v, true)).toBe(b.sorted.filter((x) => x < v).length);
        expect(d.count(v, false)).toBe(b.sorted.filter((x) => x <= v).length);
        expect(d.nextAbove(v)).toBe(b.sorted.find((x) => x > v) ?? Infinity);
      }),
      { numRuns: 150 },
    );
    expect(() => new PairDifferences(new Float64Array([1]), new Float64Array([2])).select(2)).toThrow(RangeError);
  });

  it('ignores NaN and refuses an empty sample or a bad confidence', () => {
    expect(hodgesLehmann([11, NaN, 12, 13], [1, 2, 3, NaN]).estimate).toBe(10);
    expect(() => hodgesLehmann([], [1])).toThrow(RangeError);
    expect(() => hodgesLehmann([1], [1], 1)).toThrow(RangeError);
  });
});
