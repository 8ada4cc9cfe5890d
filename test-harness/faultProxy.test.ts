import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFaultProxy, type FaultProxy } from './faultProxy.js';

// A tiny upstream that records what reaches it.
interface Arrived {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}
let upstream: Server;
let upstreamUrl: string;
let arrived: Arrived[] = [];
let counter = 0;
const BIG = 'x'.repeat(10_000);

beforeAll(async () => {
  upstream = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      arrived.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname === '/counter') {
        counter += 1;
        return void res.writeHead(200, { 'content-type': 'application/json', 'x-counter': String(counter) }).end(JSON.stringify({ n: counter }));
      }
      if (url.pathname === '/big') return void res.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(BIG.length) }).end(BIG);
      if (url.pathname === '/chunked') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.write(BIG.slice(0, 5_000));
        return void setTimeout(() => res.end(BIG.slice(5_000)), 10);
      }
      if (url.pathname === '/slow') return void setTimeout(() => res.writeHead(200).end('slow'), Number(url.searchParams.get('ms') ?? 100));
      if (url.pathname === '/missing') return void res.writeHead(404).end('nope');
      res.writeHead(req.method === 'POST' ? 201 : 200, { 'content-type': 'application/json' }).end(
        JSON.stringify({ method: req.method, path: url.pathname, query: url.search, host: req.headers.host, custom: req.headers['x-custom'] ?? null, body }),
      );
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
});

afterAll(async () => {
  upstream.closeAllConnections();
  await new Promise<void>((resolve) => upstream.close(() => resolve()));
});

let proxy: FaultProxy;
beforeEach(async () => {
  arrived = [];
  proxy = await startFaultProxy(upstreamUrl);
});
afterEach(async () => {
  await proxy.close();
});

const arrivedAt = (method: string, path: string): Arrived[] => arrived.filter((a) => a.method === method && new URL(a.url, 'http://x').pathname === path);

/** The low-level error a fetch failure carries (undici wraps it in `TypeError: fetch failed`). */
async function fetchError(promise: Promise<unknown>): Promise<{ message: string; code?: string }> {
  try {
    await promise;
  } catch (err) {
    const cause = (err as Error & { cause?: Error & { code?: string } }).cause;
    return { message: `${(err as Error).message}: ${cause?.message ?? ''}`, code: cause?.code };
  }
  throw new Error('expected the request to fail');
}

/** A node:http GET that reports what arrived before the connection ended. */
function rawGet(url: string): Promise<{ status: number; headers: IncomingHttpHeaders; received: number; error?: string; complete: boolean }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false }, (res) => {
      let received = 0;
      let error: string | undefined;
      res.on('data', (c: Buffer) => (received += c.length));
      res.on('error', (err) => (error = (err as NodeJS.ErrnoException).code ?? err.message));
      res.on('close', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, received, error, complete: res.complete }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('startFaultProxy', () => {
  it('passes GET/POST/PUT/PATCH through with query, JSON bodies and headers, host rewritten to upstream', async () => {
    const get = await fetch(`${proxy.url}/echo?a=1&b=two`, { headers: { 'x-custom': 'kept' } });
    expect(get.status).toBe(200);
    expect(await get.json()).toMatchObject({ method: 'GET', path: '/echo', query: '?a=1&b=two', host: new URL(upstreamUrl).host, custom: 'kept' });
    for (const method of ['POST', 'PUT', 'PATCH']) {
      const body = JSON.stringify({ name: `flag-${method}`, nested: { list: [1, 2, 3] }, text: 'ü ∑ "quotes"' });
      const res = await fetch(`${proxy.url}/api/things`, { method, headers: { 'content-type': 'application/json' }, body });
      expect(res.status).toBe(method === 'POST' ? 201 : 200);
      expect(await res.json()).toMatchObject({ method, path: '/api/things', body });
      expect(arrivedAt(method, '/api/things')[0]?.headers['content-type']).toBe('application/json');
    }
    expect(proxy.total).toBe(4);
    expect(proxy.requests).toBe(4);
    expect(proxy.log[0]).toMatchObject({ method: 'GET', path: '/echo', query: 'a=1&b=two', status: 200, upstreamStatus: 200, fault: 'pass', at: expect.any(Number) });
    expect(proxy.log.map((e) => e.status)).toEqual([200, 201, 200, 200]);
  });

  it('status: answers any status with body and headers (Retry-After seconds or an HTTP date) without reaching upstream', async () => {
    proxy.fault({ kind: 'status', status: 429, body: '{"error":"slow down"}', headers: { 'Retry-After': '30', 'content-type': 'application/json' }, times: 1 });
    const limited = await fetch(`${proxy.url}/echo`);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('30');
    expect(await limited.json()).toEqual({ error: 'slow down' });

    const when = new Date(Date.now() + 120_000).toUTCString();
    proxy.fault({ kind: 'status', status: 503, headers: { 'Retry-After': when }, times: 1 });
    const unavailable = await fetch(`${proxy.url}/echo`);
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers.get('retry-after')).toBe(when);
    expect(await unavailable.text()).toBe('proxy error');
    expect(arrived).toHaveLength(0);
    expect(proxy.log.map((e) => [e.fault, e.status])).toEqual([
      ['status', 429],
      ['status', 503],
    ]);
  });

  it('reset: the client gets a socket error and no response; upstream never sees the request', async () => {
    proxy.fault({ kind: 'reset' });
    const err = await fetchError(fetch(`${proxy.url}/echo`, { method: 'POST', body: '{"a":1}', headers: { 'content-type': 'application/json' } }));
    expect(err.message).toMatch(/fetch failed/);
    expect(err.code ?? err.message).toMatch(/UND_ERR_SOCKET|ECONNRESET|other side closed/);
    expect(arrived).toHaveLength(0);
    await expect.poll(() => proxy.inFlight).toBe(0);
    expect(proxy.log[0]).toMatchObject({ fault: 'reset', status: null });
  });

  it('cutoff: upstream status and full content-length arrive, then only part of the body and a premature close', async () => {
    proxy.fault({ kind: 'cutoff', match: { path: /^\/big$/ } });
    const raw = await rawGet(`${proxy.url}/big`);
    expect(raw.status).toBe(200);
    expect(raw.headers['content-length']).toBe(String(BIG.length));
    expect(raw.received).toBe(BIG.length / 2);
    expect(raw.complete).toBe(false);
    expect(raw.error).toBe('ECONNRESET');

    // fetch sees the headers, then fails while reading the body.
    const res = await fetch(`${proxy.url}/big`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe(String(BIG.length));
    await expect(res.text()).rejects.toThrow(/terminated|premature|other side closed/i);

    // A chunked upstream answer gets a content-length so the client can tell it is short.
    proxy.clear();
    proxy.fault({ kind: 'cutoff', bytes: 100 });
    const chunked = await rawGet(`${proxy.url}/chunked`);
    expect(chunked).toMatchObject({ status: 200, received: 100, complete: false });
    expect(chunked.headers['content-length']).toBe(String(BIG.length));
    expect(arrivedAt('GET', '/big')).toHaveLength(2);
  });

  it('applyThenLose: upstream receives and completes the POST, the client gets a socket error', async () => {
    proxy.fault({ kind: 'applyThenLose', match: { method: 'POST' }, times: 1 });
    const body = JSON.stringify({ name: 'applied' });
    const err = await fetchError(fetch(`${proxy.url}/api/writes`, { method: 'POST', body, headers: { 'content-type': 'application/json' } }));
    expect(err.code ?? err.message).toMatch(/UND_ERR_SOCKET|ECONNRESET|other side closed/);
    expect(arrivedAt('POST', '/api/writes')).toEqual([expect.objectContaining({ body })]);
    expect(proxy.log[0]).toMatchObject({ fault: 'applyThenLose', status: null, upstreamStatus: 201 });
    // times: 1, so the retry goes through.
    const retry = await fetch(`${proxy.url}/api/writes`, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
    expect(retry.status).toBe(201);
    expect(arrivedAt('POST', '/api/writes')).toHaveLength(2);
  });

  it('stale: replays the previous successful GET body for the same path+query after upstream changed', async () => {
    const first = (await (await fetch(`${proxy.url}/counter?x=1`)).json()) as { n: number };
    const second = (await (await fetch(`${proxy.url}/counter?x=1`)).json()) as { n: number };
    expect(second.n).toBe(first.n + 1);
    const reached = arrived.length;

    proxy.fault({ kind: 'stale' });
    const stale = await fetch(`${proxy.url}/counter?x=1`);
    expect(stale.status).toBe(200);
    expect(stale.headers.get('x-counter')).toBe(String(second.n));
    expect(await stale.json()).toEqual(second);
    expect(arrived).toHaveLength(reached); // answered from memory

    // Another query is another URL: nothing remembered, so it passes through (and is remembered).
    const other = (await (await fetch(`${proxy.url}/counter?x=2`)).json()) as { n: number };
    expect(other.n).toBe(second.n + 1);
    expect(await (await fetch(`${proxy.url}/counter?x=2`)).json()).toEqual(other);
    // Non-GETs are never stale.
    const post = await fetch(`${proxy.url}/counter?x=1`, { method: 'POST' });
    expect(((await post.json()) as { n: number }).n).toBe(other.n + 1);
    expect(proxy.log.map((e) => e.fault)).toEqual(['pass', 'pass', 'stale', 'stale', 'stale', 'pass']);
  });

  it('hang: never answers until clear() destroys the socket; close() does the same', async () => {
    proxy.fault({ kind: 'hang', match: { path: /^\/echo$/ } });
    const pending = fetchError(fetch(`${proxy.url}/echo`));
    await expect.poll(() => proxy.inFlight).toBe(1);
    await new Promise((r) => setTimeout(r, 200));
    expect(proxy.inFlight).toBe(1);
    proxy.clear();
    expect((await pending).code ?? '').toMatch(/UND_ERR_SOCKET|ECONNRESET/);
    await expect.poll(() => proxy.inFlight).toBe(0);
    expect(arrived).toHaveLength(0);
    expect((await fetch(`${proxy.url}/echo`)).status).toBe(200); // rules are gone

    const other = await startFaultProxy(upstreamUrl);
    other.fault({ kind: 'hang' });
    const hanging = fetchError(fetch(`${other.url}/echo`));
    await expect.poll(() => other.inFlight).toBe(1);
    await other.close();
    expect((await hanging).message).toMatch(/fetch failed/);
  });

  it('delay: forwards after the delay', async () => {
    proxy.fault({ kind: 'delay', ms: 500, times: 1 });
    const started = Date.now();
    const res = await fetch(`${proxy.url}/echo`);
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(490);
    expect(arrived).toHaveLength(1);
    const quick = Date.now();
    await fetch(`${proxy.url}/echo`);
    expect(Date.now() - quick).toBeLessThan(400);
  });

  it('times: N applies to the next N matching requests, then passes through', async () => {
    const handle = proxy.fault({ kind: 'status', status: 503, times: 2 });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await fetch(`${proxy.url}/echo`)).status);
    expect(statuses).toEqual([503, 503, 200, 200]);
    expect(handle.hits).toBe(2);
    expect(handle.remaining).toBe(0);
    expect(arrived).toHaveLength(2);
  });

  it('matches rules by method and path, first rule added first', async () => {
    proxy.fault({ kind: 'status', status: 500, match: { method: 'post', path: /^\/api\/flags\/[^/]+\/on$/ } });
    proxy.fault({ kind: 'status', status: 418, match: { path: /^\/api\/flags/ } });
    const post = await fetch(`${proxy.url}/api/flags/x/on`, { method: 'POST' });
    const getOn = await fetch(`${proxy.url}/api/flags/x/on`);
    const getOther = await fetch(`${proxy.url}/api/other`);
    expect([post.status, getOn.status, getOther.status]).toEqual([500, 418, 200]);
    const removable = proxy.fault({ kind: 'garbage', match: { path: /^\/api\/other$/ } });
    const garbage = await fetch(`${proxy.url}/api/other`);
    expect(garbage.headers.get('content-type')).toBe('text/html');
    await expect(garbage.json()).rejects.toThrow();
    removable.remove();
    expect((await fetch(`${proxy.url}/api/other`)).status).toBe(200);
    expect(proxy.count({ method: 'POST' })).toBe(1);
    expect(proxy.count({ path: /^\/api\/flags/ })).toBe(2);
    expect(proxy.count({ method: 'GET', path: /^\/api\/other$/ })).toBe(3);
    expect(proxy.count()).toBe(5);
  });

  it('counts in-flight requests: maxInFlight for concurrent vs sequential polls; resetCounts', async () => {
    await Promise.all([1, 2, 3].map(() => fetch(`${proxy.url}/slow?ms=200`).then((r) => r.text())));
    expect(proxy.maxInFlight).toBe(3);
    expect(proxy.inFlight).toBe(0);
    expect(proxy.count({ path: /^\/slow$/ })).toBe(3);
    expect(proxy.log.every((e) => e.endedAt !== null && e.endedAt - e.at >= 150)).toBe(true);

    proxy.resetCounts();
    expect(proxy.total).toBe(0);
    expect(proxy.maxInFlight).toBe(0);
    for (let i = 0; i < 3; i += 1) await (await fetch(`${proxy.url}/slow?ms=50`)).text();
    expect(proxy.total).toBe(3);
    expect(proxy.maxInFlight).toBe(1);
    // Upstream errors count too, with what the client got.
    expect((await fetch(`${proxy.url}/missing`)).status).toBe(404);
    expect(proxy.log.at(-1)).toMatchObject({ path: '/missing', status: 404, upstreamStatus: 404 });
  });

  it('keeps the older set(mode) API: status, garbage, delay, pass', async () => {
    proxy.set({ kind: 'status', status: 500 });
    expect((await fetch(`${proxy.url}/echo`)).status).toBe(500);
    proxy.set({ kind: 'garbage' });
    expect(await (await fetch(`${proxy.url}/echo`)).text()).toContain('<html>');
    proxy.set({ kind: 'delay', ms: 200 });
    const started = Date.now();
    expect((await fetch(`${proxy.url}/echo`)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    proxy.set({ kind: 'pass' });
    expect((await fetch(`${proxy.url}/echo`)).status).toBe(200);
    expect(proxy.requests).toBe(4);
  });

  it('answers 502 when upstream is unreachable', async () => {
    const dead = await startFaultProxy('http://127.0.0.1:1');
    try {
      const res = await fetch(`${dead.url}/x`);
      expect(res.status).toBe(502);
    } finally {
      await dead.close();
    }
  });
});
