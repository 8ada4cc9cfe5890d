import type { MetricDef } from '../../../../src-shared/domain/canary';
import type { Verdict } from '../../../../src-shared/domain/verdict';
import { formatValue } from '../../format/number';
import { formatClock } from '../../format/time';
import './verdict.css';

const p = (value: number | null) => (value === null ? '–' : value < 0.0001 ? '< 0.0001' : value.toFixed(4));
const ratio = (value: number | null) => (value === null ? '–' : `×${value.toFixed(2)}`);

/** The verdict with the numbers that decided it: per metric, and the stop-the-line rules. */
export function VerdictPanel({ verdict, metrics }: { verdict: Verdict; metrics: readonly MetricDef[] }) {
  const unitOf = (id: string) => metrics.find((m) => m.id === id)?.unit ?? '';
  const labelOf = (id: string) => metrics.find((m) => m.id === id)?.label ?? id;
  const fmt = (id: string, value: number | null) => (value === null ? '–' : formatValue(value, unitOf(id)));
  return (
    <section className={`verdict-panel outcome-${verdict.outcome}`} data-testid="verdict-panel" data-outcome={verdict.outcome} aria-label="Canary verdict">
      <p className="verdict-headline">
        <strong className={`badge verdict verdict-${verdict.outcome}`}>{verdict.outcome}</strong>
        {verdict.score !== null && <span> score {Math.round(verdict.score)} / 100</span>}
        <span className="muted"> · decided {formatClock(verdict.decidedAt)} over the last {Math.round((verdict.window.to - verdict.window.from) / 60_000)} min</span>
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
              <td>{fmt(m.id, m.mean.canary)}</td>
              <td>{fmt(m.id, m.mean.baseline)}</td>
              <td>{ratio(m.ratio)}</td>
              <td>
                {fmt(m.id, m.shift)}
                {m.ci && ` (${fmt(m.id, m.ci.lower)} … ${fmt(m.id, m.ci.upper)})`}
              </td>
              <td>{p(m.pValue)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {verdict.rules.length > 0 && (
        <ul className="verdict-rules" aria-label="Stop-the-line rules">
          {verdict.rules.map((r) => (
            <li key={`${r.kind}:${r.metric}`} data-testid="verdict-rule" data-tripped={r.tripped}>
              <strong>{r.tripped ? 'TRIPPED ' : 'held '}</strong>
              {r.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
