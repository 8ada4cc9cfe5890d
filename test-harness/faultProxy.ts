import { Agent, createServer, request, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A counting, fault-injecting HTTP proxy in front of a real server, misbehaving on demand the way
 * a broken load balancer, corporate proxy or flaky network would.
 *
 * Faults are rules (`fault(rule)`), checked in the order they were added; the first one that
 * matches the request (and has uses left) applies, otherwise the request passes through.
 * `set(mode)` is the older one-mode API: it replaces all rules with one catch-all rule.
 */

/** Which requests a rule applies to: method (case-insensitive) and a RegExp on the path without the query. */
export interface RequestMatcher {
  method?: string;
  path?: RegExp;
}

export type FaultKind =
  /** Forward untouched (the default when no rule matches). */
  | { kind: 'pass' }
  /** Answer this status without contacting upstream; body defaults to `proxy error`. Headers e.g. `{ 'Retry-After': '30' }`. */
  | { kind: 'status'; status: number; body?: string; headers?: Record<string, string> }
  /** Wait, then forward (not forwarded if the client gave up meanwhile). */
  | { kind: 'delay'; ms: number }
  /** Never answer; the socket is destroyed on clear(), set() or close(). Upstream is not contacted. */
  | { kind: 'hang' }
  /** Destroy the client socket at once, without any response. Upstream is not contacted. */
  | { kind: 'reset' }
  /**
   * Forward, then send upstream's status and headers (with the full body's content-length) and only
   * `bytes` of the body (default: half of it), then destroy the socket.
   */
  | { kind: 'cutoff'; bytes?: number }
  /** Forward and let upstream finish (the write is applied), then destroy the client socket without answering. */
  | { kind: 'applyThenLose' }
  /**
   * GET only: answer with what upstream answered (status, headers, body) the previous time this
   * path+query was proxied successfully (2xx), without contacting upstream; with no such answer yet,
   * pass through (the use still counts toward `times`). Other methods never match a stale rule.
   */
  | { kind: 'stale' }
  /** 200 text/html that is not JSON, like a proxy's sign-in page. Upstream is not contacted. */
  | { kind: 'garbage' };

/** The previous one-mode API's modes, still accepted by set(). */
export type FaultMode = FaultKind;

export type FaultRule = FaultKind & {
  /** Which requests; all when absent. */
  match?: RequestMatcher;
  /** Apply to the next N matching requests only, then pass through; default until cleared. */
  times?: number;
};

export interface FaultHandle {
  /** How many requests this rule has been applied to. */
  readonly hits: number;
  /** Uses left (Infinity when unlimited). */
  readonly remaining: number;
  /** Removes this rule (hung requests it caused stay hung until clear() or close()). */
  remove(): void;
}

export interface ProxiedRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  /** The query string without `?` ('' when none). */
  query: string;
  /** Status line sent to the client (also when a cutoff then cut its body); null while in flight or when none was sent (reset, hang, applyThenLose). */
  status: number | null;
  /** Status upstream answered, when upstream was contacted and answered. */
  upstreamStatus: number | null;
  /** The fault applied ('pass' when none). */
  fault: FaultKind['kind'];
  /** Date.now() when the request arrived. */
  at: number;
  /** Date.now() when it finished or its socket was closed; null while in flight. */
  endedAt: number | null;
}

export interface CountFilter {
  method?: string;
  path?: RegExp;
}

export interface FaultProxy {
  /** http://127.0.0.1:PORT */
  url: string;
  /** Adds a rule; see FaultRule. */
  fault(rule: FaultRule): FaultHandle;
  /** Removes all rules and destroys hung requests' sockets. */
  clear(): void;
  /** Older API: replaces all rules with one catch-all rule (`{ kind: 'pass' }` just clears). */
  set(mode: FaultMode): void;
  /** Requests received since start or resetCounts() (alias of `total`, kept from the older API). */
  readonly requests: number;
  readonly total: number;
  /** Every request received since start or resetCounts(), oldest first. */
  readonly log: readonly ProxiedRequest[];
  /** Requests in the log matching the filter (all when none). */
  count(filter?: CountFilter): number;
  /** Empties the log and counts; maxInFlight restarts from the current inFlight. */
  resetCounts(): void;
  /** Requests received and not yet finished (answered, failed or their socket closed). */
  readonly inFlight: number;
  /** The most requests in flight at once since start or resetCounts(). */
  readonly maxInFlight: number;
  /** Stops listening and destroys every connection, hung or not. Idempotent. */
  close(): Promise<void>;
}

const HOP_BY_HOP = ['connection', 'keep-alive', 'transfer-encoding', 'proxy-connection', 'upgrade'];
const MAX_REMEMBERED_BODY = 16 * 1024 * 1024;

interface Rule {
  rule: FaultRule;
  hits: number;
  remaining: number;
  removed: boolean;
}

interface Remembered {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

function withoutHopByHop(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const out: IncomingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP.includes(name.toLowerCase())) out[name] = value;
  }
  return out;
}

/** Calls `fn` if the client's connection closes before `res` has finished. */
function onClientGone(req: IncomingMessage, res: ServerResponse, fn: () => void): void {
  const socket = req.socket;
  const onClose = (): void => fn();
  socket.once('close', onClose);
  res.once('finish', () => socket.removeListener('close', onClose));
}

function matches(matcher: RequestMatcher | undefined, method: string, path: string): boolean {
  if (!matcher) return true;
  if (matcher.method && matcher.method.toUpperCase() !== method.toUpperCase()) return false;
  if (matcher.path) {
    matcher.path.lastIndex = 0; // a /g or /y RegExp keeps state between test() calls
    if (!matcher.path.test(path)) return false;
  }
  return true;
}

/** Starts a proxy on 127.0.0.1 at a free port in front of `target` (e.g. http://127.0.0.1:4242). */
export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const upstream = new URL(target);
  const agent = new Agent({ keepAlive: true });
  let rules: Rule[] = [];
  let log: ProxiedRequest[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let closed = false;
  const hung = new Set<Socket>();
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const remembered = new Map<string, Remembered>();

  const pick = (method: string, path: string): Rule | undefined => {
    for (const r of rules) {
      if (r.removed || r.remaining <= 0) continue;
      if (r.rule.kind === 'stale' && method !== 'GET') continue;
      if (!matches(r.rule.match, method, path)) continue;
      return r;
    }
    return undefined;
  };

  const destroyHung = (): void => {
    for (const socket of hung) socket.destroy();
    hung.clear();
  };

  /** Sends the request upstream; calls back with the response or an error. */
  const forward = (req: IncomingMessage, res: ServerResponse, onResponse: (up: IncomingMessage) => void, onError: (err: Error) => void): void => {
    const out = request(
      {
        host: upstream.hostname,
        port: upstream.port || 80,
        path: req.url,
        method: req.method,
        headers: { ...withoutHopByHop(req.headers), host: upstream.host },
        agent,
      },
      onResponse,
    );
    out.on('error', onError);
    // The client went away before we answered: a real proxy drops the upstream exchange too.
    onClientGone(req, res, () => out.destroy());
    req.pipe(out);
  };

  const readAll = (stream: IncomingMessage): Promise<Buffer> =>
    new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => resolve(Buffer.concat(chunks)));
      stream.on('error', reject);
      stream.on('close', () => {
        if (!stream.complete) reject(new Error('upstream closed before the end of its body'));
      });
    });

  const badGateway = (res: ServerResponse, err: Error): void => {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    res.writeHead(502, { 'content-type': 'text/plain' }).end(`fault proxy: upstream error: ${err.message}`);
  };

  const passThrough = (req: IncomingMessage, res: ServerResponse, entry: ProxiedRequest, key: string): void => {
    forward(
      req,
      res,
      (up) => {
        entry.upstreamStatus = up.statusCode ?? 502;
        const headers = withoutHopByHop(up.headers);
        res.writeHead(up.statusCode ?? 502, headers);
        const status = up.statusCode ?? 502;
        const rememberThis = req.method === 'GET' && status >= 200 && status < 300;
        const chunks: Buffer[] = [];
        let size = 0;
        up.on('data', (c: Buffer) => {
          if (rememberThis && size <= MAX_REMEMBERED_BODY) {
            chunks.push(c);
            size += c.length;
          }
        });
        up.on('end', () => {
          if (rememberThis && size <= MAX_REMEMBERED_BODY) remembered.set(key, { status, headers, body: Buffer.concat(chunks) });
        });
        up.on('close', () => {
          if (!up.complete) res.destroy();
        });
        up.pipe(res);
      },
      (err) => badGateway(res, err),
    );
  };

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const method = (req.method ?? 'GET').toUpperCase();
    const rawUrl = req.url ?? '/';
    const q = rawUrl.indexOf('?');
    const path = q === -1 ? rawUrl : rawUrl.slice(0, q);
    const query = q === -1 ? '' : rawUrl.slice(q + 1);
    const key = rawUrl;
    const entry: ProxiedRequest = { method, path, query, status: null, upstreamStatus: null, fault: 'pass', at: Date.now(), endedAt: null };
    log.push(entry);
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    let done = false;
    const finished = (): void => {
      if (done) return;
      done = true;
      inFlight -= 1;
      entry.endedAt = Date.now();
      if (res.headersSent) entry.status = res.statusCode;
    };
    res.on('finish', () => {
      entry.status = res.statusCode;
      finished();
    });
    res.on('close', finished);

    const chosen = pick(method, path);
    if (chosen) {
      chosen.hits += 1;
      chosen.remaining -= 1;
    }
    const rule: FaultKind = chosen?.rule ?? { kind: 'pass' };
    entry.fault = rule.kind;

    switch (rule.kind) {
      case 'pass':
        return passThrough(req, res, entry, key);
      case 'status': {
        req.resume();
        const headers: Record<string, string> = { 'content-type': 'text/plain', ...rule.headers };
        res.writeHead(rule.status, headers).end(rule.body ?? 'proxy error');
        return;
      }
      case 'garbage':
        req.resume();
        res.writeHead(200, { 'content-type': 'text/html' }).end('<html>Sign in to the proxy</html>');
        return;
      case 'delay': {
        const timer = setTimeout(() => {
          timers.delete(timer);
          if (done || req.destroyed) return;
          passThrough(req, res, entry, key);
        }, rule.ms);
        timers.add(timer);
        return;
      }
      case 'hang': {
        req.resume();
        const socket = req.socket;
        hung.add(socket);
        socket.once('close', () => hung.delete(socket));
        return;
      }
      case 'reset':
        req.socket.destroy();
        return;
      case 'stale': {
        const previous = remembered.get(key);
        if (!previous) return passThrough(req, res, entry, key);
        req.resume();
        res.writeHead(previous.status, { ...previous.headers, 'content-length': String(previous.body.length) }).end(previous.body);
        return;
      }
      case 'cutoff':
        forward(
          req,
          res,
          (up) => {
            entry.upstreamStatus = up.statusCode ?? 502;
            readAll(up).then(
              (body) => {
                const headers = withoutHopByHop(up.headers);
                if (headers['content-length'] === undefined) headers['content-length'] = String(body.length);
                const full = Number(headers['content-length']);
                const bytes = Math.max(0, Math.min(rule.bytes ?? Math.floor(body.length / 2), body.length, full > 0 ? full - 1 : 0));
                res.writeHead(up.statusCode ?? 502, headers);
                res.flushHeaders();
                const cut = (): void => {
                  // Give the partial body a moment to leave before the socket goes.
                  const timer = setTimeout(() => {
                    timers.delete(timer);
                    res.socket?.destroy();
                  }, 20);
                  timers.add(timer);
                };
                if (bytes > 0) res.write(body.subarray(0, bytes), cut);
                else cut();
              },
              () => res.destroy(),
            );
          },
          (err) => badGateway(res, err),
        );
        return;
      case 'applyThenLose':
        forward(
          req,
          res,
          (up) => {
            entry.upstreamStatus = up.statusCode ?? 502;
            readAll(up).then(
              () => req.socket.destroy(),
              () => req.socket.destroy(),
            );
          },
          () => req.socket.destroy(),
        );
        return;
    }
  };

  const server = createServer(handle);
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  // A client that vanishes mid-request must not crash the test process.
  server.on('clientError', (_err, socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  const clear = (): void => {
    for (const r of rules) r.removed = true;
    rules = [];
    destroyHung();
  };

  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    fault(rule: FaultRule): FaultHandle {
      if (closed) throw new Error('fault proxy is closed');
      if (rule.times !== undefined && (!Number.isInteger(rule.times) || rule.times < 0)) throw new Error(`times must be a whole number ≥ 0, got ${rule.times}`);
      const entry: Rule = { rule, hits: 0, remaining: rule.times ?? Number.POSITIVE_INFINITY, removed: false };
      rules.push(entry);
      return {
        get hits() {
          return entry.hits;
        },
        get remaining() {
          return entry.removed ? 0 : entry.remaining;
        },
        remove() {
          entry.removed = true;
          rules = rules.filter((r) => r !== entry);
        },
      };
    },
    clear,
    set(mode: FaultMode) {
      clear();
      if (mode.kind !== 'pass') rules.push({ rule: mode, hits: 0, remaining: Number.POSITIVE_INFINITY, removed: false });
    },
    get requests() {
      return log.length;
    },
    get total() {
      return log.length;
    },
    get log() {
      return log;
    },
    count(filter?: CountFilter) {
      return log.filter((e) => matches(filter, e.method, e.path)).length;
    },
    resetCounts() {
      log = [];
      maxInFlight = inFlight;
    },
    get inFlight() {
      return inFlight;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        closed = true;
        clear();
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
        server.closeAllConnections();
        agent.destroy();
      });
      return closing;
    },
  };
}
