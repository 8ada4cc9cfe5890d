/** The guard's evidence in words, for the audit's reason column, the banner and the halted ring. */
import type { GateVerdict, GuardEvidence } from '../../../src-shared/domain/plan';
import type { Verdict } from '../../../src-shared/domain/verdict';
import { formatMetricValue, formatPValue, formatWindowLength } from '../../../src-shared/format/metricValue';

/**
 * A canary verdict reduced to the numbers the rings show and the guard records: the same
 * numbers, window and wording as the verdict itself, never computed a second time.
 */
export function gateVerdictOf(verdict: Verdict): GateVerdict {
  return {
    outcome: verdict.outcome,
    score: verdict.score,
    reason: verdict.reason,
    decidedBy: verdict.decidedBy,
    decidedAt: verdict.decidedAt,
    window: verdict.window,
    stale: verdict.stale,
    metrics: verdict.metrics.map((m) => ({
      metric: m.id,
      label: m.label,
      unit: m.unit,
      classification: m.classification,
      failing: m.failing,
      canary: m.mean.canary,
      baseline: m.mean.baseline,
      pValue: m.pValue,
    })),
    rules: verdict.rules.map((r) => ({ ...r })),
  };
}

const p = (x: number | null) => (x === null ? 'p n/a' : x < 0.0001 ? 'p < 0.0001' : `p = ${formatPValue(x)}`);

/** "rule, 3 of 3 breaches: Error rate (5xx) (last sample): canary 2.1% is 5.4× baseline 0.39%; the limit is 2×; Error rate (5xx) High: canary 1.74% vs baseline 0.39% (p < 0.0001)" */
export function evidenceText(evidence: GuardEvidence): string {
  const parts = [
    ...evidence.rules.map((r) => {
      const count = r.breaches !== undefined && r.tripAfter !== undefined ? `, ${r.breaches} of ${r.tripAfter} breaches` : '';
      return `rule${count}: ${r.message.replace(/\.$/, '')}`;
    }),
    ...evidence.metrics.map((m) => {
      const unit = m.unit ?? '';
      return `${m.label ?? m.metric} ${m.classification}: canary ${formatMetricValue(m.canary, unit)} vs baseline ${formatMetricValue(m.baseline, unit)} (${p(m.pValue)})`;
    }),
  ];
  const window = evidence.window ? ` over the last ${formatWindowLength(evidence.window.to - evidence.window.from)}` : '';
  const stale = evidence.stale ? ' (from cached samples: the metrics store did not answer)' : '';
  const body = parts.length ? parts.join('; ') : evidence.reason.replace(/\.$/, '');
  return `${body}${window}${stale}`;
}
