import { useId, useState } from 'react';
import type { Rollout } from '../../../../src-shared/domain/rollout';
import type { IpcError } from '../../../../src-shared/ipc/result';
import { ReasonDialog } from '../../components/ReasonDialog';
import { useInFlight } from '../../hooks/useInFlight';
import { needsApproval } from '../../store/governanceCommands';
import { deployPermit } from '../../store/permits';
import { promoteRollout } from '../../store/ringCommands';
import { useRingside } from '../../store/useRingside';
import { RequestApproval } from './RequestApproval';

/**
 * Promote a paused rollout past its pause: a release, so it asks why first; disabled with the
 * reason beside it where the profile or Kubernetes does not allow it; where four-eyes holds it,
 * offers to request the approval instead.
 */
export function RolloutPromote({ rollout }: { rollout: Rollout }) {
  const id = useId();
  const policy = useRingside((s) => s.policy.data);
  const [asking, setAsking] = useState(false);
  const [busy, run] = useInFlight();
  const [error, setError] = useState<IpcError | null>(null);
  const [done, setDone] = useState(false);
  if (!rollout.paused || rollout.aborted) return null;
  const permit = deployPermit(policy, 'promote', { namespace: rollout.namespace });
  const ref = { namespace: rollout.namespace, name: rollout.name };

  async function promote(reason: string) {
    const result = await run(() => promoteRollout(ref, reason));
    if (!result) return;
    setError(result.ok ? null : result.error);
    setDone(result.ok);
  }

  return (
    <div className="rollout-promote">
      <button
        type="button"
        aria-label={`Promote ${rollout.namespace}/${rollout.name}`}
        disabled={!permit.allowed}
        aria-disabled={busy || undefined}
        aria-describedby={!permit.allowed ? `${id}-denied` : undefined}
        onClick={() => {
          if (!busy) setAsking(true);
        }}
      >
        {busy ? 'Promoting…' : 'Promote'}
      </button>
      {!permit.allowed && (
        <span id={`${id}-denied`} className="denied-reason">
          {permit.reason}
        </span>
      )}
      <div aria-live="polite">
        {done && <span className="muted">Promoted.</span>}
        {error && <span className="error-message">{error.message}</span>}
        {error && needsApproval(error) && <RequestApproval rollout={ref} action="promote" />}
      </div>
      {asking && (
        <ReasonDialog
          title={`Promote ${rollout.namespace}/${rollout.name}?`}
          detail="The rollout moves past its pause and sends more traffic to the new version."
          onCancel={() => setAsking(false)}
          onConfirm={(reason) => {
            setAsking(false);
            void promote(reason);
          }}
        />
      )}
    </div>
  );
}
