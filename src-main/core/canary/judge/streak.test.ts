import type { RuleStreak } from '../../../../src-shared/domain/verdict';
import { judge, type JudgeMetric, type Rule } from './index';

const SEC = 1000;
const T0 = 1_800_000_000_000;
/** 40 distinct values around 180 ms, so the statistics see no difference. */
const steady = Array.from({ length: 40 }, (_, i) => 180 + ((i * 17) % 40) / 10);
/** The same samples with one last scrape `spike` ms above them. */
const withLast = (last: number) => [...steady.slice(0, 39), last];
const rule: Rule = { kind: 'absolute', metric: 'latency_p95', threshold: 200, statistic: 'last' };

const latency = (canary: readonly number[], baseline: readonly number[] = steady): JudgeMetric => ({
  id: 'latency_p95',
  label: 'Latency p95',
  unit: 'ms',
  harmful: 'increase',
  weight: 1,
  critical: false,
  canary,
  baseline,
});

/** Judge one window after another, each `gap` later, carrying the streaks from one to the next. */
function evaluations(canaries: (readonly number[])[], options: { gap?: number; rules?: Rule[]; start?: RuleStreak[]; after?: number } = {}) {
  let streaks: RuleStreak[] = options.start ?? [];
  return canaries.map((canary, i) => {
    const verdict = judge({ metrics: [latency(canary)], options: { rules: options.rules ?? [rule], streaks, at: T0 + (i + (options.after ?? 0)) * (options.gap ?? 30 * SEC) } });
    streaks = verdict.streaks;
    return verdict;
  });
}

describe('consecutive breaches before a hard rule trips', () => {
  it('one bad scrape is one breach: the verdict passes and says 1 of 3', () => {
    const [first] = evaluations([withLast(650)]);
    expect(first!.rules[0]).toMatchObject({ breached: true, breaches: 1, tripAfter: 3, tripped: false, counted: true });
    expect(first!.outcome).toBe('pass');
    expect(first!.reason).toBe('Passed: score 100 is at least 95; no metric failed; the stop-the-line rule on Latency p95 is at 1 of 3 breaches.');
  });

  it('a breach and then a recovery never trips, and the count starts over', () => {
    const seen = evaluations([withLast(650), steady, withLast(650), withLast(650), steady]);
    expect(seen.map((v) => v.rules[0]!.breaches)).toEqual([1, 0, 1, 2, 0]);
    expect(seen.map((v) => v.outcome)).toEqual(['pass', 'pass', 'pass', 'pass', 'pass']);
  });

  it('three consecutive breaches trip the rule and fail the verdict, naming the rule', () => {
    const seen = evaluations([withLast(650), withLast(640), withLast(660)]);
    expect(seen.map((v) => v.rules[0]!.tripped)).toEqual([false, false, true]);
    expect(seen.map((v) => v.outcome)).toEqual(['pass', 'pass', 'fail']);
    const tripped = seen[2]!;
    expect(tripped.decidedBy).toBe('rule');
    expect(tripped.score).toBe(100); // the statistics see no pattern; the rule is what failed it
    expect(tripped.reason).toMatch(
      /^Failed: a stop-the-line rule breached on 3 consecutive evaluations\. Latency p95 \(last sample\): canary 660 ms is 47\d ms above baseline 18\d ms; the limit is \+200 ms\.$/,
    );
    expect(tripped.reason).not.toMatch(/\.\.|\.;|;\./);
  });

  it('the number of breaches that trips is set per rule', () => {
    const once: Rule = { ...rule, tripAfter: 1 };
    expect(evaluations([withLast(650)], { rules: [once] })[0]!.outcome).toBe('fail');
    const five: Rule = { ...rule, tripAfter: 5 };
    const seen = evaluations(Array.from({ length: 5 }, () => withLast(650)), { rules: [five] });
    expect(seen.map((v) => v.outcome)).toEqual(['pass', 'pass', 'pass', 'pass', 'fail']);
  });

  it('too few samples is not a breach: the rule is not evaluated, and the count neither grows nor resets', () => {
    const few = [650, 650];
    const seen = evaluations([withLast(650), few, few, withLast(650)]);
    expect(seen[1]!.rules[0]).toMatchObject({ evaluated: false, breached: false, counted: false, breaches: 1, tripped: false });
    expect(seen[1]!.rules[0]!.message).toContain('too few samples to check (canary 2, baseline 40; the rule needs 3 on each side)');
    expect(seen.map((v) => v.rules[0]!.breaches)).toEqual([1, 1, 1, 2]);
    expect(seen.every((v) => v.outcome !== 'fail')).toBe(true);
  });

  it('asking again within the interval reads the same scrapes: it does not count twice', () => {
    const seen = evaluations([withLast(650), withLast(650), withLast(650), withLast(650)], { gap: 10 * SEC });
    // counted at 0 s and 30 s; 10 s and 20 s were too soon after the last counted one
    expect(seen.map((v) => v.rules[0]!.counted)).toEqual([true, false, false, true]);
    expect(seen.map((v) => v.rules[0]!.breaches)).toEqual([1, 1, 1, 2]);
    expect(seen[1]!.rules[0]!.breached).toBe(true); // what this window says is still shown
    expect(seen.every((v) => v.outcome === 'pass')).toBe(true);
  });

  it('continues from the streaks it is given, as after a restart', () => {
    const first = evaluations([withLast(650), withLast(650)]);
    const stored = JSON.parse(JSON.stringify(first[1]!.streaks)) as RuleStreak[];
    expect(stored).toEqual([{ key: 'absolute:latency_p95:last:200', breaches: 2, countedAt: T0 + 30 * SEC }]);
    const [after] = evaluations([withLast(650)], { start: stored, after: 2 });
    expect(after!.rules[0]).toMatchObject({ breaches: 3, tripped: true });
    expect(after!.outcome).toBe('fail');
  });
});
