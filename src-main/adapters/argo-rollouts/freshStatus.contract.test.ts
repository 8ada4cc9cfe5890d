import { startKubeContractServer, type KubeContractServer } from '../../../test-harness/kube/contractServer';
import { rolloutFixtures } from '../../../test-harness/kube/rolloutFixtures';
import { createArgoRolloutsProvider } from './argoRolloutsProvider';
import { generationObserved } from './freshStatus';
import type { KubeRollout } from './kubeSchemas';

const TOKEN = 'sa-token-for-tests';
const shop = (name: string) => ({ namespace: 'shop', name });

describe('actions answer the controller, not the status it wrote before', () => {
  let server: KubeContractServer;
  const waits: number[] = [];
  /** the controller reacts on the `on`-th wait of the read-back (never when 0) */
  const make = (on: number) => {
    waits.length = 0;
    return createArgoRolloutsProvider({
      connection: { server: server.url, token: TOKEN, source: 'test' },
      namespaces: ['shop'],
      freshness: { sleep: async (ms) => void (waits.push(ms) === on && server.controllerStep()) },
    });
  };
  beforeEach(async () => {
    server = await startKubeContractServer({ token: TOKEN, rollouts: rolloutFixtures() });
  });
  afterEach(async () => server.stop());

  it('pause waits while observedGeneration lags, then reports the phase the controller wrote', async () => {
    const paused = await make(3).pause(shop('payments'));
    expect(waits).toHaveLength(3);
    expect(paused).toMatchObject({ phase: 'Paused', specPaused: true });
    expect(paused.unconfirmed).toBeUndefined();
    expect(server.stored('shop', 'payments')!.status!.observedGeneration).toBe('13');
  });

  it('abort, a status-only change, waits for the controller to write status', async () => {
    const aborted = await make(2).abort(shop('checkout'));
    expect(waits).toHaveLength(2);
    expect(aborted).toMatchObject({ phase: 'Degraded', aborted: true });
    expect(aborted.unconfirmed).toBeUndefined();
  });

  it('a controller that never catches up: "not picked up yet", the last phase unconfirmed, after ~5 s of bounded reads', async () => {
    const paused = await make(0).pause(shop('payments'));
    expect(paused.unconfirmed).toBe('the controller has not picked it up yet');
    expect(paused.phase).toBe('Progressing');
    expect(waits).toHaveLength(10);
    expect(waits.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(6000);
    expect(server.requests.filter((r) => r.method === 'GET')).toHaveLength(11);
  });

  it('a promote that changes nothing answers at once', async () => {
    const indexer = await startKubeContractServer({ token: TOKEN, rollouts: rolloutFixtures() });
    const argo = createArgoRolloutsProvider({
      connection: { server: indexer.url, token: TOKEN, source: 'test' },
      namespaces: ['search'],
      freshness: { sleep: async (ms) => void waits.push(ms) },
    });
    waits.length = 0;
    try {
      expect((await argo.promote({ namespace: 'search', name: 'indexer' })).unconfirmed).toBeUndefined();
      expect(waits).toEqual([]);
    } finally {
      argo.dispose();
      await indexer.stop();
    }
  });

  it('reads observedGeneration as Argo does: a decimal string, a number, or a 0.9 hash (observed)', () => {
    const at = (generation: number, observedGeneration: unknown) =>
      ({ metadata: { name: 'a', namespace: 'b', generation }, spec: {}, status: { observedGeneration } }) as unknown as KubeRollout;
    expect(generationObserved(at(13, '12'))).toBe(false);
    expect(generationObserved(at(13, '13'))).toBe(true);
    expect(generationObserved(at(13, 13))).toBe(true);
    expect(generationObserved(at(13, '7d9f8c6b5a'))).toBe(true);
    expect(generationObserved(at(13, undefined))).toBe(true);
  });
});
