import { useCallback, useEffect, useState } from 'react';
import type { AnalysisMetric, AnalysisRunView } from '../../../../src-shared/domain/analysis';
import type { GateVerdict, RolloutRef } from '../../../../src-shared/domain/plan';
import type { IpcError } from '../../../../src-shared/ipc/result';
import { ErrorNote } from '../../components/ErrorNote';
import { formatClockSeconds } from '../../format/time';
import { currentApi } from '../../store/bridge';
import { settle } from '../../store/loadInto';
import { GateVerdictLine } from './GateVerdictLine';

const inWindow = (at: number | null, window: GateVerdict['window']) => Boolean(window && at !== null && at >= window.from && at <= window.to);

function counts(m: AnalysisMetric): string {
  const parts = [`${m.count} measured`, `${m.successful} ok`, `${m.failed} failed`];
  if (m.inconclusive) parts.push(`${m.inconclusive} inconclusive`);
  if (m.error) parts.push(`${m.error} errors (${m.consecutiveError} in a row)`);
  if (m.failureLimit !== null) parts.push(`failure limit ${m.failureLimit}`);
  return parts.join(' · ');
}

function MetricTable({ metric, window }: { metric: AnalysisMetric; window: GateVerdict['window'] }) {
  return (
    <div className="analysis-metric" data-testid="analysis-metric" data-metric={metric.name}>
      <p>
        <strong>{metric.name}</strong> {metric.phase} · {counts(metric)}
        {metric.successCondition && <> · success when <code>{metric.successCondition}</code></>}
        {metric.failureCondition && <> · fails when <code>{metric.failureCondition}</code></>}
      </p>
      {metric.message && <p className="muted">{metric.message}</p>}
      <table className="gate-metrics">
        <caption className="visually-hidden">Measurements of {metric.name}</caption>
        <thead>
          <tr>
            <th scope="col">started</th>
            <th scope="col">value</th>
            <th scope="col">phase</th>
            <th scope="col">message</th>
          </tr>
        </thead>
        <tbody>
          {metric.measurements.map((m, i) => (
            <tr key={i} data-testid="measurement" data-phase={m.phase} className={inWindow(m.startedAt, window) ? 'in-verdict-window' : undefined}>
              <td>{m.startedAt === null ? '—' : formatClockSeconds(m.startedAt)}</td>
              <td data-testid="measurement-value">{m.value ?? '…'}</td>
              <td>{m.phase}</td>
              <td>{m.message ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * What Argo's analysis controller measured for the plan's rollout, beside Ringside's own verdict:
 * measurements inside the verdict's window are marked, so the two judgements of the same minutes
 * can be read side by side.
 */
export function AnalysisRunPanel({ rollout, verdict }: { rollout: RolloutRef; verdict: GateVerdict | null }) {
  const [runs, setRuns] = useState<AnalysisRunView[] | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [open, setOpen] = useState(false);
  const { namespace, name } = rollout;
  const load = useCallback(async () => {
    const api = currentApi();
    if (!api) return;
    const result = await settle(() => api.rollouts.analysisRuns({ namespace, name }));
    setRuns(result.ok ? result.value.runs : null);
    setError(result.ok ? null : result.error);
  }, [namespace, name]);
  useEffect(() => {
    if (open) void load();
  }, [open, load]);
  return (
    <details className="analysis-runs" data-testid="analysis-runs" onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>Argo analysis runs of {`${rollout.namespace}/${rollout.name}`}</summary>
      <div className="analysis-side-by-side">
        <section aria-label="Ringside's verdict">{verdict ? <GateVerdictLine verdict={verdict} title="Ringside's verdict" /> : <p className="muted">Ringside has no verdict for this plan yet.</p>}</section>
        <section aria-label="Argo's measurements">
          <button type="button" onClick={() => void load()}>
            Reload
          </button>
          {error && <ErrorNote error={error} />}
          {runs?.length === 0 && <p className="muted">The controller has no AnalysisRun for this rollout.</p>}
          {runs?.map((run) => (
            <article key={run.name} className="analysis-run" data-testid="analysis-run" data-run={run.name} data-phase={run.phase}>
              <h4>
                {run.name} <span className={`phase phase-${run.phase}`}>{run.phase}</span>
                {run.revision !== null && <span className="muted"> · revision {run.revision}</span>}
              </h4>
              {run.message && <p>{run.message}</p>}
              {run.metrics.map((m) => (
                <MetricTable key={m.name} metric={m} window={verdict?.window} />
              ))}
            </article>
          ))}
        </section>
      </div>
    </details>
  );
}
