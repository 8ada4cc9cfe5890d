import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Core } from '../core/createCore';
import { checkRequest, newToken, sessionCookie } from './auth';
import { createEventSocket } from './eventSocket';
import { readStatic } from './staticFiles';
import { sendExport } from './exportFiles';
import { EXPORT_ROUTE } from '../core/audit/auditService';
import { fail } from '../../src-shared/ipc/result';
import { CSP } from '../security/csp';

const MAX_BODY = 1024 * 1024;
/** The workspace a page works in (its own ?workspace= address), sent with every call; absent: the default one. */
export const WORKSPACE_HEADER = 'x-ringside-workspace';
const WORKSPACE_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** null: the default workspace; undefined: not a workspace id. */
function workspaceScope(raw: string | string[] | null | undefined): string | null | undefined {
  if (raw === undefined || raw === null || raw === '') return null;
  return typeof raw === 'string' && WORKSPACE_ID.test(raw) ? raw : undefined;
}
const INVOKE = '/api/invoke/';

export interface ServeOptions {
  core: Core;
  rendererDir: string;
  port?: number;
  token?: string;
  /** the data folder's exports/, offered for download under /api/exports/ */
  exportsDir?: string;
  /** how often the core polls its backends, told to pages in the heartbeat */
  pollMs?: number;
  heartbeatMs?: number;
  /** how long a client may take to send its request headers (slow-header clients are cut off) */
  headersTimeoutMs?: number;
}

/** At most this many connections at once: a loopback console has a few tabs, not a crowd. */
const MAX_CONNECTIONS = 64;
const HEADERS_TIMEOUT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 30_000;

export interface RunningServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/** The core over loopback HTTP + WebSocket: only 127.0.0.1, only with the access token. */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const token = options.token ?? newToken();
  const sockets = createEventSocket(options.core.bus, { pollMs: options.pollMs, heartbeatMs: options.heartbeatMs });
  let port = 0;

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      if (!res.headersSent) send(res, 500, 'text/plain', `Ringside serve error: ${String(error)}`);
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const verdict = checkRequest(req, url, port, token);
    if (!verdict.ok) return send(res, verdict.status, 'text/plain; charset=utf-8', verdict.reason);
    if (url.pathname.startsWith(INVOKE)) return invoke(req, res, url.pathname.slice(INVOKE.length));
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'Method not allowed');
    if (url.pathname.startsWith(EXPORT_ROUTE)) return sendExport(req, res, options.exportsDir, url.pathname.slice(EXPORT_ROUTE.length));
    if (verdict.viaQuery) {
      // Trade the token in the address for a strict same-site cookie, then drop it from the address.
      url.searchParams.delete('token');
      res.writeHead(303, { 'set-cookie': sessionCookie(token), location: url.pathname + url.search });
      return res.end();
    }
    const file = await readStatic(options.rendererDir, url.pathname);
    if (!file) return send(res, 404, 'text/plain', 'Not found (was the renderer built? run `npm run build`)');
    res.writeHead(200, {
      'content-type': file.type,
      'content-security-policy': CSP,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': file.isIndex ? 'no-store' : 'max-age=300',
    });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

  async function invoke(req: IncomingMessage, res: ServerResponse, encoded: string) {
    if (req.method !== 'POST') return send(res, 405, 'text/plain', 'Use POST for /api/invoke');
    // Only JSON: a form or text/plain POST (what a page of another site could send) is refused.
    const type = req.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/json') {
      req.resume();
      return json(res, 415, fail('bad_request', 'request: send the payload as application/json'));
    }
    let channel: string;
    try {
      channel = decodeURIComponent(encoded);
    } catch {
      req.resume();
      return json(res, 400, fail('bad_request', `channel: "${encoded.slice(0, 80)}" is not a valid channel name (bad percent-encoding)`));
    }
    const body = await readBody(req);
    if (body === null) return json(res, 413, fail('bad_request', `request: body larger than ${MAX_BODY} bytes`));
    let payload: unknown;
    try {
      payload = body.length ? JSON.parse(body) : {};
    } catch {
      return json(res, 400, fail('bad_request', `${channel.slice(0, 80)}: request body is not valid JSON`));
    }
    const scope = workspaceScope(req.headers[WORKSPACE_HEADER]);
    if (scope === undefined) return json(res, 400, fail('bad_request', `${WORKSPACE_HEADER}: must be a workspace id (lowercase letters, digits and dashes)`));
    const result = await options.core.dispatch(channel, payload, scope);
    const status = result.ok ? 200 : result.error.code === 'bad_request' ? 400 : result.error.code === 'unknown_channel' ? 404 : 200;
    json(res, status, result);
  }

  server.headersTimeout = options.headersTimeoutMs ?? HEADERS_TIMEOUT_MS;
  server.requestTimeout = Math.max(REQUEST_TIMEOUT_MS, server.headersTimeout);
  server.maxConnections = MAX_CONNECTIONS;

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const verdict = checkRequest(req, url, port, token);
    if (!verdict.ok || url.pathname !== '/api/events') {
      const status = verdict.ok ? 404 : verdict.status;
      socket.end(`HTTP/1.1 ${status} Refused\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
      return;
    }
    const scope = workspaceScope(url.searchParams.get('workspace'));
    if (scope === undefined) {
      socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    sockets.upgrade(req, socket, head, scope ?? options.core.defaultWorkspace());
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => {
      sockets.close();
      reject(error);
    });
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise((resolve) => {
        sockets.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        // Stop keeping the body but let it drain, so the 413 can still be written.
        chunks.length = 0;
        req.removeAllListeners('data');
        req.resume();
        resolve(null);
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, type: string, body: string) {
  res.writeHead(status, { 'content-type': type, 'x-content-type-options': 'nosniff' });
  res.end(body);
}

function json(res: ServerResponse, status: number, value: unknown) {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));
}
