/**
 * A stand-in for the part of Unleash 7's Admin API the connection test reads (the feature search,
 * the token's user and the environments), served over https with a test certificate: unleash-server itself runs
 * here over plain http only. Shapes follow the real server's answers (checked against 7.5 in
 * connectionTest.integration.test.ts). Its 401 body reflects the request's Authorization header,
 * as a hostile proxy would, so a test can show the token never comes back through Ringside.
 */
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';

export interface FakeUnleash {
  url: string;
  requests: { path: string; authorization: string | undefined }[];
  stop(): Promise<void>;
}

export async function startFakeUnleash(options: { token: string; cert: string; key: string; flags?: number }): Promise<FakeUnleash> {
  const requests: FakeUnleash['requests'] = [];
  const server: Server = createServer({ cert: options.cert, key: options.key }, (req, res) => {
    const url = new URL(req.url ?? '/', 'https://unleash');
    requests.push({ path: url.pathname + url.search, authorization: req.headers.authorization });
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.headers.authorization !== options.token) {
      return send(401, { name: 'UnauthorizedError', message: `You must log in to use Unleash. You sent: ${req.headers.authorization ?? ''}` });
    }
    if (url.pathname === '/api/admin/search/features') return send(200, { features: [], total: options.flags ?? 0 });
    if (url.pathname === '/api/admin/user') {
      // as Unleash 7.5 answers for an admin API token: its secret included
      return send(200, { user: { username: 'ci', permissions: ['ADMIN'], type: 'admin', secret: options.token, projects: ['*'] }, permissions: [{ permission: 'ADMIN' }] });
    }
    if (url.pathname === '/api/admin/environments') {
      return send(200, { version: 1, environments: [{ name: 'development', type: 'development', enabled: true }, { name: 'production', type: 'production', enabled: true }] });
    }
    return send(404, { name: 'NotFoundError', message: `The path you were looking for (${url.pathname}) is not available.` });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    requests,
    stop: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
