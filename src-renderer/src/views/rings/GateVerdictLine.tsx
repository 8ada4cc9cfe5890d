import type { GateVerdict } from '../../../../src-shared/domain/plan';
import { formatMetricValue, formatPValue } from '../../../../src-shared/format/metricValue';
import { asideScore, breachCount, decidedText, windowText } from '../canary/verdictText';

/**
 * A ring's canary verdict with the numbers that decided it: the core's one judgement of the
 * release (the canary view shows the same window and numbers), saying what decided it.
 */
export function GateVerdictLine({ verdict, title = 'verdict' }: { verdict: GateVerdict; title?: string }) {
  const counting = verdict.rules.filter((r) => r.tripped || r.breached || (r.breaches ?? 0) > 0);
  const aside = asideScore(verdict);
  return (
    <div className={`gate-verdict outcome-${verdict.outcome}`} data-testid="gate-verdict" data-outcome={verdict.outcome}>
      <p className="gate-headline">
        {title} <strong>{verdict.outcome}</strong> · <span data-testid="gate-decided">{decidedText(verdict)}</span>
        {aside && ` · ${aside}`}
        {verdict.stale && ' · from cached samples'}
      </p>
      {verdict.window && (
        <p className="gate-window muted" data-testid="gate-window">
          {windowText(verdict.window)}
        </p>
      )}
      <table className="gate-metrics">
        <caption className="visually-hidden">Canary against baseline</caption>
        <thead>
          <tr>
            <th scope="col">metric</th>
            <th scope="col">canary mean</th>
            <th scope="col">baseline mean</th>
            <th scope="col">p</th>
          </tr>
        </thead>
        <tbody>
          {verdict.metrics.map((m) => (
            <tr key={m.metric} data-testid="gate-metric" data-metric={m.metric} data-failing={m.failing}>
              <th scope="row">{m.label ?? m.metric}</th>
              <td data-role="canary-mean">{formatMetricValue(m.canary, m.unit ?? '')}</td>
              <td data-role="baseline-mean">{formatMetricValue(m.baseline, m.unit ?? '')}</td>
              <td>{formatPValue(m.pValue)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {counting.length > 0 && (
        <ul className="gate-rules">
          {counting.map((r) => (
            <li key={r.key ?? `${r.kind}-${r.metric}`} data-testid="gate-rule" data-tripped={r.tripped}>
              {r.tripped ? 'tripped' : r.breached ? 'breached' : 'counting'}, <span data-testid="rule-breaches">{breachCount(r)}</span>: {r.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
