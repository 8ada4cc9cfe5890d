import { useEffect, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import type { DoraFigure } from '../../../../src-shared/domain/dora';
import { ErrorNote } from '../../components/ErrorNote';
import { formatAuditTime, useAuditZone } from './auditTime';
import { loadDora } from '../../store/auditLoaders';
import type { DoraReport } from '../../store/slices/auditSlice';
import { useRingside } from '../../store/useRingside';

type Key = 'deploymentFrequency' | 'leadTimeMs' | 'changeFailureRate' | 'recoveryMs';

const FIGURES: { key: Key; title: string; explain: string; unit: (v: number) => number; format: (v: number | null) => string }[] = [
  { key: 'deploymentFrequency', title: 'Deployment frequency', explain: 'Rollouts completed.', unit: (v) => v, format: (v) => (v === null ? '—' : `${v}`) },
  {
    key: 'leadTimeMs',
    title: 'Lead time for changes',
    explain: 'Median time from the commit (a rollout or flag carrying a commit time annotation) to deployed or flag on.',
    unit: (v) => v / 3_600_000,
    format: (v) => (v === null ? 'no annotated change' : `${(v / 3_600_000).toFixed(1)} h`),
  },
  {
    key: 'changeFailureRate',
    title: 'Change failure rate',
    explain: 'Releases (a rollout started, a flag turned on in production) followed within the window by a kill, abort or rollback.',
    unit: (v) => v * 100,
    format: (v) => (v === null ? 'no release' : `${Math.round(v * 100)} %`),
  },
  {
    key: 'recoveryMs',
    title: 'Failed deployment recovery time',
    explain: "Median time from the failure signal (the canary's fail verdict, a rollout seen Degraded) to the kill or abort.",
    unit: (v) => v / 60_000,
    format: (v) => (v === null ? 'no timed failure' : `${(v / 60_000).toFixed(1)} min`),
  },
];

const week = (ms: number) => new Date(ms).toISOString().slice(5, 10);

function Counted({ figure }: { figure: DoraFigure }) {
  const zone = useAuditZone();
  if (!figure.counted.length) return <p className="muted">No events counted.</p>;
  return (
    <details>
      <summary>{figure.counted.length} events counted</summary>
      <ul className="dora-counted">
        {figure.counted.map((e, i) => (
          <li key={`${e.id}-${i}`}>
            #{e.id} {formatAuditTime(e.time, zone)} <code>{e.action}</code> {e.objectId} <span className="muted">{e.note}</span>
          </li>
        ))}
      </ul>
    </details>
  );
}

function FigureCard({ report, spec }: { report: DoraReport; spec: (typeof FIGURES)[number] }) {
  const total = report.total[spec.key];
  const data = report.weeks.map((w) => ({ week: week(w.weekStart), value: w[spec.key].value === null ? null : spec.unit(w[spec.key].value!) }));
  return (
    <section className="dora-card" data-testid={`dora-${spec.key}`} aria-label={spec.title}>
      <h3>{spec.title}</h3>
      <p className="dora-total">{spec.format(total.value)}</p>
      <p className="muted">{spec.explain}</p>
      <BarChart width={300} height={140} data={data} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="week" fontSize={11} />
        <YAxis width={36} fontSize={11} />
        <Tooltip />
        <Bar dataKey="value" fill="#1a73e8" isAnimationActive={false} />
      </BarChart>
      <Counted figure={total} />
    </section>
  );
}

/** DORA's four keys from the local history, per week, each saying which events it counted. */
export function DoraPanel() {
  const dora = useRingside((s) => s.dora);
  const [weeks, setWeeks] = useState(5);
  const [windowHours, setWindowHours] = useState(24);
  useEffect(() => {
    void loadDora(weeks, windowHours);
  }, [weeks, windowHours]);
  return (
    <div className="dora" data-testid="dora">
      <div className="dora-controls">
        <label>
          Weeks{' '}
          <select value={weeks} onChange={(e) => setWeeks(Number(e.target.value))}>
            {[4, 5, 8, 12, 26].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <label>
          A kill, abort or rollback within{' '}
          <select value={windowHours} onChange={(e) => setWindowHours(Number(e.target.value))}>
            {[1, 6, 24, 72].map((n) => (
              <option key={n} value={n}>
                {n} h
              </option>
            ))}
          </select>{' '}
          of a release makes it a failed change
        </label>
        {/* The core counts weeks from Monday 00:00 UTC; the chart labels are those days. */}
        <span className="muted">Weeks start on Monday, 00:00 UTC.</span>
      </div>
      {dora.error && <ErrorNote error={dora.error} onRetry={() => void loadDora(weeks, windowHours)} />}
      {dora.data && (
        <div className="dora-grid">
          {FIGURES.map((spec) => (
            <FigureCard key={spec.key} report={dora.data!} spec={spec} />
          ))}
        </div>
      )}
      {!dora.data && dora.loading && <p className="muted">Computing from the history…</p>}
    </div>
  );
}
