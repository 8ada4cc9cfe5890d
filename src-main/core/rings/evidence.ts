/** The guard's evidence in words, for the audit's reason column, the banner and the halted ring. */
import type { GateVerdict, GuardEvidence } from '../../../src-shared/domain/plan';
import type { Verdict } from '../../../src-shared/domain/verdict';

const num = (x: number | null) => (x === null ? 'n/a' : String(Number(x.toPrecision(4))));
const p = (x: number | null) => (x === null ? 'p n/a' : x < 0.0001 ? 'p < 0.0001' : `p = ${Number(x.toPrecision(2))}`);

/** A canary verdict reduced to the numbers the rings show and the guard records. */
export function gateVerdictOf(verdict: Verdict): GateVerdict {
  return {
    outcome: verdict.outcome,
    score: verdict.score,
    reason: verdict.reason,
    decidedAt: verdict.decidedAt,
    stale: verdict.stale,
    metrics: verdict.metrics.map((m) => ({
      metric: m.id,
      classification: m.classification,
      failing: m.failing,
      canary: m.mean.canary,
      baseline: m.mean.baseline,
      pValue: m.pValue,
    })),
    rules: verdict.rules.map((r) => ({
      kind: r.kind,
      metric: r.metric,
      threshold: r.threshold,
      tripped: r.tripped,
      canary: r.canary,
      baseline: r.baseline,
      message: r.message,
    })),
  };
}

/** "error_rate High: canary 2.1 vs baseline 0.41 (p < 0.0001); rule: error_rate (last): …" */
export function evidenceText(evidence: GuardEvidence): string {
  const parts = [
    ...evidence.rules.map((r) => `rule: ${r.message}`),
    ...evidence.metrics.map((m) => `${m.metric} ${m.classification}: canary ${num(m.canary)} vs baseline ${num(m.baseline)} (${p(m.pValue)})`),
  ];
  const stale = evidence.stale ? ' (from cached samples: the metrics store did not answer)' : '';
  return `${parts.length ? parts.join('; ') : evidence.reason}${stale}`;
}
