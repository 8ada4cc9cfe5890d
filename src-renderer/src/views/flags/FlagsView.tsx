import { ErrorNote } from '../../components/ErrorNote';
import { formatAge } from '../../format/age';
import { formatDateTime } from '../../format/time';
import { useNow } from '../../hooks/useNow';
import { loadFlags } from '../../store/loaders';
import { useRingside } from '../../store/useRingside';
import { BulkKillBar } from './BulkKillBar';
import { FlagsTable } from './FlagsTable';
import { ReconciledNotes } from './ReconciledNotes';

/** Every flag per environment, live or from the cache with its age; kills are one click. */
export function FlagsView() {
  const { data, error, loading } = useRingside((s) => s.flags);
  const now = useNow(1000);
  return (
    <section className="view-flags" aria-labelledby="flags-heading">
      <h2 id="flags-heading">Kill switches</h2>
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
      {data && (
        <>
          <ReconciledNotes reconciled={data.reconciled} flags={data.flags} readOnlyReason={data.readOnlyReason} />
          <BulkKillBar flags={data.flags} environments={data.environments} readOnlyReason={data.readOnlyReason} />
          <FlagsTable
            flags={data.flags}
            environments={data.environments}
            readOnlyReason={data.readOnlyReason}
            changes={data.changes}
            retries={data.retries}
            now={now}
          />
        </>
      )}
    </section>
  );
}
