import { RingsideError, type ErrorCode } from '../../../src-shared/ipc/result';
import { redactText, upstreamMessage, type UpstreamMessage } from './redact';

/** A non-2xx answer: its status and what the upstream's error field said, already reduced and masked. */
export class UpstreamError extends RingsideError {
  constructor(
    code: ErrorCode,
    message: string,
    readonly status: number,
    readonly upstream: UpstreamMessage | null,
    retryAfterMs: number | null = null,
  ) {
    super(code, message, retryAfterMs, upstream?.permission);
    this.name = 'UpstreamError';
  }
}

/**
 * The last pass over every message this client lets out: URLs redacted, registered secrets masked.
 * The message is replaced in place so the error keeps its class (ContinueExpiredError, CutOff…).
 */
export function scrubbed<E extends Error>(error: E): E {
  error.message = redactText(error.message);
  return error;
}

/** A network error's code as text, or a redacted message when it has none (node-fetch quotes the URL). */
export const causeOf = (error: unknown) => {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^[A-Z0-9_]{2,60}$/.test(code) ? code : redactText(String((error as Error).message ?? error));
};

/** What a body that should have been JSON looks like, without quoting it (it may echo the request). */
export function looksLike(text: string): string {
  const start = text.trimStart().slice(0, 200).toLowerCase();
  if (!start) return 'an empty body';
  if (start.startsWith('<!doctype html') || start.startsWith('<html') || /<(head|body|title)\b/.test(start)) return 'an HTML page';
  if (start.startsWith('<')) return 'XML or HTML';
  return 'plain text';
}

/** What a TLS handshake failure means for the person configuring the connection, or null. */
export function tlsProblem(code: string): string | null {
  if (/SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|CERT_SIGNATURE_FAILURE|CERT_UNTRUSTED/.test(code)) {
    return 'its TLS certificate is not signed by the certificate authority Ringside was given; check the CA of this connection';
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return 'its TLS certificate is for another host name; check the server URL and any TLS server name given';
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') return 'its TLS certificate is expired or not yet valid';
  if (/^ERR_SSL_|^EPROTO$/.test(code)) return 'the TLS handshake failed; check that the URL is https and the client certificate and key match';
  return null;
}

/** The server's wait in words: "it asks to wait 30 s". */
const askedWait = (ms: number | null) => (ms === null ? '' : ` It asks to wait ${Math.ceil(ms / 1000)} s.`);

/** The generic error for a status; the body is reduced to the service's error field, or dropped. */
export function statusError(service: string, where: string, status: number, body: string, retryAfterMs: number | null): UpstreamError {
  const upstream = upstreamMessage(body, service);
  const said = upstream?.text ? ` It said: ${upstream.text}` : '';
  const error = (code: ErrorCode, message: string) => new UpstreamError(code, message, status, upstream, retryAfterMs);
  switch (status) {
    case 401:
      return error('unauthorized', `${service} answered 401: the token was rejected. Check the workspace's token.${said}`);
    case 403:
      return error(
        'forbidden',
        upstream?.permission
          ? `${service} answered 403: the token lacks the permission ${upstream.permission}.${said}`
          : `${service} answered 403: the token may not do this. Use a token with admin rights.${said}`,
      );
    case 404:
      return error('not_found', `${service} answered 404: not found at ${where}.${said}`);
    case 408:
    case 504:
      return error('timeout', `${service} answered ${status}: it timed out; try again.${said}`);
    case 429:
      return error('rate_limited', `${service} answered 429: it is rate limiting Ringside.${askedWait(retryAfterMs)}${said}`);
    default:
      if (status >= 300 && status < 400) return error('bad_response', `${service} at ${where} redirected (${status}); check the URL.`);
      if (status >= 500) return error('unavailable', `${service} answered ${status}: the server failed; try again shortly.${askedWait(retryAfterMs)}${said}`);
      return error('bad_response', `${service} answered ${status}.${said}`);
  }
}
