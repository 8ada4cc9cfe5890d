import fetch, { type RequestInit, type Response } from 'node-fetch';
import { RingsideError } from '../../../src-shared/ipc/result';
import { backoffDelay, defaultRetry, parseRetryAfter, RETRYABLE, type RetryOptions } from './retryPolicy';

export interface HttpClientOptions {
  /** Shown in every message, e.g. "Unleash" or "Prometheus". */
  service: string;
  baseUrl: string;
  headers?: () => Record<string, string>;
  timeoutMs?: number;
  retry?: RetryOptions;
  sleep?: (ms: number) => Promise<void>;
}

export interface HttpRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  body?: unknown;
  contentType?: string;
  /** Safe to send twice; only idempotent requests are retried after a 5xx. */
  idempotent?: boolean;
}

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** HTTP with a timeout, bounded retries on 408/429/5xx and errors a person can act on. */
export function createHttpClient(options: HttpClientOptions) {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const retry = options.retry ?? defaultRetry;
  const sleep = options.sleep ?? sleepFor;
  const base = options.baseUrl.replace(/\/+$/, '');
  const where = (() => {
    try {
      return new URL(base).host;
    } catch {
      throw new RingsideError('bad_request', `${options.service} URL "${base.slice(0, 200)}" is not a valid URL.`);
    }
  })();

  async function once(req: HttpRequest): Promise<Response> {
    const init: RequestInit = {
      method: req.method ?? 'GET',
      headers: {
        accept: 'application/json',
        ...(req.body !== undefined ? { 'content-type': req.contentType ?? 'application/json' } : {}),
        ...options.headers?.(),
      },
      body: req.body === undefined ? undefined : typeof req.body === 'string' ? req.body : JSON.stringify(req.body),
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'manual',
    };
    try {
      return await fetch(`${base}${req.path}`, init);
    } catch (error) {
      const name = (error as { name?: string }).name;
      if (name === 'AbortError' || name === 'TimeoutError') {
        throw new RingsideError('timeout', `${options.service} at ${where} did not answer within ${timeoutMs / 1000} s.`);
      }
      const code = (error as { code?: string }).code ?? (error as Error).message;
      throw new RingsideError('unavailable', `${options.service} at ${where} cannot be reached (${code}). Is it running?`);
    }
  }

  /** Send a request; the Response is returned for 2xx, every other outcome throws RingsideError. */
  async function send(req: HttpRequest): Promise<Response> {
    const retryable = req.idempotent ?? (req.method ?? 'GET') === 'GET';
    for (let attempt = 0; ; attempt += 1) {
      const res = await once(req);
      if (res.ok) return res;
      const canRetry = attempt < retry.retries && RETRYABLE.has(res.status) && (retryable || res.status === 429);
      if (!canRetry) throw await statusError(options.service, where, res);
      await res.arrayBuffer().catch(() => undefined);
      await sleep(backoffDelay(attempt, parseRetryAfter(res.headers.get('retry-after')), retry));
    }
  }

  /** Send and parse a JSON body; a body that is not JSON is a clear bad_response error. */
  async function json<T = unknown>(req: HttpRequest): Promise<T> {
    const res = await send(req);
    const text = await res.text();
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new RingsideError(
        'bad_response',
        `${options.service} at ${where} answered ${req.path.split('?')[0]} with something that is not JSON ` +
          `(${JSON.stringify(text.slice(0, 60))}). Is the URL pointing at ${options.service} itself?`,
      );
    }
  }

  return { send, json, where };
}
export type HttpClient = ReturnType<typeof createHttpClient>;

async function statusError(service: string, where: string, res: Response): Promise<RingsideError> {
  const detail = await res.text().then(
    (t) => t.replace(/\s+/g, ' ').slice(0, 200),
    () => '',
  );
  const said = detail ? ` It said: ${detail}` : '';
  switch (res.status) {
    case 401:
      return new RingsideError('unauthorized', `${service} answered 401: the token was rejected. Check the workspace's token.${said}`);
    case 403:
      return new RingsideError('forbidden', `${service} answered 403: the token may not do this. Use a token with admin rights.${said}`);
    case 404:
      return new RingsideError('not_found', `${service} answered 404: not found at ${where}.${said}`);
    case 408:
    case 504:
      return new RingsideError('timeout', `${service} answered ${res.status}: it timed out; try again.${said}`);
    case 429:
      return new RingsideError('rate_limited', `${service} answered 429: too many requests; wait a moment and retry.${said}`);
    default:
      if (res.status >= 300 && res.status < 400) {
        return new RingsideError('bad_response', `${service} at ${where} redirected (${res.status}); check the URL.`);
      }
      if (res.status >= 500) {
        return new RingsideError('unavailable', `${service} answered ${res.status}: the server failed; try again shortly.${said}`);
      }
      return new RingsideError('bad_response', `${service} answered ${res.status}.${said}`);
  }
}
