import { judge, type JudgeMetric } from './index';

/** 40 distinct values from..from+39 in a scrambled order, times scale. */
const spread = (from: number, scale = 1) => Array.from({ length: 40 }, (_, i) => (from + ((i * 17) % 40)) * scale);

const latency = (canary: number[], over: Partial<JudgeMetric> = {}): JudgeMetric => ({
  id: 'latency_p95',
  label: 'Latency p95',
  unit: 'ms',
  harmful: 'increase',
  weight: 1,
  critical: false,
  canary,
  baseline: spread(180),
  ...over,
});
const errors = (canary: number[], over: Partial<JudgeMetric> = {}): JudgeMetric => ({
  id: 'error_rate',
  label: 'Error rate',
  unit: '%',
  harmful: 'increase',
  weight: 1,
  critical: true,
  canary,
  baseline: spread(10, 0.001),
  ...over,
});
const cpu = (canary: number[], weight = 1): JudgeMetric => ({
  id: 'cpu',
  harmful: 'increase',
  weight,
  critical: false,
  canary,
  baseline: spread(50),
});

describe('judge', () => {
  it('passes identical samples with score 100', () => {
    const v = judge({ metrics: [latency(spread(180)), errors(spread(10, 0.001))] });
    expect(v.outcome).toBe('pass');
    expect(v.score).toBe(100);
    expect(v.metrics.map((m) => m.classification)).toEqual(['Pass', 'Pass']);
    expect(v.reason).toBe('Passed: score 100 is at least 95; no metric failed.');
  });

  it('is inconclusive when every metric is empty', () => {
    const v = judge({ metrics: [latency([], { baseline: [] }), errors([], { baseline: [NaN] })] });
    expect(v.outcome).toBe('inconclusive');
    expect(v.score).toBeNull();
    expect(v.metrics.every((m) => m.classification === 'NoData')).toBe(true);
    expect(v.reason).toMatch(/^Inconclusive: no weighted metric/);
  });

  it('passes a latency drop when only an increase is harmful', () => {
    const v = judge({ metrics: [latency(spread(120)), errors(spread(10, 0.001))] });
    expect(v.metrics[0]!.classification).toBe('Low');
    expect(v.outcome).toBe('pass');
  });

  it('fails on a critical error-rate rise even though the score stays high', () => {
    const fine = Array.from({ length: 19 }, (_, i) => ({ ...cpu(spread(50)), id: `m${i}` }));
    const v = judge({ metrics: [...fine, errors(spread(30, 0.001), { weight: 0.5 })] });
    expect(v.score!).toBeGreaterThan(97);
    expect(v.outcome).toBe('fail');
    expect(v.scoring.failedCritical).toEqual(['error_rate']);
    expect(v.decidedBy).toBe('critical');
    expect(v.reason).toMatch(/^Failed: critical metric Error rate \(High: canary higher \(p = .*\)\) fails, whatever the score \(97\.4\)\.$/);
  });

  it('is marginal or failing by score when non-critical metrics regress', () => {
    const four = [latency(spread(180)), errors(spread(10, 0.001)), cpu(spread(50))];
    const marginal = judge({ metrics: [...four, { ...cpu(spread(90)), id: 'memory' }], options: { thresholds: { pass: 80, marginal: 70 } } });
    expect(marginal.score).toBe(75);
    expect(marginal.outcome).toBe('marginal');
    expect(marginal.reason).toMatch(/^Marginal: score 75 is below 80 but at least 70; failing: memory \(High/);
    const atDefault = judge({ metrics: [...four, { ...cpu(spread(90)), id: 'memory' }] });
    expect(atDefault.outcome).toBe('marginal'); // 75 is the default marginal threshold, inclusive
    const worse = judge({ metrics: [latency(spread(300)), errors(spread(10, 0.001)), cpu(spread(90))] });
    expect(worse.score).toBeCloseTo(100 / 3, 10);
    expect(worse.outcome).toBe('fail');
    expect(worse.decidedBy).toBe('score');
    expect(worse.reason).toMatch(/^Failed: score 33\.3 is below the marginal threshold 75; failing: Latency p95 \(High/);
  });

  it('fails on the absolute 200 ms rule set to trip on one breach, and passes once the canary recovers', () => {
    const rules = [{ kind: 'absolute' as const, metric: 'latency_p95', threshold: 200, statistic: 'last' as const, tripAfter: 1 }];
    const spike = [...spread(180).slice(0, 39), 650];
    const v = judge({ metrics: [latency(spike), errors(spread(10, 0.001))], options: { rules } });
    expect(v.metrics[0]!.classification).toBe('Pass'); // one bad window is no pattern for the test
    expect(v.outcome).toBe('fail');
    expect(v.rules[0]!.tripped).toBe(true);
    expect(v.decidedBy).toBe('rule');
    expect(v.reason).toMatch(/^Failed: a stop-the-line rule breached\. Latency p95 \(last sample\): canary 650 ms is .* ms above baseline .* ms; the limit is \+200 ms\.$/);
    const recovered = judge({ metrics: [latency(spread(180)), errors(spread(10, 0.001))], options: { rules } });
    expect(recovered.rules[0]!.tripped).toBe(false);
    expect(recovered.outcome).toBe('pass');
  });

  it('fails on the relative 2× rule from a zero baseline', () => {
    const rules = [{ kind: 'relative' as const, metric: 'error_rate', threshold: 2, floor: 0.001, tripAfter: 1 }];
    const zero = new Array<number>(40).fill(0);
    const someErrors = [...new Array<number>(37).fill(0), 0.02, 0.03, 0.05];
    const metrics = (canary: number[]) => [latency(spread(180)), errors(canary, { baseline: zero, critical: false })];
    const v = judge({ metrics: metrics(someErrors), options: { rules } });
    expect(v.rules[0]).toMatchObject({ tripped: true, baseline: 0 });
    expect(v.outcome).toBe('fail');
    expect(judge({ metrics: metrics(zero), options: { rules } }).outcome).toBe('pass');
  });

  it('carries NaN counts through to the per-metric result', () => {
    const v = judge({ metrics: [latency([...spread(180), NaN, NaN])] });
    expect(v.metrics[0]!.dropped).toEqual({ canary: 2, baseline: 0 });
    expect(v.outcome).toBe('pass');
  });

  it('refuses duplicate metric ids', () => {
    expect(() => judge({ metrics: [latency(spread(180)), latency(spread(180))] })).toThrow(RangeError);
  });
});
