import type { GateVerdict } from '../../../../src-shared/domain/plan';
import { num, pValue } from './ringText';

/** The current ring's canary verdict with the numbers that decided it. */
export function GateVerdictLine({ verdict }: { verdict: GateVerdict }) {
  const tripped = verdict.rules.filter((r) => r.tripped);
  return (
    <div className={`gate-verdict outcome-${verdict.outcome}`} data-testid="gate-verdict" data-outcome={verdict.outcome}>
      <p className="gate-headline">
        verdict <strong>{verdict.outcome}</strong>
        {verdict.score !== null && ` · score ${Math.round(verdict.score)}`}
        {verdict.stale && ' · from cached samples'}
      </p>
      <table className="gate-metrics">
        <caption className="visually-hidden">Canary against baseline</caption>
        <thead>
          <tr>
            <th scope="col">metric</th>
            <th scope="col">canary</th>
            <th scope="col">baseline</th>
            <th scope="col">p</th>
          </tr>
        </thead>
        <tbody>
          {verdict.metrics.map((m) => (
            <tr key={m.metric} data-failing={m.failing}>
              <th scope="row">{m.metric}</th>
              <td>{num(m.canary)}</td>
              <td>{num(m.baseline)}</td>
              <td>{pValue(m.pValue)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {tripped.length > 0 && (
        <ul className="gate-rules">
          {tripped.map((r) => (
            <li key={`${r.kind}-${r.metric}`}>{r.message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
