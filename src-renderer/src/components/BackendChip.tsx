import type { BackendKind, BackendStatus } from '../../../src-shared/domain/backend';
import type { ErrorCode } from '../../../src-shared/ipc/result';
import { syncedLabel } from '../format/age';
import { formatClockSeconds } from '../format/time';
import type { SyncProgress } from '../store/slices/workspaceSlice';

const kindLabels: Record<BackendKind, string> = { flags: 'Flags', deploy: 'Deploys', metrics: 'Metrics' };

/** What went wrong, in the words a person on call would use; other codes fall back to the state. */
const errorWords: Partial<Record<ErrorCode, string>> = {
  unauthorized: 'token rejected',
  forbidden: 'not allowed',
  rate_limited: 'rate limited',
  timeout: 'timed out',
  unavailable: 'unreachable',
  bad_response: 'unexpected answer',
  offline: 'offline',
};

/** "rate limited · retrying at 14:02:31", "token rejected", or the plain state when there is no error. */
export function backendStateLabel(status: BackendStatus, now: number): string {
  const words = status.state === 'online' || !status.errorCode ? status.state : (errorWords[status.errorCode] ?? status.state);
  if (status.state === 'online' || status.retryAt == null) return words;
  return `${words} · ${status.retryAt <= now ? 'retrying now' : `retrying at ${formatClockSeconds(status.retryAt)}`}`;
}

/** One backend: who serves it, whether it answers (and if not, why and when it is asked again), and how old what we show from it is. */
export function BackendChip({ status, now, progress }: { status: BackendStatus; now: number; progress?: SyncProgress }) {
  return (
    <li
      className={`backend-chip state-${status.state}`}
      data-testid={`backend-${status.kind}`}
      data-state={status.state}
      data-error={status.state === 'online' ? undefined : (status.errorCode ?? undefined)}
      title={status.message ?? undefined}
    >
      <span className="chip-kind">{kindLabels[status.kind]}</span>
      <span className="chip-provider">{status.provider}</span>
      <span className="chip-state">{backendStateLabel(status, now)}</span>
      <span className="chip-age">{syncedLabel(status.lastSyncAt, now)}</span>
      {progress && (
        <span className="chip-progress">
          syncing {progress.done}
          {progress.total !== null ? `/${progress.total}` : ''}
        </span>
      )}
    </li>
  );
}
