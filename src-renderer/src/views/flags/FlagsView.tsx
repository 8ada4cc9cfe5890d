import { ErrorNote } from '../../components/ErrorNote';
import { formatAge } from '../../format/age';
import { formatDateTime } from '../../format/time';
import { useNow } from '../../hooks/useNow';
import { loadFlags } from '../../store/loaders';
import { useRingside } from '../../store/useRingside';
import { FlagsTable } from './FlagsTable';

/** Every flag per environment, live or from the cache with its age. */
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
      {!data && loading && <p className="muted">Loading flags…</p>}
      {data && <FlagsTable flags={data.flags} environments={data.environments} />}
    </section>
  );
}
