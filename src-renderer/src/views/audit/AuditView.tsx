import { ErrorNote } from '../../components/ErrorNote';
import { loadAudit, loadMoreAudit } from '../../store/auditLoaders';
import { useRingside } from '../../store/useRingside';
import { AuditRow } from './AuditRow';

/** The local history of release actions, newest first, a page at a time. */
export function AuditView() {
  const { events, nextBeforeId, loaded, loading, error } = useRingside((s) => s.audit);
  return (
    <section className="view-audit" aria-labelledby="audit-heading">
      <h2 id="audit-heading">Audit</h2>
      {error && <ErrorNote error={error} onRetry={() => void loadAudit()} />}
      {!loaded && loading && <p className="muted">Loading audit history…</p>}
      {loaded && events.length === 0 && <p className="muted">No audit events yet.</p>}
      {events.length > 0 && (
        <table className="audit-table">
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Source</th>
              <th scope="col">Actor</th>
              <th scope="col">Action</th>
              <th scope="col">Object</th>
              <th scope="col">Environment</th>
              <th scope="col">Reason</th>
              <th scope="col">Result</th>
            </tr>
          </thead>
          <tbody>
            {events.map((event) => (
              <AuditRow key={event.id} event={event} />
            ))}
          </tbody>
        </table>
      )}
      {nextBeforeId !== null && (
        <button type="button" className="load-more" disabled={loading} onClick={() => void loadMoreAudit()}>
          {loading ? 'Loading…' : 'Load more'}
        </button>
      )}
    </section>
  );
}
