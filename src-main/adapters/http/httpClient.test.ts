import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpClient } from './httpClient';
import { backoffDelay, parseRetryAfter } from './retryPolicy';

let server: Server;
let base: string;
const hits = new Map<string, number>();

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    const n = (hits.get(path) ?? 0) + 1;
    hits.set(path, n);
    if (path === '/ok') return res.end('{"fine":true}');
    if (path === '/garbage') return res.end('<html>proxy login</html>');
    if (path === '/401') return res.writeHead(401).end('invalid token');
    if (path === '/403') return res.writeHead(403).end();
    if (path === '/403-permission') {
      const body = { id: 'x', name: 'PermissionError', message: 'You need the "SKIP_CHANGE_REQUEST" permission.', permissions: ['SKIP_CHANGE_REQUEST'] };
      return res.writeHead(403, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    }
    if (path === '/500-echo') return res.writeHead(500, { 'content-type': 'text/plain' }).end(`authorization: ${req.headers.authorization}`);
    if (path === '/500') return res.writeHead(500).end('boom');
    if (path === '/flaky') return n < 3 ? res.writeHead(503).end() : res.end('{"n":3}');
    if (path === '/429') return n < 2 ? res.writeHead(429, { 'retry-after': '1' }).end() : res.end('{"after":true}');
    if (path === '/slow') return void setTimeout(() => res.end('{}'), 2_000);
    if (path === '/429-long') return res.writeHead(429, { 'retry-after': '30' }).end();
    if (path === '/503-date') return res.writeHead(503, { 'retry-after': new Date(Date.now() + 120_000).toUTCString() }).end();
    if (path === '/reset-once') return n < 2 ? req.socket.destroy() : res.end('{"second":true}');
    if (path === '/reset') return req.socket.destroy();
    if (path === '/slow-once') return n < 2 ? void setTimeout(() => res.end('{}'), 2_000) : res.end('{"quick":true}');
    if (path === '/cutoff-once' && n > 1) return res.end('{"whole":true}');
    if (path === '/cutoff' || path === '/cutoff-once') {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '400' });
      res.write('{"features":[{"name":"a"');
      return void setTimeout(() => req.socket.destroy(), 20);
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => hits.clear());

const sleeps: number[] = [];
const client = (extra: Partial<Parameters<typeof createHttpClient>[0]> = {}) =>
  createHttpClient({ service: 'Unleash', baseUrl: base, sleep: async (ms) => void sleeps.push(ms), ...extra });

describe('http client', () => {
  it('parses JSON', async () => {
    await expect(client().json({ path: '/ok' })).resolves.toEqual({ fine: true });
  });

  it('names a body that is not JSON', async () => {
    await expect(client().json({ path: '/garbage' })).rejects.toMatchObject({
      code: 'bad_response',
      message: expect.stringContaining('not JSON (an HTML page)'),
    });
    // described, never quoted: such a page may reflect the request's headers
    await expect(client().json({ path: '/garbage' })).rejects.not.toMatchObject({ message: expect.stringContaining('proxy login') });
  });

  it('never retries 401 or 403 and says what to do', async () => {
    await expect(client().json({ path: '/401' })).rejects.toMatchObject({
      code: 'unauthorized',
      message: expect.stringContaining('Unleash answered 401: the token was rejected'),
    });
    await expect(client().json({ path: '/403' })).rejects.toMatchObject({ code: 'forbidden' });
    expect(hits.get('/401')).toBe(1);
    expect(hits.get('/403')).toBe(1);
  });

  it("names the permission a 403 names, and passes it on as the error's permission", async () => {
    await expect(client().json({ path: '/403-permission' })).rejects.toMatchObject({
      code: 'forbidden',
      permission: 'SKIP_CHANGE_REQUEST',
      message: 'Unleash answered 403: the token lacks the permission SKIP_CHANGE_REQUEST. It said: You need the "SKIP_CHANGE_REQUEST" permission.',
    });
  });

  it('drops a body that is not the service error shape, and never repeats the credential it was sent', async () => {
    const token = `tok-${Math.random().toString(36).slice(2)}`;
    const error = (await client({ headers: () => ({ authorization: token }), retry: { retries: 0, baseDelayMs: 1, maxDelayMs: 1 } })
      .json({ path: '/500-echo' })
      .catch((e: unknown) => e)) as Error;
    expect(error.message).toBe('Unleash answered 500: the server failed; try again shortly.');
  });

  it('retries 5xx on idempotent requests, then gives up with the status', async () => {
    await expect(client().json({ path: '/flaky' })).resolves.toEqual({ n: 3 });
    expect(hits.get('/flaky')).toBe(3);
    await expect(client().json({ path: '/500' })).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringContaining('Unleash answered 500'),
    });
    expect(hits.get('/500')).toBe(3);
  });

  it('does not repeat a non-idempotent POST after a 5xx', async () => {
    await expect(client().json({ path: '/500', method: 'POST', body: {} })).rejects.toMatchObject({ code: 'unavailable' });
    expect(hits.get('/500')).toBe(1);
  });

  it('honours Retry-After on 429', async () => {
    sleeps.length = 0;
    await expect(client().json({ path: '/429' })).resolves.toEqual({ after: true });
    expect(sleeps).toEqual([1000]);
  });

  it('does not wait a Retry-After longer than a request may wait: the error carries the wait, for the poll loop', async () => {
    sleeps.length = 0;
    await expect(client().json({ path: '/429-long' })).rejects.toMatchObject({
      code: 'rate_limited',
      retryAfterMs: 30_000,
      message: expect.stringContaining('Unleash answered 429: it is rate limiting Ringside. It asks to wait 30 s.'),
    });
    expect(hits.get('/429-long')).toBe(1);
    expect(sleeps).toEqual([]);
  });

  it('reads a Retry-After given as an HTTP date on a 503', async () => {
    const error = await client().json({ path: '/503-date' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'unavailable', message: expect.stringMatching(/It asks to wait 1[12]\d s\./) });
    expect((error as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(100_000);
  });

  it('sends an idempotent write again after a connection reset, but never a non-idempotent one', async () => {
    await expect(client().json({ path: '/reset-once', method: 'POST', body: {}, idempotent: true })).resolves.toEqual({ second: true });
    expect(hits.get('/reset-once')).toBe(2);
    await expect(client().json({ path: '/reset', method: 'POST', body: {} })).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringMatching(/cannot be reached \((ECONNRESET|socket hang up)/),
    });
    expect(hits.get('/reset')).toBe(1);
  });

  it('sends an idempotent request again once after a timeout', async () => {
    await expect(client({ timeoutMs: 300 }).json({ path: '/slow-once', method: 'POST', body: {}, idempotent: true })).resolves.toEqual({
      quick: true,
    });
    expect(hits.get('/slow-once')).toBe(2);
    await expect(client({ timeoutMs: 200 }).json({ path: '/slow' })).rejects.toMatchObject({ code: 'timeout' });
    expect(hits.get('/slow')).toBe(2);
  });

  it('asks once more for a body cut off mid-stream, then answers bad_response', async () => {
    await expect(client().json({ path: '/cutoff' })).rejects.toMatchObject({
      code: 'bad_response',
      message: expect.stringContaining('cut off its answer to /cutoff before the end'),
    });
    expect(hits.get('/cutoff')).toBe(2);
    await expect(client().json({ path: '/cutoff-once' })).resolves.toEqual({ whole: true });
  });

  it('times out a slow server', async () => {
    await expect(client({ timeoutMs: 200 }).json({ path: '/slow' })).rejects.toMatchObject({
      code: 'timeout',
      message: expect.stringContaining('did not answer within 0.2 s'),
    });
  });

  it('says when the server is down', async () => {
    const down = createHttpClient({ service: 'Unleash', baseUrl: 'http://127.0.0.1:9' });
    await expect(down.json({ path: '/x' })).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringMatching(/cannot be reached \(ECONNREFUSED\)/),
    });
  });

  it('refuses a base URL with a user name or password, without echoing them, and masks the password from then on', async () => {
    const password = `pw-${Math.random().toString(36).slice(2)}`;
    let thrown: Error | null = null;
    try {
      createHttpClient({ service: 'Prometheus', baseUrl: `http://ringside:${password}@127.0.0.1:9/prom` });
    } catch (error) {
      thrown = error as Error;
    }
    expect(thrown).toMatchObject({ code: 'bad_request', message: expect.stringContaining('Prometheus URL http://127.0.0.1:9/prom carries a user name or password') });
    expect(thrown!.message).not.toContain(password);
    expect(() => createHttpClient({ service: 'Unleash', baseUrl: `http://ringside:${password}@not a url` })).toThrow(/not a valid URL/);
    expect(() => createHttpClient({ service: 'Unleash', baseUrl: `http://ringside:${password}@not a url` })).not.toThrow(password);
    const { maskSecrets } = await import('../../core/security/secretMask');
    expect(maskSecrets(`seen ${password}`)).toBe('seen ***');
  });

  it('refuses a malformed base URL', () => {
    expect(() => createHttpClient({ service: 'Unleash', baseUrl: 'not a url' })).toThrow(/not a valid URL/);
  });

  it('refuses a base URL with a query string or fragment, which would swallow every path', () => {
    expect(() => createHttpClient({ service: 'Unleash', baseUrl: 'https://unleash.example.com/?x=y' })).toThrow(/must not have a query string or fragment/);
    expect(() => createHttpClient({ service: 'Unleash', baseUrl: 'https://unleash.example.com/base#top' })).toThrow(/must not have a query string or fragment/);
    expect(() => createHttpClient({ service: 'Unleash', baseUrl: 'https://unleash.example.com/base/' })).not.toThrow();
  });
});

describe('retry policy', () => {
  it('reads Retry-After as seconds or a date', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(parseRetryAfter('soon')).toBeNull();
    expect(parseRetryAfter(null)).toBeNull();
  });

  it('uses jittered exponential backoff capped at the maximum', () => {
    const opts = { retries: 5, baseDelayMs: 100, maxDelayMs: 1000, random: () => 1 };
    expect([0, 1, 2, 3, 4].map((a) => backoffDelay(a, null, opts))).toEqual([100, 200, 400, 800, 1000]);
    expect(backoffDelay(0, null, { ...opts, random: () => 0.5 })).toBe(50);
    expect(backoffDelay(0, 800, opts)).toBe(800);
    // longer than a request may wait: not waited in the request at all
    expect(backoffDelay(0, 60_000, opts)).toBeNull();
  });
});
