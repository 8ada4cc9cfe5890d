import type { MetricDef } from '../../../../src-shared/domain/canary';
import type { Verdict } from '../../../../src-shared/domain/verdict';
import { formatMetricValue, formatPValue, formatRatio } from '../../../../src-shared/format/metricValue';
import { asideScore, breachCount, decidedText, windowText } from './verdictText';
import './verdict.css';

/** The verdict with the numbers that decided it: per metric, and the stop-the-line rules. */
export function VerdictPanel({ verdict, metrics }: { verdict: Verdict; metrics: readonly MetricDef[] }) {
  const defOf = (id: string) => metrics.find((m) => m.id === id);
  const unitOf = (id: string) => verdict.metrics.find((m) => m.id === id)?.unit ?? defOf(id)?.unit ?? '';
  const labelOf = (id: string) => verdict.metrics.find((m) => m.id === id)?.label ?? defOf(id)?.label ?? id;
  const fmt = (id: string, value: number | null) => formatMetricValue(value, unitOf(id));
  const aside = asideScore(verdict);
  return (
    <section className={`verdict-panel outcome-${verdict.outcome}`} data-testid="verdict-panel" data-outcome={verdict.outcome} aria-label="Canary verdict">
      <p className="verdict-headline">
        <strong className={`badge verdict verdict-${verdict.outcome}`}>{verdict.outcome}</strong>
        <span data-testid="verdict-decided"> decided by {decidedText(verdict)}</span>
        {aside && <span className="muted"> · {aside}</span>}
        <span className="muted" data-testid="verdict-window"> · {windowText(verdict.window)}</span>
      </p>
      <p className="verdict-reason" data-testid="verdict-reason">{verdict.reason}</p>
      {verdict.stale && (
        <p className="stale-note" data-testid="verdict-stale">
          The metrics store is not answering: this verdict is computed from cached samples.
        </p>
      )}
      <table className="verdict-table">
        <thead>
          <tr>
            <th scope="col">Metric</th>
            <th scope="col">Result</th>
            <th scope="col">Canary mean</th>
            <th scope="col">Baseline mean</th>
            <th scope="col">Ratio</th>
            <th scope="col">Shift (CI)</th>
            <th scope="col">p</th>
          </tr>
        </thead>
        <tbody>
          {verdict.metrics.map((m) => (
            <tr key={m.id} data-testid="verdict-metric" data-metric={m.id} data-failing={m.failing}>
              <th scope="row">
                {labelOf(m.id)}
                {m.critical && <span className="badge">critical</span>}
              </th>
              <td title={m.reason}>{m.failing ? `${m.classification} (fails)` : m.classification}</td>
              <td data-role="canary-mean">{fmt(m.id, m.mean.canary)}</td>
              <td data-role="baseline-mean">{fmt(m.id, m.mean.baseline)}</td>
              <td data-role="ratio">{formatRatio(m.ratio)}</td>
              <td>
                {fmt(m.id, m.shift)}
                {m.ci && ` (${fmt(m.id, m.ci.lower)} … ${fmt(m.id, m.ci.upper)})`}
              </td>
              <td>{formatPValue(m.pValue)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {verdict.rules.length > 0 && (
        <ul className="verdict-rules" aria-label="Stop-the-line rules">
          {verdict.rules.map((r) => (
            <li key={r.key ?? `${r.kind}:${r.metric}`} data-testid="verdict-rule" data-tripped={r.tripped} data-breached={r.breached ?? r.tripped}>
              <strong>{r.tripped ? 'TRIPPED' : r.breached ? 'breached' : 'held'}</strong>{' '}
              <span className="rule-breaches" data-testid="rule-breaches">
                {breachCount(r)}
              </span>
              {': '}
              {r.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
