import { useState } from 'react';
import type { FlagChangeRequest } from '../../../../src-shared/domain/governance';
import type { IpcError } from '../../../../src-shared/ipc/result';
import { useInFlight } from '../../hooks/useInFlight';
import { requestFlagChange } from '../../store/governanceCommands';
import type { Ask } from './FlagStateCell';

export interface RequestChangeOfferProps {
  flag: string;
  env: string;
  enabled: boolean;
  /** the refusal it answers, for assistive technology */
  describedBy: string;
  onAsk: (ask: Ask) => void;
}

/**
 * The flag server requires change requests here (it refused the direct change naming
 * SKIP_CHANGE_REQUEST): offer to ask for the change instead, with a reason, for a second person.
 */
export function RequestChangeOffer({ flag, env, enabled, describedBy, onAsk }: RequestChangeOfferProps) {
  const [busy, run] = useInFlight();
  const [created, setCreated] = useState<FlagChangeRequest | null>(null);
  const [error, setError] = useState<IpcError | null>(null);

  async function send(reason: string) {
    const result = await run(() => requestFlagChange({ flag, environment: env, enabled, reason }));
    if (!result) return;
    setCreated(result.ok ? result.value : null);
    setError(result.ok ? null : result.error);
  }

  if (created) {
    return (
      <span data-testid={`flag-change-requested-${env}`}>
        Change request #{created.id} {created.state.toLowerCase()}: someone else approves it under Changes.
      </span>
    );
  }
  return (
    <>
      <button
        type="button"
        aria-describedby={describedBy}
        aria-disabled={busy || undefined}
        onClick={() =>
          onAsk({
            title: `Request a change: turn ${flag} ${enabled ? 'on' : 'off'} in ${env}?`,
            detail: 'The flag server requires a second person here; the request waits for their approval.',
            run: (reason) => void send(reason),
          })
        }
      >
        {busy ? 'Requesting…' : 'Request change…'}
      </button>
      {error && <span className="error-message">Could not request it: {error.message}</span>}
    </>
  );
}
