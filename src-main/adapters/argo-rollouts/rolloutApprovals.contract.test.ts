import { RolloutApproval } from '../../../src-shared/domain/governance';
import { startKubeContractServer, type KubeContractServer } from '../../../test-harness/kube/contractServer';
import { rolloutFixtures } from '../../../test-harness/kube/rolloutFixtures';
import { APPROVAL_KEY, REQUEST_KEY } from './approvalAnnotations';
import { createArgoRolloutsProvider, type ArgoRolloutsProvider } from './argoRolloutsProvider';

/**
 * Four-eyes on a Rollout, written as annotations to the Kubernetes contract server (no API server
 * can run here; it merges patches, moves resourceVersion and generation, and checks a patch's
 * resourceVersion as the Kubernetes API docs describe). Two identities, each with its own token.
 */
const TOKEN = 'sa-token-for-tests';
const T0 = Date.UTC(2026, 4, 14, 10, 0);
const checkout = { namespace: 'shop', name: 'checkout' };
const everything = [{ namespace: '*', verb: '*', group: '*', resource: '*' }];
const everythingWithStatus = [...everything, { ...everything[0]!, subresource: 'status' }];

describe('rollout approvals as annotations, against the Kubernetes contract server', () => {
  let server: KubeContractServer;
  let alice: ArgoRolloutsProvider;
  let bob: ArgoRolloutsProvider;
  let now = T0;
  const make = (token: string) =>
    createArgoRolloutsProvider({
      connection: { server: server.url, token, source: 'test' },
      namespaces: ['shop', 'search'],
      clock: { now: () => now },
      retry: { retries: 0, baseDelayMs: 1, maxDelayMs: 1 },
      freshness: { delaysMs: [0], sleep: async () => void server.controllerStep() },
    });
  const annotations = () => server.stored('shop', 'checkout')!.metadata.annotations as Record<string, string>;
  const patches = () => server.requests.filter((r) => r.method === 'PATCH');

  beforeEach(async () => {
    now = T0;
    server = await startKubeContractServer({
      token: TOKEN,
      rollouts: rolloutFixtures(),
      access: { 'alice-token': { user: 'alice', allow: everythingWithStatus }, 'bob-token': { user: 'bob', allow: everythingWithStatus } },
    });
    alice = make('alice-token');
    bob = make('bob-token');
  });
  afterEach(async () => {
    alice.dispose();
    bob.dispose();
    await server.stop();
  });

  it('request by one identity, approval by a second: valid for that action; the writes are annotation merge patches with the resourceVersion', async () => {
    const before = server.stored('shop', 'checkout')!;
    const requester = (await alice.governance!.whoAmI())!;
    const request = await alice.governance!.request(checkout, { action: 'promote', by: requester, reason: 'ring 0 is clean' });
    expect(RolloutApproval.parse(request)).toEqual({
      rollout: checkout, action: 'promote', generation: 12, requestedBy: 'alice', requestedAt: T0, reason: 'ring 0 is clean', approvedBy: null, approvedAt: null, stale: false,
    });
    expect(await alice.governance!.validApproval(checkout, 'promote')).toBeNull();
    now = T0 + 90_000;
    const approved = await bob.governance!.approve(checkout, (await bob.governance!.whoAmI())!);
    expect(approved).toMatchObject({ approvedBy: 'bob', approvedAt: T0 + 90_000, stale: false });
    expect(await alice.governance!.validApproval(checkout, 'promote')).toEqual(approved);
    expect(await alice.governance!.validApproval(checkout, 'promoteFull')).toBeNull();

    const stored = server.stored('shop', 'checkout')!;
    expect(JSON.parse(annotations()[REQUEST_KEY]!)).toMatchObject({ requester: 'alice', action: 'promote', generation: 12 });
    expect(JSON.parse(annotations()[APPROVAL_KEY]!)).toMatchObject({ approver: 'bob', action: 'promote', generation: 12 });
    expect(annotations()['rollout.argoproj.io/revision']).toBe('4');
    // annotations do not move the generation, and do not touch spec or status
    expect(stored.metadata.generation).toBe(12);
    expect({ spec: stored.spec, status: stored.status }).toEqual({ spec: before.spec, status: before.status });
    expect(patches().map((p) => [p.user, p.contentType, Object.keys((p.body as { metadata: object }).metadata)])).toEqual([
      ['alice', 'application/merge-patch+json', ['resourceVersion', 'annotations']],
      ['bob', 'application/merge-patch+json', ['resourceVersion', 'annotations']],
    ]);
  });

  it('the requester cannot approve their own request', async () => {
    await alice.governance!.request(checkout, { action: 'advance', by: 'alice', reason: 'next ring' });
    await expect(alice.governance!.approve(checkout, 'alice')).rejects.toMatchObject({
      code: 'conflict',
      message: 'alice asked to advance the ring of shop/checkout; the approval has to come from a second person, not from the requester.',
    });
    expect(annotations()[APPROVAL_KEY]).toBeUndefined();
    expect(patches()).toHaveLength(1);
  });

  it('a spec change after the request makes it stale: listed as stale, approval refused, an earlier approval void', async () => {
    await alice.governance!.request(checkout, { action: 'promote', by: 'alice', reason: '' });
    await bob.governance!.approve(checkout, 'bob');
    expect(await alice.governance!.validApproval(checkout, 'promote')).not.toBeNull();
    await bob.pause(checkout); // spec.paused: the generation moves to 13
    expect(server.stored('shop', 'checkout')!.metadata.generation).toBe(13);
    expect(await alice.governance!.validApproval(checkout, 'promote')).toBeNull();
    expect((await alice.governance!.approvals()).find((a) => a.rollout.name === 'checkout')).toMatchObject({ generation: 12, stale: true, approvedBy: 'bob' });

    await alice.governance!.request(checkout, { action: 'promoteFull', by: 'alice', reason: 'hotfix' }); // stale requests may be replaced
    await bob.promote(checkout); // unpauses spec.paused: the generation moves to 14
    await expect(bob.governance!.approve(checkout, 'bob')).rejects.toMatchObject({
      code: 'conflict', message: expect.stringContaining('was made for generation 13, but the rollout has changed since (generation 14)'),
    });
  });

  it('clear removes both annotations and nothing else; approvals lists the requests of every namespace', async () => {
    await alice.governance!.request(checkout, { action: 'promote', by: 'alice', reason: '' });
    await alice.governance!.request({ namespace: 'search', name: 'indexer' }, { action: 'installGate', by: 'alice', reason: 'latency gate' });
    await bob.governance!.approve(checkout, 'bob');
    expect((await bob.governance!.approvals()).map((a) => [`${a.rollout.namespace}/${a.rollout.name}`, a.action, a.approvedBy])).toEqual([
      ['search/indexer', 'installGate', null], ['shop/checkout', 'promote', 'bob'],
    ]);
    await alice.governance!.clear(checkout);
    expect(annotations()).toEqual({ 'rollout.argoproj.io/revision': '4' });
    expect(await bob.governance!.validApproval(checkout, 'promote')).toBeNull();
    expect((await bob.governance!.approvals()).map((a) => a.rollout.name)).toEqual(['indexer']);
    const writes = patches().length;
    await alice.governance!.clear(checkout);
    expect(patches()).toHaveLength(writes);
  });

  it('a 409 (the rollout moved on) is read again and retried; one that keeps coming is a clear conflict error', async () => {
    await alice.governance!.request(checkout, { action: 'promote', by: 'alice', reason: '' });
    server.failNext({ status: 409, when: (r) => r.method === 'PATCH' });
    expect(await bob.governance!.approve(checkout, 'bob')).toMatchObject({ approvedBy: 'bob' });
    expect(patches()).toHaveLength(3);
    server.failNext({ status: 409, when: (r) => r.method === 'PATCH', times: 3 });
    await expect(alice.governance!.clear(checkout)).rejects.toMatchObject({
      code: 'conflict',
      message: 'Clearing the approval on rollout shop/checkout was not recorded: the rollout kept changing while Ringside wrote it (409 Conflict, 3 tries). Look at it again and retry.',
    });
    expect(annotations()[REQUEST_KEY]).toBeDefined();
  });

  it('the resourceVersion read is a real precondition: a write based on an old read is refused by the server', async () => {
    const stale = server.stored('shop', 'checkout')!.metadata.resourceVersion;
    await alice.governance!.request(checkout, { action: 'promote', by: 'alice', reason: '' });
    const res = await fetch(`${server.url}/apis/argoproj.io/v1alpha1/namespaces/shop/rollouts/checkout`, {
      method: 'PATCH',
      headers: { authorization: 'Bearer bob-token', 'content-type': 'application/merge-patch+json' },
      body: JSON.stringify({ metadata: { resourceVersion: stale, annotations: { [APPROVAL_KEY]: '{}' } } }),
    });
    expect(res.status).toBe(409);
    expect(annotations()[APPROVAL_KEY]).toBeUndefined();
  });

  it('a token that may not patch the rollout gets the API server\'s 403, and nothing is written', async () => {
    const reader = await startKubeContractServer({
      token: TOKEN, rollouts: rolloutFixtures(), access: { 'reader-token': { user: 'rita', allow: [{ namespace: '*', verb: 'get', group: 'argoproj.io', resource: 'rollouts' }] } },
    });
    const rita = createArgoRolloutsProvider({ connection: { server: reader.url, token: 'reader-token', source: 'test' }, namespaces: ['shop'], retry: { retries: 0, baseDelayMs: 1, maxDelayMs: 1 } });
    try {
      await expect(rita.governance!.request(checkout, { action: 'promote', by: 'rita', reason: '' })).rejects.toMatchObject({
        code: 'forbidden', message: expect.stringContaining('User "rita" cannot patch resource "rollouts" in API group "argoproj.io" in the namespace "shop"'),
      });
      expect(reader.stored('shop', 'checkout')!.metadata.annotations).toEqual({ 'rollout.argoproj.io/revision': '4' });
    } finally {
      rita.dispose();
      await reader.stop();
    }
  });
});
