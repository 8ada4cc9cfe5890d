import type { ServerResponse } from 'node:http';
import { fail, type ErrorCode } from '../../src-shared/ipc/result';

/** Everything under /api/ answers in JSON, errors included: a script reading the answer never meets an HTML or text page. */
export const API_PREFIX = '/api/';

/**
 * One whole answer with its length. A request whose body has not been read is answered with
 * `connection: close`, so the rest of a body we refused is not read off the wire afterwards.
 */
export function sendText(res: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const close = res.req && !res.req.complete ? { connection: 'close' } : {};
  res.writeHead(status, {
    'content-type': type,
    'content-length': String(Buffer.byteLength(body)),
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
    ...close,
    ...headers,
  });
  res.end(body);
}

export function sendJson(res: ServerResponse, status: number, value: unknown, headers?: Record<string, string>): void {
  sendText(res, status, 'application/json; charset=utf-8', JSON.stringify(value), headers);
}

/** An error in the contract's own envelope, as /api/invoke answers them. */
export function sendError(res: ServerResponse, status: number, code: ErrorCode, message: string, headers?: Record<string, string>): void {
  sendJson(res, status, fail(code, message), headers);
}
