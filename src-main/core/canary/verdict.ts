import type { MetricSeries, Release } from '../../../src-shared/domain/canary';
import type { RuleStreak, Verdict } from '../../../src-shared/domain/verdict';
import { judge, streaksOf, type Rule } from './judge/index';
import type { ReleaseDefinition } from '../workspace';

/** The seeds' stop-the-line examples, applied where a release has metrics with these ids. */
export function defaultRules(release: Release): Rule[] {
  const ids = new Set(release.metrics.map((m) => m.id));
  const rules: Rule[] = [];
  if (ids.has('latency_p95')) rules.push({ kind: 'absolute', metric: 'latency_p95', threshold: 200 });
  if (ids.has('error_rate')) rules.push({ kind: 'relative', metric: 'error_rate', threshold: 2 });
  return rules;
}

const values = (series: MetricSeries[], metric: string, group: 'canary' | 'baseline') =>
  series.find((s) => s.metric === metric && s.group === group)?.points.map(([, v]) => v) ?? [];

/** What a verdict leaves for the next evaluation of the same release. */
export const verdictStreaks = (verdict: Pick<Verdict, 'rules'>): RuleStreak[] =>
  streaksOf(verdict.rules.filter((r) => r.key !== undefined).map((r) => ({ key: r.key!, breaches: r.breaches ?? 0, countedAt: r.countedAt ?? null })));

/**
 * Judge a release's canary against its baseline over one window of samples. `streaks` are the
 * rules' consecutive breaches the previous evaluation left (judge/streak.ts).
 */
export function releaseVerdict(
  definition: ReleaseDefinition,
  series: MetricSeries[],
  window: { from: number; to: number },
  decidedAt: number,
  stale: boolean,
  streaks: readonly RuleStreak[] = [],
): Verdict {
  const { release } = definition;
  const result = judge({
    metrics: release.metrics.map((m) => ({
      id: m.id,
      label: m.label,
      unit: m.unit,
      harmful: m.harmful,
      weight: m.weight ?? 1,
      critical: m.critical ?? false,
      tolerance: m.tolerance,
      canary: values(series, m.id, 'canary'),
      baseline: values(series, m.id, 'baseline'),
    })),
    options: { rules: definition.rules ?? defaultRules(release), streaks, at: window.to },
  });
  return {
    releaseId: release.id,
    outcome: result.outcome,
    score: result.score,
    reason: result.reason,
    decidedBy: result.decidedBy,
    decidedAt,
    window,
    stale,
    metrics: result.metrics.map((m) => ({
      id: m.id,
      label: m.label,
      unit: m.unit,
      classification: m.classification,
      harmful: m.harmful,
      failing: m.failing,
      critical: m.critical,
      weight: m.weight,
      reason: m.reason,
      n: m.n,
      mean: m.mean,
      ratio: finite(m.ratio),
      pValue: finite(m.pValue),
      shift: finite(m.shift),
      ci: m.ci && Number.isFinite(m.ci.lower) && Number.isFinite(m.ci.upper) ? m.ci : null,
      method: m.method,
    })),
    rules: result.rules.map((r) => ({
      kind: r.rule.kind,
      metric: r.rule.metric,
      threshold: r.threshold,
      tripped: r.tripped,
      canary: finite(r.canary),
      baseline: finite(r.baseline),
      message: r.message,
      key: r.key,
      label: r.label,
      unit: r.unit,
      statistic: r.statistic,
      breached: r.breached,
      evaluated: r.evaluated,
      breaches: r.breaches,
      tripAfter: r.tripAfter,
      counted: r.counted,
      countedAt: r.countedAt,
    })),
  };
}

const finite = (n: number | null) => (n !== null && Number.isFinite(n) ? n : null);
