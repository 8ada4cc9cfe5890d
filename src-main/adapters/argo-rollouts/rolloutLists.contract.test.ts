import { startKubeContractServer, type KubeContractServer } from '../../../test-harness/kube/contractServer';
import { rolloutFixtures } from '../../../test-harness/kube/rolloutFixtures';
import { createArgoRolloutsProvider } from './argoRolloutsProvider';

const TOKEN = 'sa-token-for-tests';

describe('rollout lists that survive the real API', () => {
  let server: KubeContractServer;
  const make = (namespaces?: string[], namespace?: string) =>
    createArgoRolloutsProvider({ connection: { server: server.url, token: TOKEN, source: 'test', namespace }, namespaces, retry: { retries: 0, baseDelayMs: 1, maxDelayMs: 1 } });
  beforeEach(async () => {
    server = await startKubeContractServer({ token: TOKEN, rollouts: rolloutFixtures() });
  });
  afterEach(async () => server.stop());

  it('an item that does not parse is listed as unreadable, with its name and reason, beside the others', async () => {
    const broken = structuredClone(rolloutFixtures()[0]!);
    broken.metadata = { ...broken.metadata, name: 'broken' };
    (broken.spec as Record<string, unknown>).paused = 'yes';
    server.put(broken);
    const listing = await make(['shop']).listRolloutsDetailed!();
    expect(listing.rollouts.map((r) => r.name)).toEqual(['cart', 'checkout', 'payments', 'profile', 'recommendations']);
    expect(listing.unreadable).toEqual([{ namespace: 'shop', name: 'broken', reason: expect.stringContaining('spec.paused') }]);
  });

  it('a 410 Expired on a continue token lists again from the start, every item once', async () => {
    const template = rolloutFixtures()[0]!;
    for (let i = 0; i < 600; i++) {
      const copy = structuredClone(template);
      copy.metadata = { ...copy.metadata, name: `svc-${String(i).padStart(3, '0')}`, namespace: 'bulk' };
      server.put(copy);
    }
    let pages = 0;
    server.failNext({ status: 403, times: 0, when: (r) => r.path.includes('/bulk/') && ++pages === 2 && (server.expireContinueTokens(), false) });
    const listing = await make(['bulk']).listRolloutsDetailed!();
    expect(listing.rollouts).toHaveLength(600);
    expect(new Set(listing.rollouts.map((r) => r.name)).size).toBe(600);
    expect(listing.notices).toEqual([expect.stringContaining('it was read again in full')]);
    expect(server.requests.filter((r) => r.path.includes('/bulk/rollouts')).map((r) => r.path.split('?')[1] ?? '')).toEqual([
      'limit=250', 'limit=250&continue=1%3A250', '',
    ]);
  });

  it('with no namespaces named, lists across the cluster', async () => {
    const listing = await make().listRolloutsDetailed!();
    expect(listing.rollouts.map((r) => `${r.namespace}/${r.name}`)).toHaveLength(7);
    expect(server.requests.filter((r) => r.path.includes('/rollouts')).map((r) => r.path)).toEqual(['/apis/argoproj.io/v1alpha1/rollouts?limit=250']);
    expect(listing.notices).toEqual([]);
  });

  it('a 403 on the cluster-wide list falls back namespace by namespace, and says which it could not read', async () => {
    server.deny((r) => r.path === '/apis/argoproj.io/v1alpha1/rollouts' || r.path.includes('/namespaces/search/'));
    const listing = await make().listRolloutsDetailed!();
    expect(new Set(listing.rollouts.map((r) => r.namespace))).toEqual(new Set(['shop']));
    expect(listing.notices).toEqual([expect.stringMatching(/may not list rollouts across all namespaces \(403\).*listed them namespace by namespace: shop; not readable: search/)]);
  });

  it('when namespaces cannot be listed either, falls back to the kubeconfig namespace', async () => {
    server.deny((r) => r.path === '/apis/argoproj.io/v1alpha1/rollouts' || r.path === '/api/v1/namespaces');
    const listing = await make(undefined, 'search').listRolloutsDetailed!();
    expect(listing.rollouts.map((r) => r.name).sort()).toEqual(['indexer', 'search']);
    expect(listing.notices[0]).toContain('namespace by namespace: search.');
  });
});
