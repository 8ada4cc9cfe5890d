/**
 * The one sentence that tells an operator what decided the verdict, in the metrics' labels and
 * units. Rule messages come without a closing full stop; this module puts the punctuation in.
 */
import type { VerdictDecider } from '../../../../src-shared/domain/verdict';
import type { ScoreVerdict } from './score';
import type { RuleResult } from './streak';
import type { MetricResult } from './types';

const num = (x: number) => String(Number(x.toFixed(1)));
const named = (m: MetricResult) => `${m.label} (${m.classification}: ${m.reason})`;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Precedence as judge() applies it: a tripped rule, a failing critical metric, too little data, the score. */
export function decider(verdict: ScoreVerdict, rules: readonly RuleResult[]): VerdictDecider {
  if (rules.some((r) => r.tripped)) return 'rule';
  if (verdict.failedCritical.length > 0) return 'critical';
  if (verdict.outcome === 'inconclusive') return 'data';
  return 'score';
}

function listFailing(metrics: readonly MetricResult[]): string {
  const failing = metrics.filter((m) => m.failing);
  return failing.length === 0 ? 'no metric failed' : `failing: ${failing.map(named).join('; ')}`;
}

/** Rules on their way to tripping, so a pass never hides a count that is running. */
function counting(rules: readonly RuleResult[]): string {
  const running = rules.filter((r) => !r.tripped && r.breaches > 0);
  if (running.length === 0) return '';
  // A rule that trips after one breach is never running, so the count is always "of 2 or more".
  return `; ${running.map((r) => `the stop-the-line rule on ${r.label} is at ${r.breaches} of ${r.tripAfter} breaches`).join('; ')}`;
}

export function verdictReason(verdict: ScoreVerdict, metrics: readonly MetricResult[], rules: readonly RuleResult[]): string {
  const tripped = rules.filter((r) => r.tripped);
  const first = tripped[0];
  if (first) {
    const others = tripped.slice(1).map((r) => r.label);
    const more = others.length ? ` ${plural(others.length, 'more rule')} tripped too (${others.join(', ')}).` : '';
    const how = first.tripAfter === 1 ? 'breached' : `breached on ${first.tripAfter} consecutive evaluations`;
    return `Failed: a stop-the-line rule ${how}. ${first.message}.${more}`;
  }

  const { outcome, score, thresholds } = verdict;
  const running = counting(rules);
  if (verdict.failedCritical.length > 0) {
    const failed = metrics.find((m) => m.id === verdict.failedCritical[0])!;
    const scoreText = score === null ? '' : `, whatever the score (${num(score)})`;
    return `Failed: critical metric ${named(failed)} fails${scoreText}${running}.`;
  }
  if (outcome === 'inconclusive') {
    if (verdict.dataWeight === 0) return `Inconclusive: no weighted metric had enough usable values in both canary and baseline${running}.`;
    const share = num((100 * verdict.dataWeight) / verdict.totalWeight);
    const missing = verdict.noData.map((id) => metrics.find((m) => m.id === id)?.label ?? id).join(', ');
    return `Inconclusive: metrics with data carry ${share}% of the weight, under the ${num(100 * verdict.minDataWeightFraction)}% needed (no data: ${missing})${running}.`;
  }
  const s = num(score!);
  if (outcome === 'pass') return `Passed: score ${s} is at least ${thresholds.pass}; ${listFailing(metrics)}${running}.`;
  if (outcome === 'marginal') return `Marginal: score ${s} is below ${thresholds.pass} but at least ${thresholds.marginal}; ${listFailing(metrics)}${running}.`;
  return `Failed: score ${s} is below the marginal threshold ${thresholds.marginal}; ${listFailing(metrics)}${running}.`;
}
