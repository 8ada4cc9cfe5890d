import { Rollout } from '../../../src-shared/domain/rollout';
import { startKubeContractServer, type KubeContractServer } from '../../../test-harness/kube/contractServer';
import { argoCaseReplicaSets, argoCaseRollouts, EXPECTED } from '../../../test-harness/kube/argoCaseFixtures';
import { createArgoRolloutsProvider, type ArgoRolloutsProvider } from './argoRolloutsProvider';

const TOKEN = 'sa-token-for-tests';

describe("Argo's own cases through the provider and the Kubernetes API contract server", () => {
  let server: KubeContractServer;
  let argo: ArgoRolloutsProvider;
  beforeAll(async () => {
    server = await startKubeContractServer({ token: TOKEN, rollouts: argoCaseRollouts(), replicaSets: argoCaseReplicaSets() });
    argo = createArgoRolloutsProvider({ connection: { server: server.url, token: TOKEN, source: 'test' }, namespaces: ['argo'], clock: { now: () => 1 } });
  });
  afterAll(async () => {
    argo.dispose();
    await server.stop();
  });

  it('lists every case with the phase, message, strategy and weights Argo gives', async () => {
    const rollouts = await argo.listRollouts();
    for (const r of rollouts) expect(() => Rollout.parse(r)).not.toThrow();
    const got = Object.fromEntries(
      rollouts.map((r) => [r.name, { phase: r.phase, message: r.message, strategy: r.strategy?.kind, trafficRouter: r.strategy?.trafficRouter, weight: r.weight }]),
    );
    const want = Object.fromEntries(
      // The provider reads the namespace's ReplicaSets, so a basic canary's actual weight is known.
      Object.entries(EXPECTED).map(([name, e]) => [
        name,
        {
          phase: e.phase,
          message: e.message,
          strategy: e.strategy,
          trafficRouter: e.trafficRouter,
          weight: e.weight && e.actualWithReplicaSets !== undefined ? { ...e.weight, actual: e.actualWithReplicaSets } : e.weight,
        },
      ]),
    );
    expect(got).toEqual(want);
  });

  it('reads the revisions from one ReplicaSet list a namespace, and says so when it may not', async () => {
    const rollouts = await argo.listRollouts();
    const blueGreen = rollouts.find((r) => r.name === 'blue-green')!;
    expect(blueGreen.revisions?.length).toBeGreaterThanOrEqual(2);
    expect(server.requests.filter((r) => r.path.includes('/replicasets')).map((r) => r.path.split('?')[0])).toContain('/apis/apps/v1/namespaces/argo/replicasets');
    const forbidden = await startKubeContractServer({ token: TOKEN, rollouts: argoCaseRollouts(), replicaSets: argoCaseReplicaSets() });
    const other = createArgoRolloutsProvider({ connection: { server: forbidden.url, token: TOKEN, source: 'test' }, namespaces: ['argo'], clock: { now: () => 1 } });
    forbidden.replicaSets.forbid();
    const listing = await other.listRolloutsDetailed!();
    expect(listing.rollouts.find((r) => r.name === 'blue-green')!.revisions).toBeNull();
    expect(listing.notices.join(' ')).toMatch(/ReplicaSets of namespace argo could not be read.*shown as unknown/);
    other.dispose();
    await forbidden.stop();
  });

  it('reads one rollout the same way', async () => {
    expect(await argo.getRollout({ namespace: 'argo', name: 'blue-green' })).toMatchObject({
      phase: 'Paused', message: 'BlueGreenPause', steps: [], weight: null, strategy: { kind: 'blueGreen', primaryService: 'bluegreen-active', secondaryService: 'bluegreen-preview' },
    });
  });
});
