import type { Agent } from 'node:http';
import fetch, { type RequestInit, type Response } from 'node-fetch';
import { RingsideError } from '../../../src-shared/ipc/result';
import { registerBasicAuth } from '../../core/security/secretMask';
import { causeOf, looksLike, scrubbed, statusError, tlsProblem } from './httpErrors';
import { redactUrl, registerCredentialHeaders, safeDecode } from './redact';
import { backoffDelay, defaultRetry, parseRetryAfter, RETRYABLE, type RetryOptions } from './retryPolicy';

export interface HttpClientOptions {
  /** Shown in every message, e.g. "Unleash" or "Prometheus". */
  service: string;
  baseUrl: string;
  headers?: () => Record<string, string>;
  timeoutMs?: number;
  retry?: RetryOptions;
  sleep?: (ms: number) => Promise<void>;
  /** e.g. an https.Agent carrying a cluster's CA and client certificate */
  agent?: Agent;
  /**
   * A service-specific error for a non-2xx answer (body read as text); null falls back to the generic
   * one. The body is raw: reduce it with upstreamMessage (./redact), never quote it.
   */
  explain?: (status: number, body: string, req: HttpRequest) => RingsideError | null;
}

export interface HttpRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  body?: unknown;
  contentType?: string;
  /** Safe to send twice; only idempotent requests are retried after a 5xx. */
  idempotent?: boolean;
}

/** An answer cut off mid-stream: the one bad_response worth asking for again. */
class CutOff extends RingsideError {}

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** HTTP with a timeout, bounded retries on 408/429/5xx and errors a person can act on. */
export function createHttpClient(options: HttpClientOptions) {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const retry = options.retry ?? defaultRetry;
  const sleep = options.sleep ?? sleepFor;
  const base = options.baseUrl.replace(/\/+$/, '');
  const where = (() => {
    let url: URL;
    try {
      url = new URL(base);
    } catch {
      throw scrubbed(new RingsideError('bad_request', `${options.service} URL "${redactUrl(base).slice(0, 200)}" is not a valid URL.`));
    }
    // Credentials inside a URL would be echoed by every tool that prints it (node-fetch refuses them too).
    if (url.username || url.password) {
      registerBasicAuth(safeDecode(url.username), safeDecode(url.password));
      throw scrubbed(
        new RingsideError(
          'bad_request',
          `${options.service} URL ${url.protocol}//${url.host}${url.pathname === '/' ? '' : url.pathname} carries a user name or password; ` +
            "Ringside never sends credentials inside a URL. Remove them from the URL and give them as the connection's token or sign-in instead.",
        ),
      );
    }
    // Paths are appended to the base: a query or fragment in it would swallow them ("?x=y/api/admin/…").
    if (url.search || url.hash || base.includes('?') || base.includes('#')) {
      throw scrubbed(
        new RingsideError(
          'bad_request',
          `${options.service} URL "${url.origin}${url.pathname}…" must not have a query string or fragment; give the server's base address only.`,
        ),
      );
    }
    return url.host;
  })();
  // Whatever credential the client sends (Unleash token, Bearer, Basic) is masked in every message.
  const registered = new Set<string>();
  const headersOf = () => registerCredentialHeaders(options.headers?.() ?? {}, registered);
  try {
    headersOf();
  } catch {
    // a header that cannot be built yet is registered on the first request, which fails with its own words
  }

  /** One attempt; a network failure is thrown as a RingsideError marked by whether a retry may help. */
  async function once(req: HttpRequest): Promise<Response> {
    const init: RequestInit = {
      method: req.method ?? 'GET',
      headers: {
        accept: 'application/json',
        ...(req.body !== undefined ? { 'content-type': req.contentType ?? 'application/json' } : {}),
        ...headersOf(),
      },
      body: req.body === undefined ? undefined : typeof req.body === 'string' ? req.body : JSON.stringify(req.body),
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'manual',
      agent: options.agent,
    };
    try {
      return await fetch(`${base}${req.path}`, init);
    } catch (error) {
      throw networkError(error);
    }
  }

  function networkError(error: unknown): RingsideError {
    const name = (error as { name?: string }).name;
    if (name === 'AbortError' || name === 'TimeoutError') {
      return new RingsideError('timeout', `${options.service} at ${where} did not answer within ${timeoutMs / 1000} s.`);
    }
    const code = causeOf(error);
    const tls = tlsProblem(code);
    if (tls) return scrubbed(new RingsideError('unavailable', `${options.service} at ${where}: ${tls} (${code}).`));
    return scrubbed(new RingsideError('unavailable', `${options.service} at ${where} cannot be reached (${code}). Is it running?`));
  }

  /**
   * Send a request; the Response is returned for 2xx, every other outcome throws RingsideError.
   * Idempotent requests (every GET, and writes marked so, such as a kill) are sent again after a
   * connection reset, a timeout (once) or a retryable status; a 429 is waited out whatever the
   * method, since the server did not act on it. A wait the server asks for beyond what a request
   * may wait fails the request with that wait attached, for the poll loop to honour.
   */
  async function send(req: HttpRequest): Promise<Response> {
    const retryable = req.idempotent ?? (req.method ?? 'GET') === 'GET';
    let timeouts = 0;
    for (let attempt = 0; ; attempt += 1) {
      let res: Response;
      try {
        res = await once(req);
      } catch (error) {
        const failure = error as RingsideError;
        if (failure.code === 'timeout') timeouts += 1;
        const again = retryable && attempt < retry.retries && !/TLS|certificate/.test(failure.message) && timeouts <= 1;
        if (!again) throw failure;
        await sleep(backoffDelay(attempt, null, retry) ?? 0);
        continue;
      }
      if (res.ok) return res;
      const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'));
      const canRetry = attempt < retry.retries && RETRYABLE.has(res.status) && (retryable || res.status === 429);
      const wait = canRetry ? backoffDelay(attempt, retryAfterMs, retry) : null;
      if (wait === null) throw await failure(res, req, retryAfterMs);
      await res.arrayBuffer().catch(() => undefined);
      await sleep(wait);
    }
  }

  /** The whole body as text; a body cut off mid-stream is a bad_response, not an internal error. */
  async function bodyText(res: Response, req: HttpRequest): Promise<string> {
    try {
      return await res.text();
    } catch (error) {
      throw scrubbed(
        new CutOff(
          'bad_response',
          `${options.service} at ${where} cut off its answer to ${req.path.split('?')[0]} before the end (${causeOf(error)}); nothing was read from it.`,
        ),
      );
    }
  }

  /** Send and parse a JSON body; a body that is not JSON is a clear bad_response error. */
  async function json<T = unknown>(req: HttpRequest): Promise<T> {
    let text: string;
    try {
      text = await bodyText(await send(req), req);
    } catch (error) {
      // An answer cut off mid-stream is asked for once more when asking twice is safe.
      const safe = req.idempotent ?? (req.method ?? 'GET') === 'GET';
      if (!(safe && error instanceof CutOff)) throw error;
      text = await bodyText(await send(req), req);
    }
    try {
      return JSON.parse(text) as T;
    } catch {
      // Described, not quoted: a proxy's page may reflect the request, Authorization header included.
      throw scrubbed(
        new RingsideError(
          'bad_response',
          `${options.service} at ${where} answered ${req.path.split('?')[0]} with something that is not JSON ` +
            `(${looksLike(text)}). Is the URL pointing at ${options.service} itself?`,
        ),
      );
    }
  }

  async function failure(res: Response, req: HttpRequest, retryAfterMs: number | null): Promise<RingsideError> {
    const body = await res.text().catch(() => '');
    const explained = options.explain?.(res.status, body, req) ?? statusError(options.service, where, res.status, body, retryAfterMs);
    return scrubbed(
      explained.retryAfterMs === null && retryAfterMs !== null
        ? new RingsideError(explained.code, explained.message, retryAfterMs, explained.permission)
        : explained,
    );
  }

  return { send, json, where };
}
export type HttpClient = ReturnType<typeof createHttpClient>;

export { UpstreamError } from './httpErrors';
