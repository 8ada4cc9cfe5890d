import { useEffect, useMemo, useState } from 'react';
import { ErrorNote } from '../../components/ErrorNote';
import { formatDateTime } from '../../format/time';
import { loadDebt } from '../../store/loaders';
import { useRingside } from '../../store/useRingside';
import { DebtTable } from './DebtTable';
import { debtCsv, sortDebt, type DebtColumn, type DebtSort } from './debtTable';
import './debt.css';

/** Save text as a file the way a browser and Electron's sandboxed renderer both allow: a blob link. */
function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * The flag-debt board: flags past their lifetime, fully on for more than 40 days, without an
 * owner or past their expiry, each with the reason; sortable by any column, exportable as CSV.
 */
export function DebtView() {
  const { data, error, loading } = useRingside((s) => s.debt);
  const [sort, setSort] = useState<DebtSort>({ column: 'ageDays', direction: 'desc' });
  const [onlyDebt, setOnlyDebt] = useState(true);
  useEffect(() => {
    void loadDebt();
  }, []);

  const rows = useMemo(() => {
    const all = data?.rows ?? [];
    return sortDebt(onlyDebt ? all.filter((r) => r.reasons.length > 0) : all, sort);
  }, [data, sort, onlyDebt]);

  const sortBy = (column: DebtColumn) =>
    setSort((s) => ({ column, direction: s.column === column && s.direction === 'desc' ? 'asc' : 'desc' }));

  return (
    <section className="view-debt" aria-labelledby="debt-heading">
      <h2 id="debt-heading">Flag debt</h2>
      {error && <ErrorNote floating error={error} onRetry={() => void loadDebt()} />}
      {!data && loading && <p className="muted">Computing flag debt…</p>}
      {data && (
        <>
          <div className="flags-toolbar">
            <label className="inline">
              <input type="checkbox" checked={onlyDebt} onChange={(e) => setOnlyDebt(e.target.checked)} /> Only flags with debt
            </label>
            <button type="button" onClick={() => download('ringside-flag-debt.csv', debtCsv(rows))} disabled={rows.length === 0}>
              Export CSV
            </button>
            <span className="muted" data-testid="debt-summary">
              {data.rows.filter((r) => r.reasons.length > 0).length} of {data.rows.length} flags are debt · computed{' '}
              {formatDateTime(data.computedAt)}
            </span>
          </div>
          {rows.length === 0 ? (
            <p className="muted">No flag debt. Every temporary flag is within its lifetime and owned.</p>
          ) : (
            <DebtTable rows={rows} sort={sort} onSort={sortBy} />
          )}
        </>
      )}
    </section>
  );
}
