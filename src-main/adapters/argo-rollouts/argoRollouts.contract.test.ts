import { Rollout } from '../../../src-shared/domain/rollout';
import { startKubeContractServer, type KubeContractServer } from '../../../test-harness/kube/contractServer';
import { rolloutFixtures } from '../../../test-harness/kube/rolloutFixtures';
import { createArgoRolloutsProvider, type ArgoRolloutsProvider } from './argoRolloutsProvider';

const TOKEN = 'sa-token-for-tests';
const NOW = Date.UTC(2026, 4, 14, 10, 30);
const clock = { now: () => NOW };
const shop = (name: string) => ({ namespace: 'shop', name });

function provider(server: KubeContractServer, namespaces = ['shop', 'search']): ArgoRolloutsProvider {
  return createArgoRolloutsProvider({
    connection: { server: server.url, token: TOKEN, source: 'test' },
    namespaces,
    clock,
    retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 5 },
    // the controller answers while the action reads back
    freshness: { delaysMs: [0, 0], sleep: async () => void server.controllerStep() },
  });
}

const patches = (server: KubeContractServer) =>
  server.requests.filter((r) => r.method === 'PATCH').map((r) => ({ path: r.path.replace('/apis/argoproj.io/v1alpha1/namespaces/', ''), body: r.body }));

describe('Argo Rollouts adapter against the Kubernetes API contract server', () => {
  let server: KubeContractServer;
  let argo: ArgoRolloutsProvider;
  beforeEach(async () => {
    server = await startKubeContractServer({ token: TOKEN, rollouts: rolloutFixtures() });
    argo = provider(server);
  });
  afterEach(async () => {
    argo.dispose();
    await server.stop();
  });

  it('lists the rollouts of every namespace with steps and status mapped', async () => {
    const rollouts = await argo.listRollouts();
    for (const r of rollouts) expect(() => Rollout.parse(r)).not.toThrow();
    expect(rollouts.map((r) => `${r.namespace}/${r.name}`)).toEqual([
      'shop/cart', 'shop/checkout', 'shop/payments', 'shop/profile', 'shop/recommendations', 'search/indexer', 'search/search',
    ]);
    const by = Object.fromEntries(rollouts.map((r) => [r.name, r]));
    expect(by.checkout).toMatchObject({
      phase: 'Paused', message: 'CanaryPauseStep', currentStepIndex: 1, canaryWeight: 5, weights: { canary: 5, stable: 95 },
      paused: true, specPaused: false, aborted: false, promoteFull: false,
      pauseConditions: [{ reason: 'CanaryPauseStep', startTime: Date.parse('2026-05-14T09:41:07Z') }],
      stableRS: '5b8c9d7f6', currentPodHash: '6c9d8e7a5', currentStepAnalysisRun: null, observedAt: NOW,
    });
    expect(by.checkout!.steps.map((s) => [s.kind, s.weight, s.durationSeconds, s.templates.join()])).toEqual([
      ['setWeight', 5, null, ''], ['pause', null, null, ''], ['setWeight', 25, null, ''], ['pause', null, 600, ''],
      ['analysis', null, null, 'success-rate'], ['setWeight', 50, null, ''], ['pause', null, 3600, ''], ['setWeight', 100, null, ''],
    ]);
    expect(by.payments).toMatchObject({ phase: 'Progressing', canaryWeight: 25, weights: null, currentStepAnalysisRun: { name: 'payments-7f9c6d5b4-4', status: 'Running', message: null } });
    expect(by.cart!.currentStepAnalysisRun).toMatchObject({ status: 'Inconclusive', message: 'Metric "latency" assessed Inconclusive' });
    expect(by.recommendations).toMatchObject({ phase: 'Degraded', aborted: true, canaryWeight: 0, weights: { canary: 0, stable: 100 } });
    expect(by.search!.steps[1]).toEqual({ kind: 'experiment', weight: null, durationSeconds: 1800, templates: ['baseline', 'canary'], detail: null });
    expect(by.search!.steps[2]).toMatchObject({ kind: 'other', detail: 'setCanaryScale' });
    expect(by.search!.steps[4]).toMatchObject({ kind: 'pause', durationSeconds: 5400 });
    expect(by.indexer).toMatchObject({ phase: 'Healthy', currentStepIndex: 2, canaryWeight: 100 });
    expect(by.profile).toMatchObject({ steps: [], currentStepIndex: null, paused: true, canaryWeight: 0 });
    expect(server.requests.every((r) => r.auth === 'token')).toBe(true);
  });

  it('follows continue tokens through a namespace with many rollouts', async () => {
    const template = rolloutFixtures()[5]!;
    for (let i = 0; i < 520; i++) {
      const copy = structuredClone(template);
      copy.metadata = { ...copy.metadata, name: `svc-${String(i).padStart(3, '0')}`, namespace: 'bulk' };
      server.put(copy);
    }
    const bulk = provider(server, ['bulk']);
    const rollouts = await bulk.listRollouts();
    expect(rollouts).toHaveLength(520);
    expect(new Set(rollouts.map((r) => r.name)).size).toBe(520);
    expect(server.requests.filter((r) => r.path.includes('/bulk/rollouts')).map((r) => r.path.split('?')[1])).toEqual([
      'limit=250', 'limit=250&continue=1%3A250', 'limit=250&continue=1%3A500',
    ]);
  });

  it('gets one rollout, and acts only inside the workspace namespaces', async () => {
    expect(await argo.getRollout({ namespace: 'search', name: 'indexer' })).toMatchObject({ name: 'indexer', phase: 'Healthy' });
    await expect(argo.abort({ namespace: 'kube-system', name: 'coredns' })).rejects.toMatchObject({
      code: 'forbidden', message: expect.stringContaining(`is not one of this workspace's namespaces (shop, search)`),
    });
    await expect(argo.pause(shop('../../secrets'))).rejects.toMatchObject({ code: 'bad_request' });
    expect(server.requests).toHaveLength(1);
  });

  it('promote at a pause step clears the pause conditions through the status subresource', async () => {
    const before = server.stored('shop', 'checkout')!;
    const rollout = await argo.promote(shop('checkout'));
    expect(patches(server)).toEqual([{ path: 'shop/rollouts/checkout/status', body: { status: { pauseConditions: null } } }]);
    const after = server.stored('shop', 'checkout')!;
    expect(after.status!.pauseConditions).toBeUndefined();
    expect(after.status!.currentStepIndex).toBe(1);
    expect(after.metadata.generation).toBe(before.metadata.generation);
    expect(after.metadata.resourceVersion).not.toBe(before.metadata.resourceVersion);
    expect(rollout).toMatchObject({ pauseConditions: [], paused: false, currentStepIndex: 1 });
    expect(server.requests.filter((r) => r.method === 'PATCH').every((r) => r.contentType === 'application/merge-patch+json')).toBe(true);
  });

  it('promote during an analysis moves the step index on by one', async () => {
    const rollout = await argo.promote(shop('payments'));
    expect(patches(server)).toEqual([{ path: 'shop/rollouts/payments/status', body: { status: { pauseConditions: null, currentStepIndex: 5 } } }]);
    expect(server.stored('shop', 'payments')!.status!.currentStepIndex).toBe(5);
    expect(rollout).toMatchObject({ currentStepIndex: 5, canaryWeight: 50 });
  });

  it('promote past an inconclusive analysis also lifts the controller pause', async () => {
    await argo.promote(shop('cart'));
    const status = server.stored('shop', 'cart')!.status!;
    expect(status).toMatchObject({ controllerPause: false, currentStepIndex: 5 });
    expect(status.pauseConditions).toBeUndefined();
  });

  it('pause sets spec.paused; promote then unpauses the spec and clears the step pause', async () => {
    const paused = await argo.pause(shop('checkout'));
    expect(paused).toMatchObject({ specPaused: true, paused: true });
    const afterPause = server.stored('shop', 'checkout')!;
    expect(afterPause.spec!.paused).toBe(true);
    expect(afterPause.metadata.generation).toBe(rolloutFixtures()[0]!.metadata.generation! + 1);
    const promoted = await argo.promote(shop('checkout'));
    expect(patches(server).slice(1)).toEqual([
      { path: 'shop/rollouts/checkout/status', body: { status: { pauseConditions: null } } },
      { path: 'shop/rollouts/checkout', body: { spec: { paused: false } } },
    ]);
    const stored = server.stored('shop', 'checkout')!;
    expect(stored.spec!.paused).toBe(false);
    expect(stored.status!.pauseConditions).toBeUndefined();
    expect(promoted).toMatchObject({ specPaused: false, paused: false });
  });

  it('promote of a finished rollout changes nothing on the server', async () => {
    const before = server.stored('search', 'indexer')!;
    await argo.promote({ namespace: 'search', name: 'indexer' });
    expect(patches(server)).toEqual([{ path: 'search/rollouts/indexer/status', body: { status: { pauseConditions: null, currentStepIndex: 2 } } }]);
    expect(server.stored('search', 'indexer')).toEqual(before);
  });

  it('promote --full sets status.promoteFull, and does nothing once the new version is stable', async () => {
    const rollout = await argo.promoteFull(shop('checkout'));
    expect(server.requests.find((r) => r.method === 'PATCH')!.body).toEqual({ status: { promoteFull: true } });
    // the simulated controller took promoteFull up: every step done, the new version stable
    expect(server.stored('shop', 'checkout')!.status).toMatchObject({ currentStepIndex: 8, stableRS: '6c9d8e7a5' });
    expect(rollout).toMatchObject({ phase: 'Healthy', currentStepIndex: 8, canaryWeight: 100 });
    await argo.promoteFull({ namespace: 'search', name: 'indexer' });
    expect(patches(server)).toHaveLength(1);
  });

  it('abort sets status.abort; retry clears it', async () => {
    const aborted = await argo.abort(shop('checkout'));
    expect(server.stored('shop', 'checkout')!.status!.abort).toBe(true);
    expect(aborted).toMatchObject({ aborted: true, canaryWeight: 0 });
    const retried = await argo.retry(shop('recommendations'));
    expect(server.stored('shop', 'recommendations')!.status!.abort).toBe(false);
    expect(retried.aborted).toBe(false);
    expect(patches(server)).toEqual([
      { path: 'shop/rollouts/checkout/status', body: { status: { abort: true } } },
      { path: 'shop/rollouts/recommendations/status', body: { status: { abort: false } } },
    ]);
    // one read before each action, one read-back after the controller answered
    expect(server.requests.filter((r) => r.method === 'GET')).toHaveLength(4);
  });

  it('on a CRD without the status subresource, falls back to the main resource as the plugin does', async () => {
    const old = await startKubeContractServer({ token: TOKEN, rollouts: rolloutFixtures(), statusSubresource: false });
    const legacy = provider(old);
    try {
      await legacy.abort(shop('checkout'));
      expect(old.stored('shop', 'checkout')!.status!.abort).toBe(true);
      await legacy.promote(shop('payments'));
      expect(old.stored('shop', 'payments')).toMatchObject({ spec: { paused: false }, status: { currentStepIndex: 5 } });
      await legacy.promoteFull(shop('cart'));
      expect(patches(old).at(-1)!.body).toEqual({ status: { promoteFull: true } });
      expect(old.stored('shop', 'cart')!.status).toMatchObject({ currentStepIndex: 8, stableRS: '5d7c9b8a6' });
      expect(patches(old).map((p) => p.path)).toEqual([
        'shop/rollouts/checkout/status', 'shop/rollouts/checkout',
        'shop/rollouts/payments/status', 'shop/rollouts/payments',
        'shop/rollouts/cart/status', 'shop/rollouts/cart',
      ]);
    } finally {
      legacy.dispose();
      await old.stop();
    }
  });
});
