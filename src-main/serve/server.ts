import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Core } from '../core/createCore';
import { checkRequest, newToken, sessionCookie } from './auth';
import { createEventSocket } from './eventSocket';
import { readStatic } from './staticFiles';
import { sendExport } from './exportFiles';
import { EXPORT_ROUTE } from '../core/audit/auditService';
import { pruneExports } from '../core/audit/exportRetention';
import { maskSecrets } from '../core/security/secretMask';
import { fail, type ErrorCode } from '../../src-shared/ipc/result';
import { CSP } from '../security/csp';
import { guardServer, resolveLimits, serverOptions, type ServeLimits } from './limits';
import { INVOKE, invoke, workspaceScope } from './invoke';
import { API_PREFIX, sendError, sendText } from './reply';

export { WORKSPACE_HEADER } from './invoke';
export type { ServeLimits } from './limits';

export interface ServeOptions {
  core: Core;
  rendererDir: string;
  port?: number;
  token?: string;
  /** the data folder's exports/, offered for download under /api/exports/ (each file removed once downloaded) */
  exportsDir?: string;
  /** how often the core polls its backends, told to pages in the heartbeat */
  pollMs?: number;
  heartbeatMs?: number;
  /** timeouts, connection cap and keep-alive limits; tests shorten them (defaults: SERVE_LIMITS) */
  limits?: Partial<ServeLimits>;
  /** where an unexpected error is written (stderr by default); the client only learns that one happened */
  log?: (message: string) => void;
}

export interface RunningServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/**
 * The request target as a path on this server. Only origin-form (`/path?query`) is taken: an
 * absolute or scheme-relative target (`//host/…`) must not make the URL parser pick another host.
 */
function requestUrl(raw: string | undefined): URL | null {
  if (!raw?.startsWith('/')) return null;
  try {
    return new URL(`http://127.0.0.1${raw}`);
  } catch {
    return null;
  }
}

/** The core over loopback HTTP + WebSocket: only 127.0.0.1, only with the access token. */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const token = options.token ?? newToken();
  const limits = resolveLimits(options.limits);
  const log = options.log ?? ((message: string) => console.error(message));
  const sockets = createEventSocket(options.core.bus, { pollMs: options.pollMs, heartbeatMs: options.heartbeatMs });
  let port = 0;

  const server = createServer(serverOptions(limits), (req, res) => {
    if (!guard.admit(req, res)) return;
    handle(req, res).catch((error: unknown) => {
      log(`serve: ${req.method} ${(req.url ?? '').slice(0, 200)}: ${maskSecrets(error instanceof Error ? (error.stack ?? error.message) : String(error))}`);
      if (res.headersSent) return void res.destroy();
      if (req.url?.startsWith(API_PREFIX)) return sendError(res, 500, 'internal', 'Ringside hit an unexpected error serving this request; the serve log has the details.');
      sendText(res, 500, 'text/plain; charset=utf-8', 'Ringside hit an unexpected error serving this page; the serve log has the details.');
    });
  });
  const guard = guardServer(server, limits);

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = requestUrl(req.url);
    if (!url) return sendError(res, 400, 'bad_request', 'request: the target must be a path on this server, such as /api/invoke/<channel>');
    const api = url.pathname.startsWith(API_PREFIX);
    const verdict = checkRequest(req, url, port, token);
    if (!verdict.ok) {
      const code = verdict.status === 401 ? 'unauthorized' : 'forbidden';
      return api ? sendError(res, verdict.status, code, verdict.reason) : sendText(res, verdict.status, 'text/plain; charset=utf-8', verdict.reason);
    }
    if (url.pathname.startsWith(INVOKE)) return invoke(options.core, req, res, url.pathname.slice(INVOKE.length), limits.maxBodyBytes);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return api
        ? sendError(res, 405, 'bad_request', `request: ${url.pathname.slice(0, 80)} takes GET`, { allow: 'GET, HEAD' })
        : sendText(res, 405, 'text/plain; charset=utf-8', 'Method not allowed', { allow: 'GET, HEAD' });
    }
    if (url.pathname.startsWith(EXPORT_ROUTE)) return sendExport(req, res, options.exportsDir, url.pathname.slice(EXPORT_ROUTE.length));
    if (api) return sendError(res, 404, 'not_found', `request: nothing is served at ${url.pathname.slice(0, 80)}`);
    if (verdict.viaQuery) {
      // Trade the token in the address for a strict same-site cookie, then drop it from the address.
      url.searchParams.delete('token');
      res.writeHead(303, { 'set-cookie': sessionCookie(token), location: url.pathname + url.search });
      return res.end();
    }
    const file = await readStatic(options.rendererDir, url.pathname);
    if (!file) return sendText(res, 404, 'text/plain; charset=utf-8', 'Not found (was the renderer built? run `npm run build`)');
    res.writeHead(200, {
      'content-type': file.type,
      'content-security-policy': CSP,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': file.isIndex ? 'no-store' : 'max-age=300',
    });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

  /** Only /api/events upgrades; any other refusal is answered like every /api error, in JSON. */
  const refuseUpgrade = (socket: Duplex, status: number, code: ErrorCode, message: string) => {
    const body = JSON.stringify(fail(code, message));
    const head = `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/json; charset=utf-8\r\nx-content-type-options: nosniff\r\n`;
    socket.end(`${head}connection: close\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  };

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    try {
      const url = requestUrl(req.url);
      if (!url) return refuseUpgrade(socket, 400, 'bad_request', 'request: the target must be a path on this server, such as /api/events');
      const verdict = checkRequest(req, url, port, token);
      if (!verdict.ok) return refuseUpgrade(socket, verdict.status, verdict.status === 401 ? 'unauthorized' : 'forbidden', verdict.reason);
      if (url.pathname !== '/api/events') return refuseUpgrade(socket, 404, 'not_found', 'request: only /api/events takes a WebSocket');
      const scope = workspaceScope(url.searchParams.get('workspace'));
      if (scope === undefined) return refuseUpgrade(socket, 400, 'bad_request', 'workspace: must be a workspace id (lowercase letters, digits and dashes)');
      sockets.upgrade(req, socket, head, scope ?? options.core.defaultWorkspace());
    } catch (error) {
      // An exception here would escape the server's event handler and end the process.
      log(`serve: upgrade ${(req.url ?? '').slice(0, 200)}: ${maskSecrets(error instanceof Error ? error.message : String(error))}`);
      socket.destroy();
    }
  });

  if (options.exportsDir) pruneExports(options.exportsDir);
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
