import { useEffect, useRef, useState } from 'react';
import { ErrorNote } from '../../components/ErrorNote';
import { reloadAuditList } from '../../store/auditLoaders';
import { useRingside } from '../../store/useRingside';
import { AuditBanner } from './AuditBanner';
import { AuditDetail } from './AuditDetail';
import { AuditExport } from './AuditExport';
import { AuditFilters } from './AuditFilters';
import { AuditList } from './AuditList';
import { DoraPanel } from './DoraPanel';
import { useFillHeight } from './useFillHeight';
import { ZoneSwitch } from './ZoneSwitch';
import './audit.css';

function History() {
  const { total, newer, loaded, loading, error } = useRingside((s) => s.audit);
  const body = useRef<HTMLDivElement>(null);
  // The list and the detail pane run to the bottom of the window; each scrolls inside itself.
  const height = useFillHeight(body);
  return (
    <>
      <AuditFilters />
      <div className="audit-toolbar">
        <span className="audit-count" data-testid="audit-count" aria-live="polite">
          {total === null ? (loading ? 'Counting…' : '') : `${total.toLocaleString('en')} events`}
        </span>
        {newer > 0 && (
          <button type="button" onClick={() => void reloadAuditList()}>
            {newer.toLocaleString('en')} new {newer === 1 ? 'event' : 'events'}: show
          </button>
        )}
        <AuditExport />
      </div>
      {error && <ErrorNote floating error={error} onRetry={() => void reloadAuditList()} />}
      {loaded && total === 0 && <p className="muted">No audit events match.</p>}
      <div className="audit-body" ref={body} style={{ height }}>
        <AuditList />
        <AuditDetail />
      </div>
    </>
  );
}

/** The local history of every release action: searchable offline, exportable, with DORA figures. */
export function AuditView() {
  const [tab, setTab] = useState<'history' | 'dora'>('history');
  const loaded = useRingside((s) => s.audit.loaded);
  useEffect(() => {
    if (!loaded) void reloadAuditList();
  }, [loaded]);
  // Arriving at the view is not reading it: events that came in while elsewhere are shown at once.
  // Only a reader already on the list is asked ("N new events: show") so rows never move under them.
  useEffect(() => {
    const { loaded: ready, newer } = useRingside.getState().audit;
    if (ready && newer > 0) void reloadAuditList();
  }, []);
  return (
    <section className="view-audit" aria-labelledby="audit-heading">
      <h2 id="audit-heading">Audit</h2>
      <AuditBanner />
      <div className="audit-bar">
        <div className="audit-tabs" role="tablist" aria-label="Audit">
          <button type="button" role="tab" aria-selected={tab === 'history'} onClick={() => setTab('history')}>
            History
          </button>
          <button type="button" role="tab" aria-selected={tab === 'dora'} onClick={() => setTab('dora')}>
            DORA metrics
          </button>
        </div>
        <ZoneSwitch />
      </div>
      {tab === 'history' ? <History /> : <DoraPanel />}
    </section>
  );
}
