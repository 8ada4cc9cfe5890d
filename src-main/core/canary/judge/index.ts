/**
 * The canary judge: per-metric Mann-Whitney / Hodges-Lehmann classification, a weighted score,
 * and hard stop-the-line rules, combined into one verdict (DESIGN.md, "Canary judgement").
 * Pure: numbers in, verdict out; no I/O, no clock, no randomness.
 *
 * Precedence: a tripped rule fails → a failing critical metric fails → too little data is
 * inconclusive → otherwise the score against the pass / marginal thresholds. A rule trips only
 * after consecutive breaches (streak.ts), so the caller hands in the streaks the last evaluation
 * left and keeps the ones this one returns.
 */
import type { VerdictOutcome } from '../../../../src-shared/domain/canary';
import type { RuleStreak, VerdictDecider } from '../../../../src-shared/domain/verdict';
import { classifyMetric } from './classify';
import { decider, verdictReason } from './reason';
import { evaluateRule, type Rule } from './rules';
import { advanceStreak, ruleKey, streaksOf, type RuleResult } from './streak';
import { DEFAULT_MIN_DATA_WEIGHT_FRACTION, DEFAULT_THRESHOLDS, scoreMetrics, type ScoreVerdict, type Thresholds } from './score';
import type { JudgeMetric, MetricResult } from './types';

export interface JudgeOptions {
  /** confidence level of the test and interval, default 0.95 */
  confidence?: number;
  thresholds?: Partial<Thresholds>;
  rules?: readonly Rule[];
  /** fewer finite values than this in either sample → NoData (default 3) */
  minSamples?: number;
  /** share of the total weight that must have data, else inconclusive (default 0.5) */
  minDataWeightFraction?: number;
  /** each rule's consecutive breaches as the previous evaluation left them */
  streaks?: readonly RuleStreak[];
  /** this evaluation's window end, for the rules' intervals; absent: every evaluated rule counts */
  at?: number;
}

export interface JudgeInput {
  metrics: readonly JudgeMetric[];
  options?: JudgeOptions;
}

export interface JudgeVerdict {
  outcome: VerdictOutcome;
  /** 0–100; null when no metric with weight had data */
  score: number | null;
  metrics: MetricResult[];
  rules: RuleResult[];
  /** one sentence naming what decided the outcome */
  reason: string;
  decidedBy: VerdictDecider;
  /** the rules' streaks after this evaluation, for the next one */
  streaks: RuleStreak[];
  /** the scoring numbers behind the outcome (weights, thresholds, failing ids) */
  scoring: ScoreVerdict;
}

export function judge(input: JudgeInput): JudgeVerdict {
  const options = input.options ?? {};
  const ids = new Set<string>();
  for (const m of input.metrics) {
    if (ids.has(m.id)) throw new RangeError(`metric "${m.id}" appears twice; rules and results could not tell them apart`);
    ids.add(m.id);
  }

  const metrics = input.metrics.map((m) => classifyMetric(m, { confidence: options.confidence, minSamples: options.minSamples }));
  const prior = new Map((options.streaks ?? []).map((s) => [s.key, s]));
  const rules = (options.rules ?? []).map((rule) =>
    advanceStreak(evaluateRule(rule, input.metrics.find((m) => m.id === rule.metric)), prior.get(ruleKey(rule)), options.at),
  );
  const thresholds = { ...DEFAULT_THRESHOLDS, ...options.thresholds };
  const scoring = scoreMetrics(metrics, thresholds, options.minDataWeightFraction ?? DEFAULT_MIN_DATA_WEIGHT_FRACTION);
  const outcome: VerdictOutcome = rules.some((r) => r.tripped) ? 'fail' : scoring.outcome;
  const reason = verdictReason(scoring, metrics, rules);
  return { outcome, score: scoring.score, metrics, rules, reason, decidedBy: decider(scoring, rules), streaks: streaksOf(rules), scoring };
}

export { classifyMetric, isFailing, DEFAULT_MIN_SAMPLES, DEFAULT_TOLERANCE, type ClassifyOptions } from './classify';
export { hodgesLehmann, type HodgesLehmannResult } from './hodgesLehmann';
export { mannWhitney, type MannWhitneyOptions, type MannWhitneyResult, type TestMethod } from './mannWhitney';
export { EXACT_MAX_SAMPLE } from './exactU';
export { evaluateRule, DEFAULT_RELATIVE_FLOOR, DEFAULT_RULE_MIN_SAMPLES, type AbsoluteRule, type RelativeRule, type Rule, type RuleCheck, type RuleStatistic } from './rules';
export { advanceStreak, ruleKey, streaksOf, DEFAULT_TRIP_AFTER, DEFAULT_RULE_INTERVAL_MS, type RuleResult } from './streak';
export { scoreMetrics, DEFAULT_THRESHOLDS, DEFAULT_MIN_DATA_WEIGHT_FRACTION, type ScoreVerdict, type ScoredMetric, type Thresholds } from './score';
export type { Classification, Harmful, JudgeMetric, MetricResult } from './types';
