import { STATUS_CODES, type IncomingMessage, type Server, type ServerOptions, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { fail } from '../../src-shared/ipc/result';
import { sendError } from './reply';

/** What one client may hold of the server: a loopback console has a few tabs, not a crowd. */
export interface ServeLimits {
  /** open connections at once (WebSockets included); one more is accepted by the kernel and closed at once */
  maxConnections: number;
  /** from connecting (or the end of the last answer) to the end of the request headers */
  headersTimeoutMs: number;
  /** from connecting to the end of the request body; at least headersTimeoutMs */
  requestTimeoutMs: number;
  /** how long an idle keep-alive connection stays open (Node adds a second of grace) */
  keepAliveTimeoutMs: number;
  /** requests one connection may carry; the last answer says `connection: close` and the server closes it */
  maxRequestsPerSocket: number;
  /**
   * How often the two timeouts are checked. Node's default, 30 s, lets a slow client stay up to
   * 30 s past its timeout; once a second costs a walk over at most maxConnections sockets.
   */
  checkEveryMs: number;
  /** the largest /api/invoke body */
  maxBodyBytes: number;
}

export const SERVE_LIMITS: ServeLimits = {
  maxConnections: 64,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  maxRequestsPerSocket: 1_000,
  checkEveryMs: 1_000,
  maxBodyBytes: 1024 * 1024,
};

export function resolveLimits(given: Partial<ServeLimits> = {}): ServeLimits {
  const limits = { ...SERVE_LIMITS, ...given };
  return { ...limits, requestTimeoutMs: Math.max(limits.requestTimeoutMs, limits.headersTimeoutMs) };
}

/** The options node:http takes at creation (the checking interval cannot be changed later). */
export function serverOptions(limits: ServeLimits): ServerOptions {
  return {
    connectionsCheckingInterval: limits.checkEveryMs,
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    // Node's own refusal of a request without Host is an empty 400; the Host check answers it (421, in JSON on /api).
    requireHostHeader: false,
  };
}

/** The answers Node would give to a request it could not parse or that came too slowly, in JSON. */
function clientErrorAnswer(code: string | undefined, limits: ServeLimits): { status: number; body: string } {
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;
    const message = `request: not received in time (headers within ${seconds(limits.headersTimeoutMs)}, the whole request within ${seconds(limits.requestTimeoutMs)}); the connection is closed`;
    return { status: 408, body: JSON.stringify(fail('timeout', message)) };
  }
  if (code === 'HPE_HEADER_OVERFLOW') return { status: 431, body: JSON.stringify(fail('bad_request', 'request: the headers are too large')) };
  return { status: 400, body: JSON.stringify(fail('bad_request', 'request: not a well-formed HTTP/1.1 request')) };
}

/**
 * Apply the limits Node cannot take as options and answer client errors in JSON. Node's own
 * maxRequestsPerSocket is not used: past it Node keeps the socket open and answers 503 with no
 * body; here the last allowed answer closes the connection.
 */
export function guardServer(server: Server, limits: ServeLimits): { admit(req: IncomingMessage, res: ServerResponse): boolean } {
  server.maxConnections = limits.maxConnections;
  const served = new WeakMap<Duplex, { count: number; open: Set<ServerResponse> }>();

  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    const state = served.get(socket);
    // Mid-answer (or gone; pipelined answers go out in order) there is no room for another response: drop the connection.
    const answering = [...(state?.open ?? [])].some((res) => res.headersSent);
    if (error.code === 'ECONNRESET' || !socket.writable || answering) return void socket.destroy();
    const { status, body } = clientErrorAnswer(error.code, limits);
    const head = [
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}`,
      'content-type: application/json; charset=utf-8',
      `content-length: ${Buffer.byteLength(body)}`,
      'x-content-type-options: nosniff',
      'connection: close',
    ];
    socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
    socket.once('finish', () => socket.destroy());
    // a client that reads nothing never lets 'finish' come
    setTimeout(() => socket.destroy(), 1_000).unref();
  });

  // An Expect other than 100-continue: Node would answer an empty 417.
  server.on('checkExpectation', (_req: IncomingMessage, res: ServerResponse) =>
    sendError(res, 417, 'bad_request', 'request: the only Expect this server meets is 100-continue', { connection: 'close' }),
  );

  return {
    /** Count a request on its connection; false: past the limit (pipelined after the closing answer), not to be run. */
    admit(req, res) {
      const state = served.get(req.socket) ?? { count: 0, open: new Set<ServerResponse>() };
      served.set(req.socket, state);
      state.count += 1;
      if (state.count > limits.maxRequestsPerSocket) {
        sendError(res, 503, 'unavailable', 'request: this connection has carried its last request; send it again on a new connection', { connection: 'close' });
        return false;
      }
      state.open.add(res);
      res.once('close', () => state.open.delete(res));
      if (state.count === limits.maxRequestsPerSocket) res.setHeader('connection', 'close');
      return true;
    },
  };
}
