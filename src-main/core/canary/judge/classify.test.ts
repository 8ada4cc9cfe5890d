import { classifyMetric, isFailing } from './classify';
import type { JudgeMetric } from './types';

/** 40 distinct values from..from+39 in a scrambled order (17 is coprime to 40). */
const spread = (from: number, scale = 1) => Array.from({ length: 40 }, (_, i) => (from + ((i * 17) % 40)) * scale);

const metric = (over: Partial<JudgeMetric>): JudgeMetric => ({
  id: 'latency_p95',
  harmful: 'increase',
  weight: 1,
  critical: false,
  canary: spread(180),
  baseline: spread(180),
  ...over,
});

describe('classifyMetric', () => {
  it('passes identical samples with p = 1', () => {
    const r = classifyMetric(metric({}));
    expect(r.classification).toBe('Pass');
    expect(r.failing).toBe(false);
    expect(r.pValue).toBe(1);
    expect(r.ratio).toBe(1);
    expect(r.shift).toBe(0);
  });

  it('is NoData when a sample is empty, too small, or only NaN', () => {
    expect(classifyMetric(metric({ canary: [] })).classification).toBe('NoData');
    const small = classifyMetric(metric({ baseline: [1, 2] }));
    expect(small.classification).toBe('NoData');
    expect(small.reason).toBe('baseline has 2 usable values, fewer than 3');
    const nan = classifyMetric(metric({ canary: [NaN, NaN, NaN, 1] }));
    expect(nan.classification).toBe('NoData');
    expect(nan.dropped.canary).toBe(3);
    expect(nan.pValue).toBeNull();
  });

  it('does not fail a latency drop when only an increase is harmful', () => {
    const r = classifyMetric(metric({ canary: spread(120) }));
    expect(r.classification).toBe('Low');
    expect(r.failing).toBe(false);
    expect(r.shift).toBe(-60);
    expect(r.ci!.upper).toBeLessThan(0);
  });

  it('fails an error-rate rise, and reports the numbers that decided it', () => {
    const r = classifyMetric(metric({ id: 'error_rate', baseline: spread(10, 0.001), canary: spread(30, 0.001) }));
    expect(r.classification).toBe('High');
    expect(r.failing).toBe(true);
    expect(r.method).toBe('normal');
    expect(r.pValue!).toBeLessThan(0.05);
    expect(r.ci!.lower).toBeGreaterThan(0);
    expect(r.ratio!).toBeCloseTo(49.5 / 29.5, 10);
    expect(r.n).toEqual({ canary: 40, baseline: 40 });
    expect(r.u).toBe(r.n.canary * r.n.baseline - r.uMin!);
    expect(r.reason).toMatch(/^canary higher \(p = .*, \+67\.8% mean\)$/);
  });

  it('lets the harmful direction decide which side fails', () => {
    expect(isFailing('High', 'increase')).toBe(true);
    expect(isFailing('Low', 'increase')).toBe(false);
    expect(isFailing('High', 'decrease')).toBe(false);
    expect(isFailing('Low', 'decrease')).toBe(true);
    expect(isFailing('High', 'either')).toBe(true);
    expect(isFailing('Low', 'either')).toBe(true);
    expect(isFailing('Pass', 'either')).toBe(false);
    const throughputDrop = classifyMetric(metric({ harmful: 'decrease', canary: spread(120) }));
    expect(throughputDrop.failing).toBe(true);
  });

  it('passes a significant shift that stays inside the tolerance', () => {
    // +20 on ~1020 is +2%: the test sees it (p tiny) but it is below the 5% tolerance
    const r = classifyMetric(metric({ baseline: spread(1000), canary: spread(1020) }));
    expect(r.pValue!).toBeLessThan(0.001);
    expect(r.classification).toBe('Pass');
    expect(r.effectExceedsTolerance).toBe(false);
    expect(r.reason).toMatch(/within the 5% tolerance/);
    // the same shift with a 1% tolerance is High
    expect(classifyMetric(metric({ baseline: spread(1000), canary: spread(1020), tolerance: 0.01 })).classification).toBe('High');
  });

  it('treats a rise from a zero baseline mean as beyond any tolerance', () => {
    const r = classifyMetric(metric({ baseline: [0, 0, 0, 0, 0, 0, 0, 0], canary: [1, 2, 1, 3, 2, 1, 2, 4] }));
    expect(r.ratio).toBeNull();
    expect(r.relativeChange).toBeNull();
    expect(r.effectExceedsTolerance).toBe(true);
    expect(r.classification).toBe('High');
  });

  it('cannot find a difference in 3 vs 3 even with complete separation (exact p = 0.1)', () => {
    const r = classifyMetric(metric({ baseline: [1, 2, 3], canary: [100, 200, 300] }));
    expect(r.method).toBe('exact');
    expect(r.pValue).toBeCloseTo(0.1, 14);
    expect(r.classification).toBe('Pass');
  });

  it('rejects a bad confidence or tolerance', () => {
    expect(() => classifyMetric(metric({}), { confidence: 0 })).toThrow(RangeError);
    expect(() => classifyMetric(metric({ tolerance: -1 }))).toThrow(RangeError);
  });
});
