import type { Halt, PlanView } from '../../../../src-shared/domain/plan';
import { formatMetricValue, formatPValue } from '../../../../src-shared/format/metricValue';
import { formatDateTime } from '../../format/time';
import { breachCount } from '../canary/verdictText';

function headline(halt: Halt, ring: string): string {
  if (halt.kind === 'guard') {
    if (!halt.acted) return `The guard halted ${ring} and recommends rolling back both layers`;
    return halt.rolledBack ? `The guard stopped the line at ${ring}: rollout aborted, flag killed` : `The guard stopped the line at ${ring}, but a layer could not be rolled back`;
  }
  return halt.rolledBack ? `${ring} rolled back by ${halt.by}` : `${ring} halted by ${halt.by}`;
}

/** Why a plan stopped, with the guard's evidence when the guard stopped it. */
export function HaltNote({ view }: { view: PlanView }) {
  const halt = view.run.halt;
  if (!halt) return null;
  const ring = view.plan.rings[halt.ring]?.name ?? `ring ${halt.ring}`;
  return (
    <div className={`halt-note kind-${halt.kind}`} role="status" data-testid="plan-halt" data-kind={halt.kind} data-rolled-back={halt.rolledBack}>
      <p>
        <strong>{headline(halt, ring)}</strong> at {formatDateTime(halt.at)}.
      </p>
      <p className="halt-reason" data-testid="halt-reason">
        {halt.reason}
      </p>
      {halt.evidence && (halt.evidence.metrics.length > 0 || halt.evidence.rules.length > 0) && (
        <ul className="halt-evidence">
          {halt.evidence.rules.map((r) => (
            <li key={`rule-${r.metric}-${r.kind}`}>
              rule, {breachCount(r)}: {r.message}
            </li>
          ))}
          {halt.evidence.metrics.map((m) => (
            <li key={`metric-${m.metric}`} data-testid="halt-metric" data-metric={m.metric}>
              {m.label ?? m.metric}: canary <span data-role="canary-mean">{formatMetricValue(m.canary, m.unit ?? '')}</span> vs baseline{' '}
              <span data-role="baseline-mean">{formatMetricValue(m.baseline, m.unit ?? '')}</span>, p {formatPValue(m.pValue)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
