import type { AuditEvent } from '../../../../src-shared/domain/audit';
import type { Release } from '../../../../src-shared/domain/canary';
import { selectAuditEvent } from '../../store/auditLoaders';
import { useRingside } from '../../store/useRingside';
import { formatAuditTime, useAuditZone } from './auditTime';
import { jsonDiff } from './jsonDiff';

const NO_RELEASES: Release[] = [];
const CHANGE_WORDS = { added: 'added', removed: 'removed', changed: 'changed', same: 'unchanged' } as const;

/** The release whose canary shows this event: it is the release, its flag or its rollout. */
export const releaseOf = (event: AuditEvent, releases: readonly Release[]) =>
  releases.find((r) => r.id === event.objectId || (r.flag !== null && r.flag === event.objectId) || (r.rollout !== null && r.rollout === event.objectId)) ?? null;

/** One event in full: every field, the before/after diff key by key, and the canary at that moment. */
export function AuditDetail() {
  const event = useRingside((s) => s.audit.selected);
  const releases = useRingside((s) => s.releases.data?.releases ?? NO_RELEASES);
  const showCanaryAt = useRingside((s) => s.showCanaryAt);
  const setView = useRingside((s) => s.setView);
  const zone = useAuditZone();
  if (!event) return <aside className="audit-detail muted">Select an event to see its details and what it changed.</aside>;

  const rows = jsonDiff(event.before, event.after);
  const release = releaseOf(event, releases);
  const fields: [string, string][] = [
    // In the chosen zone, and in the other one too: a reviewer compares with logs on either clock.
    ['Time', `${formatAuditTime(event.time, zone)} (${formatAuditTime(event.time, zone === 'utc' ? 'local' : 'utc')})`],
    ['Source', event.source],
    ['Actor', event.actor],
    ['Action', event.action],
    ['Object', `${event.objectType} ${event.objectId}`],
    ['Environment', event.environment ?? '—'],
    ['Result', event.result ?? '—'],
    ['Reason', event.reason ?? '—'],
    ['Event id', String(event.id)],
  ];
  return (
    <aside className="audit-detail" aria-labelledby="audit-detail-heading" data-testid="audit-detail" data-id={event.id}>
      <div className="audit-detail-head">
        <h3 id="audit-detail-heading">
          {event.action} <span className="muted">{event.objectId}</span>
        </h3>
        <button type="button" aria-label="Close the event details" onClick={() => selectAuditEvent(null)}>
          ×
        </button>
      </div>
      <dl className="audit-fields">
        {fields.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {release && (
        <button
          type="button"
          className="audit-canary-link"
          onClick={() => {
            showCanaryAt(release.id, event.time);
            setView('canary');
          }}
        >
          Open the canary of {release.service} {release.version} at this moment
        </button>
      )}
      <h4>Before and after</h4>
      {rows.length === 0 ? (
        <p className="muted">This event records no before or after state.</p>
      ) : (
        <table className="audit-diff" data-testid="audit-diff">
          <thead>
            <tr>
              <th scope="col">Key</th>
              <th scope="col">Before</th>
              <th scope="col">After</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.path} className={`diff-${row.change}`} data-change={row.change}>
                <th scope="row">
                  {row.path} <span className="visually-hidden">{CHANGE_WORDS[row.change]}</span>
                </th>
                <td>
                  <code>{row.before ?? '—'}</code>
                </td>
                <td>
                  <code>{row.after ?? '—'}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </aside>
  );
}
