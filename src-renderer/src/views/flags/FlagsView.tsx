import { useMemo, useState } from 'react';
import { ErrorNote } from '../../components/ErrorNote';
import { formatAge } from '../../format/age';
import { formatDateTime } from '../../format/time';
import { useNow } from '../../hooks/useNow';
import { loadFlags } from '../../store/loaders';
import { useRingside } from '../../store/useRingside';
import { BulkKillBar } from './BulkKillBar';
import { FlagFilter } from './FlagFilter';
import { filterFlags } from './flagFilter';
import { FlagsTable } from './FlagsTable';
import { ReconciledNotes } from './ReconciledNotes';
import './flagsView.css';

/**
 * Every flag per environment, live or from the cache with its age; kills are one click. What comes
 * and goes with each poll (an error, cached data, changes disabled) is said in a strip of fixed
 * height above the table, so the rows never move under the pointer when a message appears.
 */
export function FlagsView() {
  const { data, error, loading } = useRingside((s) => s.flags);
  const now = useNow(1000);
  const [filter, setFilter] = useState('');
  // filtered before the table virtualises: it only ever sees the rows that match
  const shown = useMemo(() => (data ? filterFlags(data.flags, filter) : []), [data, filter]);
  return (
    <section className="view-flags" aria-labelledby="flags-heading">
      <h2 id="flags-heading">Kill switches</h2>
      {data && (
        <>
          <ReconciledNotes reconciled={data.reconciled} flags={data.flags} readOnlyReason={data.readOnlyReason} />
          <BulkKillBar flags={data.flags} environments={data.environments} readOnlyReason={data.readOnlyReason} />
          <FlagFilter value={filter} onChange={setFilter} shown={shown.length} total={data.flags.length} />
        </>
      )}
      <div className="flags-messages" data-testid="flags-messages">
        {error && <ErrorNote error={error} onRetry={() => void loadFlags()} />}
        {data?.stale && (
          <p className="stale-note" data-testid="flags-stale" title={data.fetchedAt ? formatDateTime(data.fetchedAt) : undefined}>
            Showing cached flags from {data.fetchedAt === null ? 'an unknown time' : `${formatAge(now - data.fetchedAt)} ago`}
          </p>
        )}
        {data?.readOnlyReason && (
          <p className="read-only-note" data-testid="flags-read-only" role="status">
            Changes are disabled: {data.readOnlyReason}
          </p>
        )}
        {!data && loading && <p className="muted">Loading flags…</p>}
      </div>
      {data && (
        <FlagsTable
          flags={shown}
          environments={data.environments}
          readOnlyReason={data.readOnlyReason}
          changes={data.changes}
          retries={data.retries}
          now={now}
          emptyText={data.flags.length > 0 ? `No flag matches “${filter.trim()}”.` : undefined}
        />
      )}
    </section>
  );
}
