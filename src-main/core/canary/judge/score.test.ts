import { scoreMetrics, type ScoredMetric } from './score';
import type { Classification } from './types';

const m = (id: string, classification: Classification, weight = 1, critical = false, failing = classification === 'High'): ScoredMetric => ({
  id,
  weight,
  critical,
  classification,
  failing,
});

describe('scoreMetrics', () => {
  it('scores 100 × passing weight / weight with data, leaving NoData out of both', () => {
    // weights with data: 3 + 1 + 1 = 5, failing 1 → 80; the NoData metric (weight 1) is ignored
    const v = scoreMetrics([m('a', 'Pass', 3), m('b', 'High', 1), m('c', 'Low', 1, false, false), m('d', 'NoData', 1)]);
    expect(v.score).toBe(80);
    expect(v.dataWeight).toBe(5);
    expect(v.totalWeight).toBe(6);
    expect(v.outcome).toBe('marginal');
    expect(v.failing).toEqual(['b']);
    expect(v.noData).toEqual(['d']);
  });

  it('applies the thresholds inclusively: 95 passes, 75 is marginal, below 75 fails', () => {
    const withScore = (passing: number, failing: number) => scoreMetrics([m('ok', 'Pass', passing), m('bad', 'High', failing)]);
    expect(withScore(95, 5).outcome).toBe('pass');
    expect(withScore(94, 6).outcome).toBe('marginal');
    expect(withScore(75, 25).outcome).toBe('marginal');
    expect(withScore(74, 26).outcome).toBe('fail');
    expect(scoreMetrics([m('ok', 'Pass', 80), m('bad', 'High', 20)], { pass: 80, marginal: 50 }).outcome).toBe('pass');
  });

  it('fails on a failing critical metric even when the score would pass', () => {
    const v = scoreMetrics([m('ok', 'Pass', 99), m('errors', 'High', 1, true)]);
    expect(v.score).toBe(99);
    expect(v.outcome).toBe('fail');
    expect(v.failedCritical).toEqual(['errors']);
  });

  it('is inconclusive when nothing has data or data carries under half the weight', () => {
    const none = scoreMetrics([m('a', 'NoData'), m('b', 'NoData')]);
    expect(none.outcome).toBe('inconclusive');
    expect(none.score).toBeNull();
    expect(scoreMetrics([]).outcome).toBe('inconclusive');
    const thin = scoreMetrics([m('a', 'Pass', 1), m('b', 'NoData', 3)]);
    expect(thin.outcome).toBe('inconclusive');
    expect(thin.score).toBe(100);
    expect(scoreMetrics([m('a', 'Pass', 1), m('b', 'NoData', 1)]).outcome).toBe('pass'); // exactly half is enough
    expect(scoreMetrics([m('a', 'Pass', 1), m('b', 'NoData', 3)], undefined, 0.25).outcome).toBe('pass');
  });

  it('rejects negative weights and inconsistent thresholds', () => {
    expect(() => scoreMetrics([m('a', 'Pass', -1)])).toThrow(RangeError);
    expect(() => scoreMetrics([m('a', 'Pass', NaN)])).toThrow(RangeError);
    expect(() => scoreMetrics([], { pass: 70, marginal: 80 })).toThrow(RangeError);
    expect(() => scoreMetrics([], { pass: 101, marginal: 80 })).toThrow(RangeError);
  });
});
