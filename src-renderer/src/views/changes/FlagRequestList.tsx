import { useState } from 'react';
import type { FlagChangeRequest } from '../../../../src-shared/domain/governance';
import type { IpcError } from '../../../../src-shared/ipc/result';
import { ErrorNote } from '../../components/ErrorNote';
import { formatDateTime } from '../../format/time';
import { useInFlight } from '../../hooks/useInFlight';
import { reviewFlagChange, type FlagReviewState } from '../../store/governanceCommands';
import { flagPermit } from '../../store/permits';
import { useRingside } from '../../store/useRingside';
import { ActionButton } from './ActionButton';
import { isMine, OWN_REQUEST, useMyNames } from './whoIsMe';

const OPEN = new Set<FlagChangeRequest['state']>(['Draft', 'In review']);

function FlagRequestRow({ request, mine }: { request: FlagChangeRequest; mine: boolean }) {
  const policy = useRingside((s) => s.policy.data);
  const [busy, run] = useInFlight();
  const [sent, setSent] = useState<FlagReviewState | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const what = `${request.enabled ? 'turn on' : 'turn off'} ${request.flag} in ${request.environment}`;
  const open = OPEN.has(request.state);
  const approved = request.state === 'Approved';
  const applyPermit = flagPermit(policy, request.environment, request.enabled ? 'turnOn' : 'kill');

  async function review(state: FlagReviewState) {
    setSent(state);
    const result = await run(() => reviewFlagChange(request.id, state));
    if (result) setError(result.ok ? null : result.error);
  }
  const button = (state: FlagReviewState, label: string, denied: string | null, danger = false) => (
    <ActionButton
      label={label}
      name={`${label} change request ${request.id}: ${what}`}
      denied={denied}
      busy={busy && sent === state}
      danger={danger}
      onClick={() => void review(state)}
    />
  );

  return (
    <tr data-testid="flag-request" data-id={request.id} data-state={request.state}>
      <th scope="row">#{request.id}</th>
      <td>
        {request.enabled ? 'Turn on' : 'Turn off'} <code>{request.flag}</code> in {request.environment}
      </td>
      <td>
        <span className="badge">{request.state}</span>
      </td>
      <td>
        {request.requestedBy}
        {mine && <span className="muted"> (you)</span>}
        {request.requestedAt !== null && <div className="muted">{formatDateTime(request.requestedAt)}</div>}
      </td>
      <td>{request.approvedBy.length ? request.approvedBy.join(', ') : <span className="muted">none yet</span>}</td>
      <td>
        <div className="row-actions">
          {open && button('Approved', 'Approve', mine ? OWN_REQUEST : null)}
          {approved && button('Applied', 'Apply', applyPermit.allowed ? null : applyPermit.reason)}
          {(open || approved) && !mine && button('Rejected', 'Reject', null, true)}
          {(open || approved) && mine && button('Cancelled', 'Cancel request', null, true)}
          {error && <ErrorNote error={error} />}
        </div>
      </td>
    </tr>
  );
}

/** The flag server's change requests: who asked, who approved, and Approve / Apply / Reject. */
export function FlagRequestList() {
  const changes = useRingside((s) => s.pendingChanges.data);
  const mine = useMyNames('flags');
  if (!changes) return null;
  const requests = changes.flagRequests;
  return (
    <section aria-labelledby="flag-requests-title" className="changes-section">
      <h3 id="flag-requests-title">Flag change requests</h3>
      {!changes.available.flags && (
        <p className="muted">This flag server offers no change requests (Unleash Enterprise does); where it requires them, changes cannot be requested here.</p>
      )}
      {changes.available.flags && requests.length === 0 && <p className="muted">No flag change waits for approval.</p>}
      {requests.length > 0 && (
        <table className="changes-table">
          <thead>
            <tr>
              <th scope="col">Request</th>
              <th scope="col">Change</th>
              <th scope="col">State</th>
              <th scope="col">Requested by</th>
              <th scope="col">Approved by</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {requests.map((r) => (
              <FlagRequestRow key={r.id} request={r} mine={isMine(r.requestedBy, mine)} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
