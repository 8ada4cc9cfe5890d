/** The longest a failing flag server is left alone between tries. */
export const MAX_BACKOFF_MS = 60_000;
/** The longest Retry-After honoured; a server asking for more is asked again after this. */
export const RETRY_AFTER_CAP_MS = 5 * 60_000;

/**
 * How long the poll leaves a failing flag server alone: the poll interval doubled per consecutive
 * failure up to a minute, or the wait the server asked for (Retry-After) when that is longer, up
 * to five minutes.
 */
export function flagsBackoff(failures: number, retryAfterMs: number | null, pollMs: number): number {
  const backoff = Math.min(Math.max(pollMs, 250) * 2 ** Math.max(0, failures - 1), MAX_BACKOFF_MS);
  return Math.max(backoff, retryAfterMs === null ? 0 : Math.min(retryAfterMs, RETRY_AFTER_CAP_MS));
}
