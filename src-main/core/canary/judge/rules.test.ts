import { evaluateRule, type Rule } from './rules';

const p95 = (canary: number[], baseline: number[]) => ({ canary, baseline, label: 'Latency p95', unit: 'ms' });
const errors = (canary: number[], baseline: number[]) => ({ canary, baseline, label: 'Error rate', unit: '%' });
const three = (x: number) => [x, x, x];

describe('evaluateRule: absolute', () => {
  const rule: Rule = { kind: 'absolute', metric: 'latency_p95', threshold: 200 };

  it('breaches when the canary mean is more than 200 ms above the baseline mean, and says so in the metric’s label and unit', () => {
    const r = evaluateRule(rule, p95([400, 420, 440], [200, 200, 200]));
    expect(r).toMatchObject({ breached: true, evaluated: true, canary: 420, baseline: 200, threshold: 200 });
    expect(r.message).toBe('Latency p95 (window mean): canary 420 ms is 220 ms above baseline 200 ms; the limit is +200 ms');
    const held = evaluateRule(rule, p95([335, 335, 335], [182, 182, 182]));
    expect(held.message).toBe('Latency p95 (window mean): canary 335 ms is 153 ms above baseline 182 ms; the limit is +200 ms');
    expect(evaluateRule(rule, p95(three(170), three(182))).message).toContain('is 12 ms below baseline 182 ms');
  });

  it('does not breach at exactly 200 ms above, nor below it', () => {
    expect(evaluateRule(rule, p95(three(400), three(200))).breached).toBe(false);
    expect(evaluateRule(rule, p95(three(399), three(200))).breached).toBe(false);
    expect(evaluateRule(rule, p95(three(401), three(200))).breached).toBe(true);
  });

  it('is not evaluated, and so never breaches, with fewer than three samples on a side', () => {
    const short = evaluateRule(rule, p95([900, 900], three(200)));
    expect(short).toMatchObject({ evaluated: false, breached: false, n: { canary: 2, baseline: 3 } });
    expect(short.message).toBe('Latency p95 (window mean): too few samples to check (canary 2, baseline 3; the rule needs 3 on each side)');
    expect(evaluateRule(rule, p95(three(900), [200, NaN, NaN])).evaluated).toBe(false);
    expect(evaluateRule({ ...rule, minSamples: 1 }, p95([900], [200])).breached).toBe(true);
  });

  it("with statistic 'last', compares the last window", () => {
    const last: Rule = { ...rule, statistic: 'last' };
    expect(evaluateRule(last, p95([210, 220, 650], [200, 205, 210])).breached).toBe(true);
    expect(evaluateRule(last, p95([650, 600, 230], [200, 205, 210])).breached).toBe(false);
    // the last finite value: a NaN gap at the end is skipped
    expect(evaluateRule(last, p95([210, 220, 650, NaN], [200, 205, 210])).canary).toBe(650);
    expect(evaluateRule(last, p95([210, 220, 650], [200, 205, 210])).message).toMatch(/^Latency p95 \(last sample\): canary 650 ms/);
  });
});

describe('evaluateRule: relative', () => {
  const rule: Rule = { kind: 'relative', metric: 'error_rate', threshold: 2 };

  it('breaches above twice the baseline and not at exactly twice', () => {
    expect(evaluateRule(rule, errors(three(0.05), three(0.02))).breached).toBe(true);
    expect(evaluateRule(rule, errors(three(0.04), three(0.02))).breached).toBe(false);
    expect(evaluateRule(rule, errors(three(0.03), three(0.02))).breached).toBe(false);
    expect(evaluateRule(rule, errors(three(1.74), three(0.39))).message).toBe(
      'Error rate (window mean): canary 1.74% is 4.46× baseline 0.39%; the limit is 2×',
    );
  });

  it('with a zero baseline, breaches only when the canary exceeds the floor', () => {
    const zero = [0, 0, 0];
    expect(evaluateRule(rule, errors([0.01, 0.02, 0], zero)).breached).toBe(true);
    expect(evaluateRule(rule, errors([0, 0, 0], zero)).breached).toBe(false);
    const noise = evaluateRule(rule, errors([1e-12, 0, 0], zero));
    expect(noise.breached).toBe(false);
    expect(noise.message).toMatch(/^Error rate \(window mean\): canary 0\.0+333% against a baseline of 0%; the limit is 2×, and 0\.000001% or less never counts$/);
    const floored: Rule = { ...rule, floor: 0.001 };
    expect(evaluateRule(floored, errors(three(0.0009), zero)).breached).toBe(false);
    expect(evaluateRule(floored, errors(three(0.0011), zero)).breached).toBe(true);
  });

  it('reports a rule it could not check instead of breaching', () => {
    const missing = evaluateRule(rule, undefined);
    expect(missing).toMatchObject({ breached: false, evaluated: false, canary: null, baseline: null });
    expect(missing.message).toBe("error_rate: not among the release's metrics, so the rule cannot be checked");
    expect(evaluateRule(rule, errors([NaN], three(0.01))).evaluated).toBe(false);
  });

  it('rejects a non-positive factor, a negative floor, or a count that is not a whole number', () => {
    expect(() => evaluateRule({ ...rule, threshold: 0 }, errors([1], [1]))).toThrow(RangeError);
    expect(() => evaluateRule({ ...rule, floor: -1 }, errors([1], [1]))).toThrow(RangeError);
    expect(() => evaluateRule({ kind: 'absolute', metric: 'x', threshold: NaN }, errors([1], [1]))).toThrow(RangeError);
    expect(() => evaluateRule({ ...rule, tripAfter: 0 }, errors([1], [1]))).toThrow(RangeError);
    expect(() => evaluateRule({ ...rule, minSamples: 1.5 }, errors([1], [1]))).toThrow(RangeError);
    expect(() => evaluateRule({ ...rule, intervalMs: -1 }, errors([1], [1]))).toThrow(RangeError);
  });
});
