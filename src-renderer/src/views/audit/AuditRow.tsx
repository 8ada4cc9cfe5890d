import type { AuditEvent } from '../../../../src-shared/domain/audit';
import { formatDateTime } from '../../format/time';

/** Longest payload shown inline; the audit store keeps the whole of it. */
const MAX_PAYLOAD = 2000;

function payloadText(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > MAX_PAYLOAD ? `${text.slice(0, MAX_PAYLOAD)}…` : text;
}

/** One audit event; reasons and payloads come from people and servers, so text only. */
export function AuditRow({ event }: { event: AuditEvent }) {
  const hasChange = event.before !== null || event.after !== null;
  return (
    <tr data-testid="audit-row" data-id={event.id}>
      <td className="nowrap">
        <time dateTime={new Date(event.time).toISOString()}>{formatDateTime(event.time)}</time>
      </td>
      <td>{event.source}</td>
      <td>{event.actor}</td>
      <td>{event.action}</td>
      <td>
        <span className="muted">{event.objectType}</span> {event.objectId}
      </td>
      <td>{event.environment ?? '—'}</td>
      <td className="audit-reason">{event.reason ?? ''}</td>
      <td>
        {event.result ?? ''}
        {hasChange && (
          <details>
            <summary>change</summary>
            <div className="audit-payload">
              <span className="muted">before</span>
              <pre>{payloadText(event.before)}</pre>
              <span className="muted">after</span>
              <pre>{payloadText(event.after)}</pre>
            </div>
          </details>
        )}
      </td>
    </tr>
  );
}
