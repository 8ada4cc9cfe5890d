import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { createCore, type Core } from '../core/createCore';
import { fakeClock, fakeWorkspace } from '../core/testing/fakeWorkspace';
import { startInDataDir, type DataDirServer } from './startInDataDir';
import { TOKEN_FILE } from './tokenFile';

const rendererDir = mkdtempSync(join(tmpdir(), 'ringside-renderer-'));
mkdirSync(join(rendererDir, 'assets'), { recursive: true });
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Ringside</title>');

/** One request on its own connection (no pool that outlives a server), as a browser tab would send it. */
function call(port: number, path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: init.method ?? 'GET', agent: false, headers: { host: `127.0.0.1:${port}`, ...init.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}

/** A page's cookie, as the first visit with ?token= sets it. */
async function signIn(server: DataDirServer): Promise<string> {
  const res = await call(server.port, `/?token=${server.token}`);
  expect(res.status).toBe(303);
  return String(res.headers['set-cookie']).split(';')[0]!;
}

const withCookie = (server: DataDirServer, cookie: string) =>
  call(server.port, '/api/invoke/app:info', { method: 'POST', body: '{}', headers: { cookie, 'content-type': 'application/json' } });

describe('serve restarted on the same data folder', () => {
  let core: Core;
  const dataDir = mkdtempSync(join(tmpdir(), 'ringside-restart-'));
  const servers: DataDirServer[] = [];
  const start = async (port: number | null) => {
    const server = await startInDataDir({ core, dataDir, rendererDir, port, pollMs: 5000 });
    servers.push(server);
    return server;
  };

  beforeAll(() => {
    const { workspace } = fakeWorkspace();
    core = createCore({ dataDir: ':memory:', version: 't', clock: fakeClock(), workspace: () => workspace });
  });
  afterAll(async () => {
    for (const server of servers) await server.close();
    core.dispose();
  });

  it('keeps the token and the port, so a page signed in before the restart carries on', async () => {
    const first = await start(null);
    const cookie = await signIn(first);
    expect((await withCookie(first, cookie)).status).toBe(200);
    await first.close();

    const second = await start(null);
    expect(second.port).toBe(first.port);
    expect(second.token).toBe(first.token);
    expect(second.notes).toEqual([]);
    const answer = await withCookie(second, cookie);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ ok: true });
    await second.close();
  });

  it('signs open pages out when the token file is deleted: the next start issues a new token', async () => {
    const first = await start(null);
    const cookie = await signIn(first);
    await first.close();
    rmSync(join(dataDir, TOKEN_FILE));

    const second = await start(null);
    expect(second.token).not.toBe(first.token);
    expect((await withCookie(second, cookie)).status).toBe(401);
    await second.close();
  });

  it('takes another port, and says so, when the remembered one is taken', async () => {
    const first = await start(null);
    await first.close();
    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(first.port, '127.0.0.1', resolve));
    try {
      const second = await start(null);
      expect(second.port).not.toBe(first.port);
      expect(second.notes).toEqual([expect.stringContaining(`Port ${first.port}, used last time, is taken`)]);
      await second.close();
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
  });

  it('an explicit --port that is taken is an error, not a silent other port', async () => {
    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    const taken = (squatter.address() as { port: number }).port;
    try {
      await expect(start(taken)).rejects.toMatchObject({ code: 'EADDRINUSE' });
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
  });

  it('greets every event socket with a heartbeat naming its period and the poll interval', async () => {
    const server = await start(0);
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api/events`, { headers: { authorization: `Bearer ${server.token}` } });
    const first = await new Promise<string>((resolve) => ws.on('message', (data) => resolve(String(data))));
    expect(JSON.parse(first)).toEqual({ event: 'app:heartbeat', payload: { everyMs: 500, pollMs: 5000 } });
    ws.close();
    await server.close();
  });
});
