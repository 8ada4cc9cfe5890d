import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { createCore, type Core } from '../core/createCore';
import { fakeClock, fakeWorkspace } from '../core/testing/fakeWorkspace';
import { startServer, type RunningServer } from './server';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function call(server: RunningServer, path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<Reply>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, path, method: init.method ?? 'GET', headers: { host: `127.0.0.1:${server.port}`, ...init.headers } },
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

describe('serve mode', () => {
  let core: Core;
  let server: RunningServer;
  let auth: Record<string, string>;
  const rendererDir = mkdtempSync(join(tmpdir(), 'ringside-renderer-'));
  mkdirSync(join(rendererDir, 'assets'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Ringside</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');

  beforeAll(async () => {
    const { workspace } = fakeWorkspace();
    core = createCore({ dataDir: ':memory:', version: 't', clock: fakeClock(), workspace: () => workspace });
    server = await startServer({ core, rendererDir });
    auth = { authorization: `Bearer ${server.token}` };
  });
  afterAll(async () => {
    await server.close();
    core.dispose();
  });

  it('listens on 127.0.0.1 only and logs a URL carrying the token', () => {
    expect(server.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/\\?token=[\\w-]{32}$`));
  });

  it('answers 401 without the token, or with a wrong one, on pages, API and events', async () => {
    expect((await call(server, '/')).status).toBe(401);
    expect((await call(server, '/?token=wrong')).status).toBe(401);
    const api = await call(server, '/api/invoke/flags:list', { method: 'POST', body: '{}', headers: { authorization: 'Bearer nope' } });
    expect(api.status).toBe(401);
    expect(api.body).toMatch(/open the URL that `npm run serve` printed/);
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api/events`);
    const status = await new Promise((resolve) => ws.on('unexpected-response', (_req, res) => resolve(res.statusCode)));
    expect(status).toBe(401);
  });

  it('trades the token in the URL for a strict cookie and drops it from the address', async () => {
    const first = await call(server, `/flags?token=${server.token}&view=canary`);
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/flags?view=canary');
    const cookie = String(first.headers['set-cookie']);
    expect(cookie).toMatch(/ringside_token=.*HttpOnly; SameSite=Strict/);
    const page = await call(server, '/', { headers: { cookie: cookie.split(';')[0]! } });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect((await call(server, '/assets/app.js', { headers: auth })).body).toBe('console.log(1)');
  });

  it('refuses another origin and another host name even with the token', async () => {
    const evil = await call(server, '/api/invoke/flags:list', {
      method: 'POST',
      body: '{}',
      headers: { ...auth, origin: 'http://evil.example' },
    });
    expect(evil.status).toBe(403);
    const rebinding = await call(server, '/', { headers: { ...auth, host: `evil.example:${server.port}` } });
    expect(rebinding.status).toBe(421);
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api/events`, { headers: { ...auth, origin: 'http://evil.example' } });
    const status = await new Promise((resolve) => ws.on('unexpected-response', (_req, res) => resolve(res.statusCode)));
    expect(status).toBe(403);
  });

  it('beats on every open event socket until the server closes, which drops them at once', async () => {
    const quick = await startServer({ core, rendererDir, heartbeatMs: 20, pollMs: 250 });
    const ws = new WebSocket(`ws://127.0.0.1:${quick.port}/api/events`, { headers: { authorization: `Bearer ${quick.token}` } });
    const beats: unknown[] = [];
    await new Promise<void>((resolve) =>
      ws.on('message', (data) => {
        beats.push(JSON.parse(String(data)));
        if (beats.length === 3) resolve();
      }),
    );
    expect(beats).toEqual(Array(3).fill({ event: 'app:heartbeat', payload: { everyMs: 20, pollMs: 250 } }));
    const closed = new Promise((resolve) => ws.on('close', resolve));
    await quick.close();
    await closed;
  });

  it('does not serve files outside the renderer folder', async () => {
    const reply = await call(server, '/..%2f..%2f..%2fetc%2fpasswd', { headers: auth });
    expect(reply.body).not.toMatch(/root:/);
  });

  it('runs the contract over HTTP with typed errors for bad payloads', async () => {
    const own = { ...auth, origin: `http://127.0.0.1:${server.port}`, 'content-type': 'application/json' };
    const flags = await call(server, '/api/invoke/flags:list', { method: 'POST', body: '{}', headers: own });
    expect(JSON.parse(flags.body)).toMatchObject({ ok: true, value: { flags: [{ name: 'checkout.kill' }] } });
    const bad = await call(server, '/api/invoke/audit:page', { method: 'POST', body: '{"limit":"many"}', headers: own });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringContaining('limit') } });
    const notJson = await call(server, '/api/invoke/audit:page', { method: 'POST', body: '{limit', headers: own });
    expect(JSON.parse(notJson.body)).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringContaining('not valid JSON') } });
    const huge = await call(server, '/api/invoke/audit:page', { method: 'POST', body: 'x'.repeat(2 * 1024 * 1024), headers: own });
    expect(huge.status).toBe(413);
    const unknown = await call(server, '/api/invoke/flags:drop', { method: 'POST', body: '{}', headers: own });
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
  });

  it('refuses a malformed channel name and any body that is not JSON by its content type, in JSON', async () => {
    const own = { ...auth, origin: `http://127.0.0.1:${server.port}`, 'content-type': 'application/json' };
    const malformed = await call(server, '/api/invoke/%E0%A4%A', { method: 'POST', body: '{}', headers: own });
    expect(malformed.status).toBe(400);
    expect(JSON.parse(malformed.body)).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringContaining('bad percent-encoding') } });
    const text = await call(server, '/api/invoke/flags:list', { method: 'POST', body: '{}', headers: { ...own, 'content-type': 'text/plain' } });
    expect(text.status).toBe(415);
    expect(JSON.parse(text.body)).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringContaining('application/json') } });
    const none = await call(server, '/api/invoke/flags:list', { method: 'POST', body: '{}', headers: { ...auth, origin: own.origin } });
    expect(none.status).toBe(415);
  });


  it('pushes contract events over the WebSocket and disposes the subscription on close', async () => {
    const before = core.bus.listenerCount;
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api/events`, { headers: auth });
    await new Promise((resolve) => ws.on('open', resolve));
    expect(core.bus.listenerCount).toBe(before + 1);
    // heartbeats come and go on their own; wait for the pushed event
    const message = new Promise<string>((resolve) =>
      ws.on('message', (data) => {
        if (!String(data).includes('app:heartbeat')) resolve(String(data));
      }),
    );
    core.bus.emit('state:changed', { domain: 'flags' });
    expect(JSON.parse(await message)).toEqual({ event: 'state:changed', payload: { domain: 'flags' } });
    ws.close();
    await new Promise((resolve) => ws.on('close', resolve));
    await vi.waitFor(() => expect(core.bus.listenerCount).toBe(before));
  });
});
