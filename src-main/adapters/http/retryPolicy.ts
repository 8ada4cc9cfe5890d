/** Statuses worth another try: the server may answer differently in a moment. Never 401/403. */
export const RETRYABLE = new Set([408, 429, 500, 502, 503, 504]);

export interface RetryOptions {
  retries: number;
  baseDelayMs: number;
  /** Longest wait inside one request; a server asking for more is answered with an error that carries its wait. */
  maxDelayMs: number;
  random?: () => number;
}

export const defaultRetry: RetryOptions = { retries: 2, baseDelayMs: 200, maxDelayMs: 5_000 };

/** Milliseconds to wait from a Retry-After header (seconds or an HTTP date), or null if absent/invalid. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/**
 * The wait before retry `attempt` inside one request, or null when the server asked for longer
 * than a request may wait: then the request fails with the server's wait, and the poll loop (not
 * the request) honours it. Without a Retry-After: full-jitter exponential backoff.
 */
export function backoffDelay(attempt: number, retryAfterMs: number | null, options: RetryOptions): number | null {
  if (retryAfterMs !== null) return retryAfterMs <= options.maxDelayMs ? retryAfterMs : null;
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** attempt);
  return Math.round((options.random ?? Math.random)() * ceiling);
}
