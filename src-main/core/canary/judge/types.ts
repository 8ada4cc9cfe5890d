/** Shapes shared by the judge's parts; the harmful direction is the one MetricDef declares. */
import type { MetricDef } from '../../../../src-shared/domain/canary';
import type { TestMethod } from './mannWhitney';

/** the direction in which a change hurts users */
export type Harmful = MetricDef['harmful'];

export type Classification = 'High' | 'Low' | 'Pass' | 'NoData';

export interface JudgeMetric {
  id: string;
  /** how sentences name the metric and its values (default: the id, no unit) */
  label?: string;
  unit?: string;
  harmful: Harmful;
  /** share of the score; non-negative */
  weight: number;
  /** a failing critical metric fails the whole verdict whatever the score */
  critical: boolean;
  /** smallest relative change of the mean that counts, e.g. 0.05 for 5% (default 0.05) */
  tolerance?: number;
  canary: readonly number[];
  baseline: readonly number[];
}

/** One metric's classification with every number that decided it. */
export interface MetricResult {
  id: string;
  label: string;
  unit: string;
  harmful: Harmful;
  weight: number;
  critical: boolean;
  classification: Classification;
  /** High or Low in the harmful direction */
  failing: boolean;
  /** a short clause saying why, e.g. "canary higher (p = 0.0012, +18% mean)" */
  reason: string;
  n: { canary: number; baseline: number };
  dropped: { canary: number; baseline: number };
  mean: { canary: number | null; baseline: number | null };
  /** mean canary / mean baseline; null when the baseline mean is 0 */
  ratio: number | null;
  /** (mean canary − mean baseline) / |mean baseline|; ±Infinity cannot travel as JSON, so null when the baseline mean is 0 */
  relativeChange: number | null;
  tolerance: number;
  effectExceedsTolerance: boolean;
  confidence: number;
  /** Hodges-Lehmann shift canary − baseline and its interval */
  shift: number | null;
  ci: { lower: number; upper: number } | null;
  pValue: number | null;
  u: number | null;
  uMin: number | null;
  z: number | null;
  method: TestMethod | null;
}
