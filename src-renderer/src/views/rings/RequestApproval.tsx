import { useState } from 'react';
import type { RolloutAction, RolloutApproval } from '../../../../src-shared/domain/governance';
import type { RolloutRef } from '../../../../src-shared/domain/plan';
import type { IpcError } from '../../../../src-shared/ipc/result';
import { ReasonDialog } from '../../components/ReasonDialog';
import { useInFlight } from '../../hooks/useInFlight';
import { requestRolloutApproval } from '../../store/governanceCommands';

const actionText: Record<RolloutAction, string> = {
  promote: 'promotion',
  promoteFull: 'full promotion',
  advance: 'ring advance',
  installGate: 'gate install',
};

/**
 * Offered where four-eyes blocked a release: ask a second person to approve this exact action on
 * this rollout (recorded on the Rollout for its current generation). It never bypasses the rule.
 */
export function RequestApproval({ rollout, action }: { rollout: RolloutRef; action: RolloutAction }) {
  const [asking, setAsking] = useState(false);
  const [busy, run] = useInFlight();
  const [requested, setRequested] = useState<RolloutApproval | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const ref = `${rollout.namespace}/${rollout.name}`;

  async function send(reason: string) {
    const result = await run(() => requestRolloutApproval(rollout, action, reason));
    if (!result) return;
    setRequested(result.ok ? result.value : null);
    setError(result.ok ? null : result.error);
  }

  return (
    <span className="request-approval">
      {requested ? (
        <span data-testid="approval-requested">
          Approval requested for generation {requested.generation} of {ref}: someone else approves it under Changes, then try again.
        </span>
      ) : (
        <button type="button" aria-disabled={busy || undefined} onClick={() => setAsking(true)}>
          {busy ? 'Requesting approval…' : 'Request approval…'}
        </button>
      )}
      {error && <span className="error-message"> Could not request it: {error.message}</span>}
      {asking && (
        <ReasonDialog
          title={`Request approval for the ${actionText[action]} of ${ref}?`}
          detail="A second person approves it under Changes; it holds for the rollout as it is now (any change since voids it)."
          onCancel={() => setAsking(false)}
          onConfirm={(reason) => {
            setAsking(false);
            void send(reason);
          }}
        />
      )}
    </span>
  );
}
