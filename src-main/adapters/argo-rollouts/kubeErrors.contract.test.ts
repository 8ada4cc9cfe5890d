import { startKubeContractServer, type KubeContractServer } from '../../../test-harness/kube/contractServer';
import { rolloutFixtures } from '../../../test-harness/kube/rolloutFixtures';
import { createArgoRolloutsProvider } from './argoRolloutsProvider';

const TOKEN = 'sa-token-for-tests';
const shop = (name: string) => ({ namespace: 'shop', name });

describe('Kubernetes errors, as a person reads them', () => {
  let server: KubeContractServer;
  const sleeps: number[] = [];
  const make = (token = TOKEN) =>
    createArgoRolloutsProvider({
      connection: { server: server.url, token, source: 'test' },
      namespaces: ['shop'],
      retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 5 },
      sleep: async (ms) => void sleeps.push(ms),
      freshness: { delaysMs: [0], sleep: async () => void server.controllerStep() },
    });
  beforeEach(async () => {
    sleeps.length = 0;
    server = await startKubeContractServer({ token: TOKEN, rollouts: rolloutFixtures() });
  });
  afterEach(async () => server.stop());

  it('403 on the status subresource names the verb, resource and namespace, and does not fall back', async () => {
    server.failNext({ status: 403, when: (r) => r.path.endsWith('/status') });
    const error = await make().abort(shop('checkout')).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'forbidden', permission: 'patch rollouts.argoproj.io/status' });
    expect((error as Error).message).toContain('Kubernetes answered 403: the token may not patch rollouts/status in namespace shop.');
    expect((error as Error).message).toContain('cannot patch resource "rollouts/status"');
    expect(server.requests.map((r) => r.method)).toEqual(['GET', 'PATCH']);
    expect(server.stored('shop', 'checkout')!.status!.abort).toBeUndefined();
  });

  it('404 for a missing rollout says so; 404 for the list says the API is missing', async () => {
    await expect(make().getRollout(shop('nope'))).rejects.toMatchObject({
      code: 'not_found', message: expect.stringContaining('there is no rollout nope in namespace shop'),
    });
    await expect(make().promote(shop('nope'))).rejects.toMatchObject({ code: 'not_found' });
    server.failNext({ status: 404, when: (r) => r.method === 'GET' });
    await expect(make().listRollouts()).rejects.toMatchObject({
      code: 'not_found', message: expect.stringContaining('the Argo Rollouts API (argoproj.io/v1alpha1) is not installed'),
    });
  });

  it('404 on both status and main resource (deleted meanwhile) is not_found, after the plugin fallback', async () => {
    server.failNext({ status: 404, when: (r) => r.method === 'PATCH', times: 2 });
    await expect(make().retry(shop('recommendations'))).rejects.toMatchObject({ code: 'not_found', message: expect.stringContaining('there is no rollout recommendations') });
    expect(server.requests.map((r) => r.path.split('/').slice(-2).join('/'))).toEqual(['rollouts/recommendations', 'recommendations/status', 'rollouts/recommendations']);
    expect(server.stored('shop', 'recommendations')!.status!.abort).toBe(true);
  });

  it('409 is a conflict to re-read, never retried', async () => {
    server.failNext({ status: 409, when: (r) => r.method === 'PATCH' });
    await expect(make().pause(shop('checkout'))).rejects.toMatchObject({
      code: 'conflict', message: expect.stringContaining('rollout checkout in namespace shop was changed by someone else'),
    });
    expect(server.requests.map((r) => r.method)).toEqual(['GET', 'PATCH']);
    expect(server.stored('shop', 'checkout')!.spec!.paused).toBeUndefined();
  });

  it('500 is retried, and reported when it persists', async () => {
    server.failNext({ status: 500, times: 3 });
    const error = await make().listRollouts().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'unavailable', message: expect.stringContaining('Kubernetes answered 500 while Ringside tried to list rollouts in namespace shop') });
    expect((error as Error).message).toContain('etcdserver: request timed out');
    expect(server.requests).toHaveLength(3);
  });

  it('503 with Retry-After is waited out and the read succeeds', async () => {
    server.failNext({ status: 503, retryAfterSeconds: 0 });
    expect(await make().listRollouts()).toHaveLength(5);
    expect(sleeps).toEqual([0]);
  });

  it('a patch that fails with 500 once is sent again (it sets absolute values)', async () => {
    server.failNext({ status: 500, when: (r) => r.method === 'PATCH' });
    await make().abort(shop('checkout'));
    expect(server.stored('shop', 'checkout')!.status!.abort).toBe(true);
    expect(server.requests.filter((r) => r.method === 'PATCH')).toHaveLength(2);
  });

  it('401 says the credentials were refused and is not retried', async () => {
    await expect(make('expired-token').listRollouts()).rejects.toMatchObject({
      code: 'unauthorized', message: expect.stringContaining('Kubernetes answered 401: the token was not accepted'),
    });
    expect(server.requests).toHaveLength(1);
  });

  it('422 and 429 are named', async () => {
    server.failNext({ status: 422 });
    await expect(make().pause(shop('checkout'))).rejects.toMatchObject({ code: 'bad_request', message: expect.stringContaining('refused the change to rollout checkout') });
    server.failNext({ status: 429, times: 3 });
    await expect(make().getRollout(shop('checkout'))).rejects.toMatchObject({ code: 'rate_limited' });
  });

  it('a server that is down is unavailable, with the host', async () => {
    const { url } = server;
    await server.stop();
    await expect(make().listRollouts()).rejects.toMatchObject({ code: 'unavailable', message: expect.stringContaining(new URL(url).host) });
    server = await startKubeContractServer({ token: TOKEN, rollouts: [] });
  });
});
