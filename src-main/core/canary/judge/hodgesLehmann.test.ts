import { hodgesLehmann, thin, thinnedSizes } from './hodgesLehmann';

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

  it('thins deterministically above 250,000 pairs', () => {
    expect(thinnedSizes(600, 600)).toEqual([500, 500]);
    expect(thinnedSizes(1, 1_000_000)).toEqual([1, 250_000]);
    expect(thinnedSizes(400, 400)).toEqual([400, 400]);
    expect(thin([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 5)).toEqual([1, 3, 5, 7, 9]);

    const baseline = Array.from({ length: 600 }, (_, i) => (i * 7919) % 600);
    const canary = baseline.map((v) => v + 5);
    const r = hodgesLehmann(canary, baseline);
    expect(r.subsampled).toBe(true);
    expect(r.pairs).toBe(250_000);
    expect(r.estimate).toBe(5);
    expect(r.lower).toBeLessThanOrEqual(5);
    expect(r.upper).toBeGreaterThanOrEqual(5);
    expect(hodgesLehmann(canary, baseline)).toEqual(r); // same input, same answer
  });

  it('ignores NaN and refuses an empty sample or a bad confidence', () => {
    expect(hodgesLehmann([11, NaN, 12, 13], [1, 2, 3, NaN]).estimate).toBe(10);
    expect(() => hodgesLehmann([], [1])).toThrow(RangeError);
    expect(() => hodgesLehmann([1], [1], 1)).toThrow(RangeError);
  });
});
