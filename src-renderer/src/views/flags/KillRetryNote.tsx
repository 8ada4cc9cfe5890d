import { useId } from 'react';
import type { KillRetry } from '../../../../src-shared/domain/killRetry';
import { describeRetry } from '../../format/killRetry';
import { formatDateTime } from '../../format/time';
import { cancelRetry } from '../../store/killRetries';
import { opKey } from '../../store/slices/flagOpsSlice';
import { useRingside } from '../../store/useRingside';

export interface KillRetryNoteProps {
  flag: string;
  env: string;
  retry: KillRetry;
}

/**
 * A kill main keeps sending for this cell: which attempt, when the next goes out, the last error
 * and a Cancel; once it ended, how (confirmed, stopped because someone changed the flag, cancelled).
 */
export function KillRetryNote({ flag, env, retry }: KillRetryNoteProps) {
  const id = useId();
  const call = useRingside((s) => s.retryCalls[opKey(flag, env)]);
  const trying = retry.state === 'trying';
  const cancelling = call?.status === 'pending' && call.action === 'cancel';
  return (
    <div className={`cell-retry retry-${retry.state}`} data-testid={`flag-retry-${env}`} data-state={retry.state}>
      <span id={id} className="retry-state" title={`kill sent again since ${formatDateTime(retry.startedAt)}`}>
        {describeRetry(retry)}
      </span>
      {trying && retry.lastError && <span className="retry-error">last error: {retry.lastError}</span>}
      {trying && (
        <button
          type="button"
          aria-describedby={id}
          aria-disabled={cancelling || undefined}
          onClick={() => void cancelRetry(flag, env)}
        >
          {cancelling ? 'Cancelling…' : 'Cancel'}
        </button>
      )}
      {call?.status === 'failed' && call.action === 'cancel' && (
        <span className="retry-error">Could not cancel: {call.error.message}</span>
      )}
    </div>
  );
}
