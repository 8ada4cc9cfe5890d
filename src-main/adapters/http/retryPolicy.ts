/** Statuses worth another try: the server may answer differently in a moment. Never 401/403. */
export const RETRYABLE = new Set([408, 429, 500, 502, 503, 504]);

export interface RetryOptions {
  retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  random?: () => number;
}

export const defaultRetry: RetryOptions = { retries: 2, baseDelayMs: 200, maxDelayMs: 5_000 };

/** Milliseconds to wait from a Retry-After header (seconds or an HTTP date), or null if absent/invalid. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  const seconds = Number(header.trim());
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** Full-jitter exponential backoff, or the server's Retry-After when it gave one (capped). */
export function backoffDelay(attempt: number, retryAfterMs: number | null, options: RetryOptions): number {
  if (retryAfterMs !== null) return Math.min(retryAfterMs, options.maxDelayMs);
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** attempt);
  return Math.round((options.random ?? Math.random)() * ceiling);
}
