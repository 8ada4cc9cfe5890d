import { evaluateRule, type Rule } from './rules';

const p95 = (canary: number[], baseline: number[]) => ({ canary, baseline });

describe('evaluateRule: absolute', () => {
  const rule: Rule = { kind: 'absolute', metric: 'latency_p95', threshold: 200 };

  it('trips when the canary mean is more than 200 ms above the baseline mean', () => {
    const r = evaluateRule(rule, p95([400, 420, 440], [200, 200, 200]));
    expect(r).toMatchObject({ tripped: true, evaluated: true, canary: 420, baseline: 200, threshold: 200 });
    expect(r.message).toBe('latency_p95 (mean): canary 420 is 220 above baseline 200, more than the 200 limit.');
  });

  it('does not trip at exactly 200 ms above, nor below it', () => {
    expect(evaluateRule(rule, p95([400], [200])).tripped).toBe(false);
    expect(evaluateRule(rule, p95([399], [200])).tripped).toBe(false);
    expect(evaluateRule(rule, p95([401], [200])).tripped).toBe(true);
  });

  it("with statistic 'last', compares the last window and untrips when it recovers", () => {
    const last: Rule = { ...rule, statistic: 'last' };
    expect(evaluateRule(last, p95([210, 220, 650], [200, 205, 210])).tripped).toBe(true);
    expect(evaluateRule(last, p95([650, 600, 230], [200, 205, 210])).tripped).toBe(false);
    // the last finite value: a NaN gap at the end is skipped
    expect(evaluateRule(last, p95([210, 650, NaN], [200, 205, 210])).canary).toBe(650);
  });
});

describe('evaluateRule: relative', () => {
  const rule: Rule = { kind: 'relative', metric: 'error_rate', threshold: 2 };

  it('trips above twice the baseline and not at exactly twice', () => {
    expect(evaluateRule(rule, p95([0.05], [0.02])).tripped).toBe(true);
    expect(evaluateRule(rule, p95([0.04], [0.02])).tripped).toBe(false);
    expect(evaluateRule(rule, p95([0.03], [0.02])).tripped).toBe(false);
  });

  it('with a zero baseline, trips only when the canary exceeds the floor', () => {
    const zero = [0, 0, 0];
    expect(evaluateRule(rule, p95([0.01, 0.02, 0], zero)).tripped).toBe(true);
    expect(evaluateRule(rule, p95([0, 0, 0], zero)).tripped).toBe(false);
    const noise = evaluateRule(rule, p95([1e-12, 0, 0], zero));
    expect(noise.tripped).toBe(false);
    expect(noise.message).toMatch(/at or below the 0.000001 floor/);
    const floored: Rule = { ...rule, floor: 0.001 };
    expect(evaluateRule(floored, p95([0.0009], zero)).tripped).toBe(false);
    expect(evaluateRule(floored, p95([0.0011], zero)).tripped).toBe(true);
  });

  it('reports a rule it could not check instead of tripping', () => {
    const missing = evaluateRule(rule, undefined);
    expect(missing).toMatchObject({ tripped: false, evaluated: false, canary: null, baseline: null });
    expect(missing.message).toMatch(/not among the metrics/);
    expect(evaluateRule(rule, p95([NaN], [0.01])).evaluated).toBe(false);
  });

  it('rejects a non-positive factor or a negative floor', () => {
    expect(() => evaluateRule({ ...rule, threshold: 0 }, p95([1], [1]))).toThrow(RangeError);
    expect(() => evaluateRule({ ...rule, floor: -1 }, p95([1], [1]))).toThrow(RangeError);
    expect(() => evaluateRule({ kind: 'absolute', metric: 'x', threshold: NaN }, p95([1], [1]))).toThrow(RangeError);
  });
});
