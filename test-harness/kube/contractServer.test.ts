import fetch from 'node-fetch';
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are read field by field, as a test does
type Json = any;
import { isPortOpen } from '../ports';
import { mergePatch, startKubeContractServer, type KubeContractServer } from './contractServer';
import { rolloutFixtures } from './rolloutFixtures';

const TOKEN = 'kube-contract-token';
const ROLLOUT = '/apis/argoproj.io/v1alpha1/namespaces/shop/rollouts/checkout';

async function call(server: KubeContractServer, method: string, path: string, body?: unknown, contentType = 'application/merge-patch+json', token = TOKEN) {
  const res = await fetch(server.url + path, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': contentType } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, Json> };
}

describe('Kubernetes API contract server', () => {
  let server: KubeContractServer;
  beforeEach(async () => {
    server = await startKubeContractServer({ token: TOKEN, rollouts: rolloutFixtures() });
  });
  afterEach(async () => server.stop());

  it('merges patches as RFC 7386 says: null removes, objects merge, arrays replace', () => {
    expect(mergePatch({ a: 1, b: { c: 2, d: [1, 2] } }, { a: null, b: { d: [3] }, e: 'x' })).toEqual({ b: { c: 2, d: [3] }, e: 'x' });
    expect(mergePatch({ a: 1 }, JSON.parse('{"__proto__":{"polluted":true}}'))).toEqual({ a: 1 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('lists in pages, gets one, and answers Status objects for what is missing', async () => {
    const first = await call(server, 'GET', '/apis/argoproj.io/v1alpha1/namespaces/shop/rollouts?limit=2');
    expect(first.body).toMatchObject({ kind: 'RolloutList', metadata: { continue: '1:2' } });
    expect(first.body.items.map((i: Json) => i.metadata.name)).toEqual(['cart', 'checkout']);
    const rest = await call(server, 'GET', '/apis/argoproj.io/v1alpha1/namespaces/shop/rollouts?limit=10&continue=1:2');
    expect(rest.body.items).toHaveLength(3);
    expect(rest.body.metadata.continue).toBeUndefined();
    expect((await call(server, 'GET', ROLLOUT)).body.spec.strategy.canary.steps).toHaveLength(8);
    const missing = await call(server, 'GET', '/apis/argoproj.io/v1alpha1/namespaces/shop/rollouts/nope');
    expect(missing).toMatchObject({ status: 404, body: { kind: 'Status', reason: 'NotFound', message: 'rollouts.argoproj.io "nope" not found' } });
    expect((await call(server, 'GET', '/apis/other.io/v1/things')).status).toBe(404);
  });

  it('keeps status and spec apart when the status subresource is on', async () => {
    const before = server.stored('shop', 'checkout')!;
    const main = await call(server, 'PATCH', ROLLOUT, { spec: { paused: true }, status: { abort: true } });
    expect(main.body.spec.paused).toBe(true);
    expect(main.body.status.abort).toBeUndefined();
    expect(main.body.metadata.generation).toBe(before.metadata.generation! + 1);
    const status = await call(server, 'PATCH', `${ROLLOUT}/status`, { spec: { paused: false }, status: { abort: true, pauseConditions: null } });
    expect(status.body.spec.paused).toBe(true);
    expect(status.body.status).toMatchObject({ abort: true });
    expect(status.body.status.pauseConditions).toBeUndefined();
    expect(status.body.metadata.generation).toBe(before.metadata.generation! + 1);
    expect(Number(status.body.metadata.resourceVersion)).toBeGreaterThan(Number(main.body.metadata.resourceVersion));
  });

  it('serves a 0.9-era CRD: /status is 404 and the main resource takes status too', async () => {
    const old = await startKubeContractServer({ token: TOKEN, rollouts: rolloutFixtures(), statusSubresource: false });
    try {
      expect((await call(old, 'PATCH', `${ROLLOUT}/status`, { status: { abort: true } })).status).toBe(404);
      expect((await call(old, 'PATCH', ROLLOUT, { status: { abort: true } })).body.status.abort).toBe(true);
    } finally {
      await old.stop();
    }
  });

  it('refuses other patch types (415), wrong types (422), and a wrong token (401)', async () => {
    expect((await call(server, 'PATCH', ROLLOUT, { spec: { paused: true } }, 'application/json')).status).toBe(415);
    const invalid = await call(server, 'PATCH', `${ROLLOUT}/status`, { status: { currentStepIndex: 'two' } });
    expect(invalid).toMatchObject({ status: 422, body: { reason: 'Invalid' } });
    expect((await call(server, 'GET', ROLLOUT, undefined, undefined, 'wrong')).status).toBe(401);
    expect(server.stored('shop', 'checkout')!.status!.currentStepIndex).toBe(1);
  });

  it('answers injected failures for matching requests only, as many times as asked', async () => {
    server.failNext({ status: 403, when: (r) => r.method === 'PATCH', times: 2 });
    expect((await call(server, 'GET', ROLLOUT)).status).toBe(200);
    const denied = await call(server, 'PATCH', `${ROLLOUT}/status`, { status: { abort: true } });
    expect(denied.body.message).toBe(
      'rollouts.argoproj.io "checkout" is forbidden: User "system:serviceaccount:ringside:console" cannot patch resource "rollouts/status" in API group "argoproj.io" in the namespace "shop"',
    );
    expect((await call(server, 'PATCH', ROLLOUT, { spec: { paused: true } })).status).toBe(403);
    expect((await call(server, 'PATCH', ROLLOUT, { spec: { paused: true } })).status).toBe(200);
  });

  it('bumps generation on spec changes only; observedGeneration lags until a controller step', async () => {
    const status = await call(server, 'PATCH', `${ROLLOUT}/status`, { status: { abort: true } });
    expect(status.body.metadata.generation).toBe(12);
    const spec = await call(server, 'PATCH', ROLLOUT, { spec: { paused: true } });
    expect(spec.body).toMatchObject({ metadata: { generation: 13 }, status: { observedGeneration: '12' } });
    expect(server.controllerStep()).toBe(1);
    expect((await call(server, 'GET', ROLLOUT)).body.status).toMatchObject({ observedGeneration: '13', phase: 'Degraded' });
    expect(server.controllerStep()).toBe(0);
  });

  it('without the status subresource, a status change moves the generation too', async () => {
    const old = await startKubeContractServer({ token: TOKEN, rollouts: rolloutFixtures(), statusSubresource: false });
    try {
      expect((await call(old, 'PATCH', ROLLOUT, { status: { abort: true } })).body.metadata.generation).toBe(13);
    } finally {
      await old.stop();
    }
  });

  it('accepts ?dryRun=All: answers the result, persists nothing', async () => {
    const before = server.stored('shop', 'checkout')!;
    const dry = await call(server, 'PATCH', `${ROLLOUT}?dryRun=All`, { spec: { paused: true } });
    expect(dry.body).toMatchObject({ spec: { paused: true }, metadata: { generation: 13, resourceVersion: before.metadata.resourceVersion } });
    expect(server.stored('shop', 'checkout')).toEqual(before);
    expect((await call(server, 'PATCH', `${ROLLOUT}?dryRun=Some`, { spec: { paused: true } })).status).toBe(400);
  });

  it('expires continue tokens with 410 Expired; lists cluster-wide and namespace names', async () => {
    const first = await call(server, 'GET', '/apis/argoproj.io/v1alpha1/rollouts?limit=3');
    server.expireContinueTokens();
    const gone = await call(server, 'GET', `/apis/argoproj.io/v1alpha1/rollouts?limit=3&continue=${first.body.metadata.continue}`);
    expect(gone).toMatchObject({ status: 410, body: { kind: 'Status', status: 'Failure', reason: 'Expired', code: 410 } });
    expect((await call(server, 'GET', '/apis/argoproj.io/v1alpha1/rollouts')).body.items).toHaveLength(7);
    expect((await call(server, 'GET', '/api/v1/namespaces')).body.items.map((i: Json) => i.metadata.name)).toEqual(['search', 'shop']);
    server.deny((r) => r.path === '/api/v1/namespaces');
    expect((await call(server, 'GET', '/api/v1/namespaces')).status).toBe(403);
  });

  it('stops cleanly and frees its port', async () => {
    const { port } = server;
    expect(await isPortOpen(port)).toBe(true);
    await server.stop();
    expect(await isPortOpen(port)).toBe(false);
    server = await startKubeContractServer({ token: TOKEN, rollouts: [] });
  });
});
