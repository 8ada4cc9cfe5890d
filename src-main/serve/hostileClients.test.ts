import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core } from '../core/createCore';
import { fakeClock, fakeWorkspace } from '../core/testing/fakeWorkspace';
import { startServer, type RunningServer } from './server';
import { dribble, pump, rawConnect, type RawClient, type RawReply } from './testing/rawHttp';

// Serve mode against clients that do not play by the rules, over raw TCP: slow headers, a body
// dribbled past the request timeout, more connections than the cap, bodies of any type and size,
// request lines no URL parser likes, keep-alive sockets that would stay forever. Each gets a JSON
// answer (or a closed connection where no answer fits) and none reaches the core.

const KILL = JSON.stringify({ flag: 'checkout.kill', environment: 'production', enabled: false });
/** Far above what these take (about a second): Node's default 30 s timeout check would not cut them off inside it. */
const WITHIN = 10_000;
const LIMITS = { headersTimeoutMs: 300, requestTimeoutMs: 800, checkEveryMs: 50, keepAliveTimeoutMs: 200, maxRequestsPerSocket: 3 };

let core: Core;
let server: RunningServer;
let host: string;
const rendererDir = mkdtempSync(join(tmpdir(), 'ringside-renderer-'));

beforeAll(async () => {
  const { workspace } = fakeWorkspace();
  core = createCore({ dataDir: ':memory:', version: 't', clock: fakeClock(), workspace: () => workspace, log: () => {} });
  server = await startServer({ core, rendererDir, limits: LIMITS });
  host = `127.0.0.1:${server.port}`;
});
afterAll(async () => {
  await server.close();
  core.dispose();
});

const request = (path: string, headers: Record<string, string | number>, body = '', method = 'POST') =>
  `${method} ${path} HTTP/1.1\r\n${Object.entries({ host, ...headers }).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n${body}`;
const invokeHeaders = (body: string, extra: Record<string, string> = {}) => ({
  authorization: `Bearer ${server.token}`,
  'content-type': 'application/json',
  'content-length': Buffer.byteLength(body),
  ...extra,
});

/** The one kill switch of the fake workspace is still on, and nothing was recorded. */
async function untouched() {
  const flags = await core.dispatch('flags:list', {});
  expect(flags).toMatchObject({ ok: true, value: { flags: [{ name: 'checkout.kill', environments: [{ enabled: true }] }] } });
  expect(await core.dispatch('audit:count', {})).toMatchObject({ ok: true, value: { count: 0 } });
}

function expectJson(reply: RawReply, status: number, code: string, message?: string) {
  expect(reply.status).toBe(status);
  expect(reply.headers['content-type']).toBe('application/json; charset=utf-8');
  expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code, ...(message ? { message: expect.stringContaining(message) } : {}) } });
}

async function answerOf(text: string): Promise<RawReply> {
  const client = await rawConnect(server.port);
  client.socket.write(text);
  const [reply] = await client.waitReplies(1);
  client.socket.destroy();
  return reply!;
}

describe('serve mode under hostile clients', () => {
  it('cuts off a client that dribbles its headers past headersTimeout, with a 408 in JSON', async () => {
    const client = await rawConnect(server.port);
    const sent = await dribble(client, `${request('/api/invoke/flags:setEnabled', { 'x-padding': 'p'.repeat(500) })}`, 20);
    await client.closed;
    expect(sent).toBeLessThan(500);
    expectJson(client.replies()[0]!, 408, 'timeout', 'not received in time');
  }, WITHIN);

  it('cuts off a connection that never sends a byte', async () => {
    const idle = await rawConnect(server.port);
    await idle.closed;
    expect(idle.replies()[0]?.status).toBe(408);
  }, WITHIN);

  it('cuts off a request body dribbled past requestTimeout before the core sees it', async () => {
    const body = KILL.padEnd(400, ' ');
    const client = await rawConnect(server.port);
    client.socket.write(request('/api/invoke/flags:setEnabled', invokeHeaders(body)));
    const sent = await dribble(client, body, 20);
    await client.closed;
    expect(sent).toBeLessThan(body.length);
    expectJson(client.replies()[0]!, 408, 'timeout');
    await untouched();
  }, WITHIN);

  it('accepts 64 connections; the 65th is closed at once without an answer, and a slot freed is taken again', async () => {
    // default limits: nothing here times out while the 64 are held open
    const capped = await startServer({ core, rendererDir });
    try {
      const held: RawClient[] = [];
      for (let i = 0; i < 64; i += 1) held.push(await rawConnect(capped.port));
      const extra = await rawConnect(capped.port);
      extra.socket.write(`GET /api/invoke/x HTTP/1.1\r\nhost: 127.0.0.1:${capped.port}\r\n\r\n`);
      await extra.closed;
      expect(extra.received()).toBe('');
      expect(held.every((c) => !c.socket.destroyed)).toBe(true);
      // the held ones are served
      held[0]!.socket.write(`GET /api/nothing HTTP/1.1\r\nhost: 127.0.0.1:${capped.port}\r\n\r\n`);
      expect((await held[0]!.waitReplies(1))[0]!.status).toBe(401);
      held.pop()!.socket.destroy();
      await vi.waitFor(async () => {
        const next = await rawConnect(capped.port);
        next.socket.write(`GET /api/nothing HTTP/1.1\r\nhost: 127.0.0.1:${capped.port}\r\n\r\n`);
        const [reply] = await next.waitReplies(1).finally(() => next.socket.destroy());
        expect(reply!.status).toBe(401);
      }, { timeout: 5_000, interval: 50 });
      held.forEach((c) => c.socket.destroy());
    } finally {
      await capped.close();
    }
  });

  it.each([
    ['text/plain', '{}'],
    ['application/x-www-form-urlencoded', 'flag=checkout.kill&environment=production&enabled=false'],
    ['multipart/form-data; boundary=x', '--x\r\ncontent-disposition: form-data; name="flag"\r\n\r\ncheckout.kill\r\n--x--'],
  ])('answers 415 in JSON to a %s POST carrying the session cookie and no Origin, and runs nothing', async (type, body) => {
    const reply = await answerOf(
      request('/api/invoke/flags:setEnabled', { cookie: `ringside_token=${server.token}`, 'content-type': type, 'content-length': Buffer.byteLength(body) }, body),
    );
    expectJson(reply, 415, 'bad_request', 'application/json');
    await untouched();
  });

  it('answers 404 unknown_channel in JSON', async () => {
    expectJson(await answerOf(request('/api/invoke/flags:drop', invokeHeaders('{}'), '{}')), 404, 'unknown_channel', 'flags:drop');
  });

  it.each(['%E0%A4%A', '%', '%ZZ', 'flags%3AsetEnabled%FF'])('answers the malformed percent-encoding %s with 400 in JSON', async (name) => {
    expectJson(await answerOf(request(`/api/invoke/${name}`, invokeHeaders(KILL), KILL)), 400, 'bad_request', 'bad percent-encoding');
    await untouched();
  });

  it.each([
    ['an absolute-form target', `POST http://${'127.0.0.1'}/api/invoke/flags:list HTTP/1.1\r\nhost: HOST\r\ncontent-length: 0\r\n\r\n`, 400],
    ['an asterisk target', 'OPTIONS * HTTP/1.1\r\nhost: HOST\r\n\r\n', 400],
    ['a request line that is not HTTP', 'HELLO THERE\r\n\r\n', 400],
    ['a header line without a colon', 'GET /api/x HTTP/1.1\r\nhost: HOST\r\nno colon here\r\n\r\n', 400],
    ['20 KB of headers', `GET /api/x HTTP/1.1\r\nhost: HOST\r\nx-big: ${'b'.repeat(20_000)}\r\n\r\n`, 431],
    ['both a length and chunked', 'POST /api/invoke/flags:list HTTP/1.1\r\nhost: HOST\r\ncontent-length: 2\r\ntransfer-encoding: chunked\r\n\r\n{}', 400],
    ['an Expect other than 100-continue', 'POST /api/invoke/flags:list HTTP/1.1\r\nhost: HOST\r\nexpect: 200-ok\r\ncontent-length: 2\r\n\r\n{}', 417],
    ['no Host header', 'POST /api/invoke/flags:list HTTP/1.1\r\ncontent-length: 2\r\n\r\n{}', 421, 'forbidden'],
    ['a Host of another name', 'POST /api/invoke/flags:list HTTP/1.1\r\nhost: 127.0.0.1.evil:80\r\ncontent-length: 2\r\n\r\n{}', 421, 'forbidden'],
    ['an upgrade to something else on /api/invoke', 'GET /api/invoke/flags:list HTTP/1.1\r\nhost: HOST\r\nconnection: upgrade\r\nupgrade: h2c\r\n\r\n', 401, 'unauthorized'],
  ])('answers %s in JSON and stays up', async (_what, raw, status, code = 'bad_request') => {
    const reply = await answerOf(raw.replace('HOST', host));
    expectJson(reply, status, code);
  });

  it('refuses a WebSocket upgrade whose target no URL parser takes, without taking the process down', async () => {
    const client = await rawConnect(server.port);
    client.socket.write(`GET http://[::1 HTTP/1.1\r\nhost: ${host}\r\nupgrade: websocket\r\nconnection: Upgrade\r\nsec-websocket-version: 13\r\nsec-websocket-key: AAAAAAAAAAAAAAAAAAAAAA==\r\n\r\n`);
    await client.closed;
    expectJson(client.replies()[0]!, 400, 'bad_request', 'target must be a path');
    expectJson(await answerOf(request('/api/invoke/flags:drop', invokeHeaders('{}'), '{}')), 404, 'unknown_channel');
  });

  it.each([false, true])('answers a 100 MB body (chunked: %s) with 413 in JSON and stops reading it', async (chunked) => {
    const total = 100 * 1024 * 1024;
    const client = await rawConnect(server.port);
    const length: Record<string, string | number> = chunked ? { 'transfer-encoding': 'chunked' } : { 'content-length': total };
    client.socket.write(request('/api/invoke/audit:page', { authorization: `Bearer ${server.token}`, 'content-type': 'application/json', ...length }));
    const accepted = await pump(client, total, chunked);
    // The server closed the connection after its answer: what the client got out is socket buffers, not 100 MB.
    expect(accepted).toBeLessThan(24 * 1024 * 1024);
    expectJson(client.replies()[0]!, 413, 'bad_request', 'larger than 1048576 bytes');
    expect(client.replies()[0]!.headers.connection).toBe('close');
    expectJson(await answerOf(request('/api/invoke/flags:drop', invokeHeaders('{}'), '{}')), 404, 'unknown_channel');
  });

  it('closes a keep-alive connection after maxRequestsPerSocket answers, and runs nothing pipelined past it', async () => {
    const client = await rawConnect(server.port);
    const list = request('/api/invoke/flags:list', invokeHeaders('{}'), '{}');
    for (let i = 1; i <= 3; i += 1) {
      client.socket.write(list);
      await client.waitReplies(i);
    }
    await client.closed;
    const replies = client.replies();
    expect(replies.map((r) => [r.status, r.headers.connection])).toEqual([[200, 'keep-alive'], [200, 'keep-alive'], [200, 'close']]);

    const piped = await rawConnect(server.port);
    piped.socket.write(list.repeat(3) + request('/api/invoke/flags:setEnabled', invokeHeaders(KILL), KILL).repeat(2));
    await piped.closed;
    expect(piped.replies().map((r) => r.status)).toEqual([200, 200, 200]);
    await untouched();
  });

  it('closes an idle keep-alive connection after keepAliveTimeout', async () => {
    const client = await rawConnect(server.port);
    client.socket.write(request('/api/invoke/flags:list', invokeHeaders('{}'), '{}'));
    await client.waitReplies(1);
    await client.closed;
    expect(client.replies()).toHaveLength(1);
  }, WITHIN);

  it('answers an unexpected failure on /api with a 500 in JSON that does not echo it', async () => {
    const logged: string[] = [];
    const failing = await startServer({
      core: { ...core, dispatch: () => Promise.reject(new Error('boom at /home/ana/secret')) },
      rendererDir,
      log: (m) => logged.push(m),
    });
    try {
      const client = await rawConnect(failing.port);
      client.socket.write(
        `POST /api/invoke/flags:list HTTP/1.1\r\nhost: 127.0.0.1:${failing.port}\r\nauthorization: Bearer ${failing.token}\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{}`,
      );
      const [reply] = await client.waitReplies(1);
      expectJson(reply!, 500, 'internal', 'unexpected error');
      expect(reply!.body).not.toContain('boom');
      expect(logged.join('\n')).toContain('boom');
      client.socket.destroy();
    } finally {
      await failing.close();
    }
  });
});
