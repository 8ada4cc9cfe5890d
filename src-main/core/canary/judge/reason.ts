/** The one sentence that tells an operator what decided the verdict. */
import type { RuleResult } from './rules';
import type { ScoreVerdict } from './score';
import type { MetricResult } from './types';

const num = (x: number) => String(Number(x.toFixed(1)));
const named = (m: MetricResult) => `"${m.id}" (${m.classification}: ${m.reason})`;

function listFailing(metrics: readonly MetricResult[]): string {
  const failing = metrics.filter((m) => m.failing);
  return failing.length === 0 ? 'no metric failed' : `failing: ${failing.map(named).join('; ')}`;
}

export function verdictReason(verdict: ScoreVerdict, metrics: readonly MetricResult[], rules: readonly RuleResult[]): string {
  const tripped = rules.filter((r) => r.tripped);
  if (tripped.length > 0) {
    const more = tripped.length > 1 ? ` (and ${tripped.length - 1} more rule${tripped.length > 2 ? 's' : ''})` : '';
    return `Failed at once on a stop-the-line rule: ${tripped[0]!.message.replace(/\.$/, '')}${more}.`;
  }

  const { outcome, score, thresholds } = verdict;
  if (verdict.failedCritical.length > 0) {
    const first = metrics.find((m) => m.id === verdict.failedCritical[0])!;
    const scoreText = score === null ? '' : ` whatever the score (${num(score)})`;
    return `Failed: critical metric ${named(first)} fails${scoreText}.`;
  }
  if (outcome === 'inconclusive') {
    if (verdict.dataWeight === 0) return 'Inconclusive: no weighted metric had enough usable values in both canary and baseline.';
    const share = num((100 * verdict.dataWeight) / verdict.totalWeight);
    return `Inconclusive: metrics with data carry ${share}% of the weight, under the ${num(100 * verdict.minDataWeightFraction)}% needed (no data: ${verdict.noData.join(', ')}).`;
  }
  const s = num(score!);
  if (outcome === 'pass') return `Passed: score ${s} is at least ${thresholds.pass}; ${listFailing(metrics)}.`;
  if (outcome === 'marginal') return `Marginal: score ${s} is below ${thresholds.pass} but at least ${thresholds.marginal}; ${listFailing(metrics)}.`;
  return `Failed: score ${s} is below the marginal threshold ${thresholds.marginal}; ${listFailing(metrics)}.`;
}
