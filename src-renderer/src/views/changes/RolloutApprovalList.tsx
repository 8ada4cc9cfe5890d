import { useState } from 'react';
import type { RolloutAction, RolloutApproval } from '../../../../src-shared/domain/governance';
import type { IpcError } from '../../../../src-shared/ipc/result';
import { ErrorNote } from '../../components/ErrorNote';
import { formatDateTime } from '../../format/time';
import { useInFlight } from '../../hooks/useInFlight';
import { approveRollout } from '../../store/governanceCommands';
import { useRingside } from '../../store/useRingside';
import { ActionButton } from './ActionButton';
import { isMine, OWN_REQUEST, useMyNames } from './whoIsMe';

export const rolloutActionText: Record<RolloutAction, string> = {
  promote: 'promote',
  promoteFull: 'promote fully (skip the remaining steps)',
  advance: 'advance to the next ring',
  installGate: 'install the health gate',
};

function approveDenied(approval: RolloutApproval, mine: boolean): string | null {
  if (approval.stale) return `Stale: the rollout changed since generation ${approval.generation}; ask again.`;
  if (approval.approvedBy) return `Approved by ${approval.approvedBy}.`;
  return mine ? OWN_REQUEST : null;
}

function ApprovalRow({ approval, mine }: { approval: RolloutApproval; mine: boolean }) {
  const [busy, run] = useInFlight();
  const [error, setError] = useState<IpcError | null>(null);
  const ref = `${approval.rollout.namespace}/${approval.rollout.name}`;
  async function approve() {
    const result = await run(() => approveRollout(approval.rollout));
    if (result) setError(result.ok ? null : result.error);
  }
  return (
    <tr data-testid="rollout-approval" data-rollout={ref} data-stale={approval.stale}>
      <th scope="row">
        <code>{ref}</code>
      </th>
      <td>
        {rolloutActionText[approval.action]}
        <div className="muted">{approval.reason}</div>
      </td>
      <td className="numeric">
        {approval.generation}
        {approval.stale && <span className="badge badge-bad">stale</span>}
      </td>
      <td>
        {approval.requestedBy}
        {mine && <span className="muted"> (you)</span>}
        <div className="muted">{formatDateTime(approval.requestedAt)}</div>
      </td>
      <td>
        {approval.approvedBy ?? <span className="muted">none yet</span>}
        {approval.approvedAt !== null && <div className="muted">{formatDateTime(approval.approvedAt)}</div>}
      </td>
      <td>
        <div className="row-actions">
          <ActionButton
            label="Approve"
            name={`Approve ${rolloutActionText[approval.action]} of ${ref}`}
            denied={approveDenied(approval, mine)}
            busy={busy}
            onClick={() => void approve()}
          />
          {error && <ErrorNote error={error} />}
        </div>
      </td>
    </tr>
  );
}

/** Rollout actions waiting for a second person, as annotations on each Rollout; a stale one is void. */
export function RolloutApprovalList() {
  const changes = useRingside((s) => s.pendingChanges.data);
  const mine = useMyNames('deploy');
  if (!changes) return null;
  const approvals = changes.rolloutApprovals;
  return (
    <section aria-labelledby="rollout-approvals-title" className="changes-section">
      <h3 id="rollout-approvals-title">Rollout approvals</h3>
      {!changes.available.deploy && <p className="muted">This workspace has no deploy backend to ask approvals on.</p>}
      {changes.available.deploy && approvals.length === 0 && <p className="muted">No rollout action waits for approval.</p>}
      {approvals.length > 0 && (
        <table className="changes-table">
          <thead>
            <tr>
              <th scope="col">Rollout</th>
              <th scope="col">Action</th>
              <th scope="col">Generation</th>
              <th scope="col">Requested by</th>
              <th scope="col">Approved by</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {approvals.map((a) => (
              <ApprovalRow key={`${a.rollout.namespace}/${a.rollout.name}/${a.action}`} approval={a} mine={isMine(a.requestedBy, mine)} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
