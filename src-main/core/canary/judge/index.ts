/**
 * The canary judge: per-metric Mann-Whitney / Hodges-Lehmann classification, a weighted score,
 * and hard stop-the-line rules, combined into one verdict (DESIGN.md, "Canary judgement").
 * Pure: numbers in, verdict out; no I/O, no clock, no randomness.
 *
 * Precedence: a tripped rule fails at once → a failing critical metric fails → too little data
 * is inconclusive → otherwise the score against the pass / marginal thresholds.
 */
import type { VerdictOutcome } from '../../../../src-shared/domain/canary';
import { classifyMetric } from './classify';
import { verdictReason } from './reason';
import { evaluateRule, type Rule, type RuleResult } from './rules';
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
  const rules = (options.rules ?? []).map((rule) => evaluateRule(rule, input.metrics.find((m) => m.id === rule.metric)));
  const thresholds = { ...DEFAULT_THRESHOLDS, ...options.thresholds };
  const scoring = scoreMetrics(metrics, thresholds, options.minDataWeightFraction ?? DEFAULT_MIN_DATA_WEIGHT_FRACTION);
  const outcome: VerdictOutcome = rules.some((r) => r.tripped) ? 'fail' : scoring.outcome;

  return { outcome, score: scoring.score, metrics, rules, reason: verdictReason(scoring, metrics, rules), scoring };
}

export { classifyMetric, isFailing, DEFAULT_MIN_SAMPLES, DEFAULT_TOLERANCE, type ClassifyOptions } from './classify';
export { hodgesLehmann, MAX_PAIRS, type HodgesLehmannResult } from './hodgesLehmann';
export { mannWhitney, type MannWhitneyOptions, type MannWhitneyResult, type TestMethod } from './mannWhitney';
export { EXACT_MAX_SAMPLE } from './exactU';
export { evaluateRule, DEFAULT_RELATIVE_FLOOR, type AbsoluteRule, type RelativeRule, type Rule, type RuleResult, type RuleStatistic } from './rules';
export { scoreMetrics, DEFAULT_THRESHOLDS, DEFAULT_MIN_DATA_WEIGHT_FRACTION, type ScoreVerdict, type ScoredMetric, type Thresholds } from './score';
export type { Classification, Harmful, JudgeMetric, MetricResult } from './types';
