import type { BackendStatus } from '../../../src-shared/domain/backend';
import { clockTime } from '../time/clockTime';
import { RETRY_AFTER_CAP_MS } from './pollBackoff';

/** What the flag server's failure means for the person, one sentence per kind of failure. */
const WHY: Partial<Record<NonNullable<BackendStatus['errorCode']>, string>> = {
  unauthorized: 'The flag server rejected the token',
  forbidden: 'The token may not read these flags',
  rate_limited: 'The flag server is rate limiting Ringside',
  timeout: 'The flag server did not answer in time',
  bad_response: 'The flag server answered something Ringside cannot read',
  unavailable: 'The flag server cannot be reached',
  offline: 'The flag server cannot be reached',
};

/**
 * Why changes are disabled, or null when they are allowed. `askedWaitMs` is the wait the server
 * last asked for (its Retry-After): beyond the cap, the sentence says Ringside asks sooner.
 */
export function readOnlySentence(configured: boolean, stale: boolean, status: BackendStatus, now: number, askedWaitMs: number | null = null): string | null {
  if (!configured) return 'No flag backend is configured for this workspace.';
  if (!stale) return null;
  if (status.state === 'online') return 'The flags have not been read from the flag server yet; changes are disabled until they are.';
  const why = WHY[status.errorCode ?? 'unavailable'] ?? 'The flag server failed';
  const detail = status.message ? ` (${status.message.replace(/\.$/, '')})` : '';
  const next = status.retryAt && status.retryAt > now ? ` Retrying at ${clockTime(status.retryAt)}.` : '';
  const capped =
    askedWaitMs !== null && askedWaitMs > RETRY_AFTER_CAP_MS
      ? ` Ringside waits at most ${RETRY_AFTER_CAP_MS / 60_000} min for a server's Retry-After, so it asks sooner than it was told.`
      : '';
  return `${why}${detail}; changes are disabled until it answers.${next}${capped}`;
}
