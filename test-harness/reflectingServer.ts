/**
 * A hostile upstream for tests: a loopback HTTP server that answers every request with an error
 * status and a body that reflects the request back (its method, URL and every header, the
 * Authorization header included), as a misconfigured proxy or a debugging endpoint does.
 *
 * The body's shape is chosen per test:
 * - `native`: the error shape of the API the path belongs to, with the reflection INSIDE its known
 *   error field, so even the one field Ringside keeps carries the secret:
 *   Prometheus (`/api/v1/…`) `{status:"error", errorType, error}`; Unleash (`/api/admin/…`)
 *   `{name, message, details, permissions?}`; Kubernetes (`/api/v1/namespaces`, `/apis/…`) a `Status`.
 * - `html`: an HTML error page with the headers in a <pre>.
 * - `text`: the headers as plain text.
 * - `json`: an unknown JSON shape `{ request: { headers } }`.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ReflectShape = 'native' | 'html' | 'text' | 'json';

export interface ReflectingServer {
  url: string;
  port: number;
  /** the status and shape of every answer from now on */
  answer(status: number, shape: ReflectShape): void;
  /** how many requests arrived (a test checks that the providers really asked) */
  readonly hits: number;
  stop(): Promise<void>;
}

const REASONS: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 500: 'Internal Server Error' };

function reflection(req: IncomingMessage): string {
  const lines = [`${req.method} ${req.url} HTTP/${req.httpVersion}`];
  for (let i = 0; i < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
  return lines.join('\n');
}

/** The API's own error body with the reflected request inside its error field. */
function native(status: number, req: IncomingMessage, echoed: string): unknown {
  const path = req.url ?? '/';
  if (path.startsWith('/api/v1/query')) {
    const errorType = status === 400 ? 'bad_data' : status >= 500 ? 'internal' : 'unavailable';
    return { status: 'error', errorType, error: `upstream rejected the request: ${echoed}` };
  }
  if (path.startsWith('/api/admin')) {
    const name = status === 401 ? 'AuthenticationRequired' : status === 403 ? 'PermissionError' : status === 400 ? 'BadDataError' : 'InternalError';
    return {
      id: 'reflect-1',
      name,
      message: `request was: ${echoed}`,
      details: [{ message: `headers: ${echoed}` }],
      ...(status === 403 ? { permissions: ['UPDATE_FEATURE_ENVIRONMENT'] } : {}),
    };
  }
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message:
      status === 403
        ? `rollouts.argoproj.io is forbidden: User "system:anonymous" cannot list resource "rollouts" in API group "argoproj.io" in the namespace "shop"; request was: ${echoed}`
        : `request was: ${echoed}`,
    reason: status === 401 ? 'Unauthorized' : status === 403 ? 'Forbidden' : status === 400 ? 'BadRequest' : 'InternalError',
    details: { group: 'argoproj.io', kind: 'rollouts' },
    code: status,
  };
}

export async function startReflectingServer(): Promise<ReflectingServer> {
  let status = 500;
  let shape: ReflectShape = 'native';
  let hits = 0;
  const server: Server = createServer((req, res) => {
    hits += 1;
    req.resume();
    req.on('end', () => {
      const echoed = reflection(req);
      if (shape === 'html') {
        res.writeHead(status, { 'content-type': 'text/html' });
        res.end(`<!DOCTYPE html><html><head><title>${status} ${REASONS[status] ?? ''}</title></head><body><pre>${echoed}</pre></body></html>`);
      } else if (shape === 'text') {
        res.writeHead(status, { 'content-type': 'text/plain' });
        res.end(echoed);
      } else {
        const body = shape === 'json' ? { request: { url: req.url, headers: req.headers } } : native(status, req, echoed);
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    answer(s, sh) {
      status = s;
      shape = sh;
    },
    get hits() {
      return hits;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
