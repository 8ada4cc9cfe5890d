import type { BackendKind, BackendStatus } from '../../../src-shared/domain/backend';
import type { ErrorCode } from '../../../src-shared/ipc/result';
import { formatAge, syncedLabel } from '../format/age';
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

/**
 * How old a backend's last answer may be and still count as "answered within the last poll", as
 * this page sees it: the core polls every pollMs and the page re-reads the statuses every pollMs,
 * so a healthy backend's answer is at most two periods old, plus a poll's own running time.
 */
export const staleAfterMs = (pollMs: number) => 2 * pollMs + 2_000;

export interface Freshness {
  /** what the chip shows: the backend's own state, or `stale` / `unknown` when that state is not current */
  look: BackendStatus['state'] | 'stale' | 'unknown';
  label: string;
  /** why, for the tooltip, when the look is not the backend's own state */
  why: string | null;
}

/**
 * "online" only while the backend answered within the last poll: an online status whose last
 * answer is older turns `stale` by itself, and while the core does not answer no state is current,
 * so every configured backend is `unknown` (the offline banner says why, once).
 */
export function backendFreshness(status: BackendStatus, now: number, context: { pollMs: number | null; coreOffline: boolean }): Freshness {
  if (context.coreOffline && status.configured) {
    return { look: 'unknown', label: 'unknown', why: `The Ringside core is not answering; it last said ${status.provider} was ${status.state}.` };
  }
  const { pollMs } = context;
  // Never synced has no age to judge (a core just started has not polled yet); the age says "never synced".
  if (status.state === 'online' && pollMs && status.lastSyncAt !== null && now - status.lastSyncAt > staleAfterMs(pollMs)) {
    const since = formatClockSeconds(status.lastSyncAt);
    return { look: 'stale', label: 'stale', why: `No answer from ${status.provider} since ${since}; the core polls every ${formatAge(pollMs)}.` };
  }
  return { look: status.state, label: backendStateLabel(status, now), why: null };
}

/** One backend: who serves it, whether it answers (and if not, why and when it is asked again), and how old what we show from it is. */
export function BackendChip({
  status,
  now,
  progress,
  pollMs = null,
  coreOffline = false,
}: {
  status: BackendStatus;
  now: number;
  progress?: SyncProgress;
  /** the core's poll interval, from its heartbeat; null when not known (no staleness then) */
  pollMs?: number | null;
  coreOffline?: boolean;
}) {
  const fresh = backendFreshness(status, now, { pollMs, coreOffline });
  return (
    <li
      className={`backend-chip state-${fresh.look}`}
      data-testid={`backend-${status.kind}`}
      data-state={fresh.look}
      data-error={status.state === 'online' ? undefined : (status.errorCode ?? undefined)}
      title={fresh.why ?? status.message ?? undefined}
    >
      <span className="chip-kind">{kindLabels[status.kind]}</span>
      <span className="chip-provider">{status.provider}</span>
      <span className="chip-state">{fresh.label}</span>
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
