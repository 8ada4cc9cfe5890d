import { CapabilityCheck } from '../../../src-shared/domain/governance';
import { startKubeContractServer, type AccessRule, type KubeContractServer, type KubeContractOptions } from '../../../test-harness/kube/contractServer';
import { rolloutFixtures } from '../../../test-harness/kube/rolloutFixtures';
import { createArgoRolloutsProvider, type ArgoRolloutsProvider } from './argoRolloutsProvider';

/**
 * What the credentials may do and who they are, asked of the Kubernetes contract server (no API
 * server can run here; it answers SelfSubjectAccessReview and SelfSubjectReview as the Kubernetes
 * API reference describes them, and enforces the same rules on the real endpoints).
 */
const TOKEN = 'sa-token-for-tests';
const read = (ns: string): AccessRule[] => ['get', 'list'].map((verb) => ({ namespace: ns, verb, group: 'argoproj.io', resource: 'rollouts' }));
const ACCESS: KubeContractOptions['access'] = {
  // a releaser in shop, a reader in search
  'alice-token': {
    user: 'alice@example.com',
    allow: [
      ...read('shop'),
      ...read('search'),
      { namespace: 'shop', verb: 'patch', group: 'argoproj.io', resource: 'rollouts' },
      { namespace: 'shop', verb: 'patch', group: 'argoproj.io', resource: 'rollouts', subresource: 'status' },
      { namespace: 'shop', verb: 'create', group: 'argoproj.io', resource: 'analysistemplates' },
    ],
  },
  // may patch the Rollout but was never given its status subresource
  'half-token': { user: 'half', allow: [...read('shop'), { namespace: 'shop', verb: 'patch', group: 'argoproj.io', resource: 'rollouts' }] },
  // an authorizer that says why it refuses
  'webhook-token': { user: 'wanda', allow: read('*'), denyReason: 'change freeze until Monday (policy prod-freeze)' },
};

describe('permissions and identity read from the Kubernetes API', () => {
  let server: KubeContractServer;
  const providers: ArgoRolloutsProvider[] = [];
  const make = (token: string, s = server) => {
    const p = createArgoRolloutsProvider({ connection: { server: s.url, token, source: 'test' }, namespaces: ['shop', 'search'], retry: { retries: 0, baseDelayMs: 1, maxDelayMs: 1 } });
    providers.push(p);
    return p;
  };
  beforeEach(async () => {
    server = await startKubeContractServer({ token: TOKEN, rollouts: rolloutFixtures(), access: ACCESS });
  });
  afterEach(async () => {
    providers.splice(0).forEach((p) => p.dispose());
    await server.stop();
  });

  it('a limited token: allowed in one namespace, refused in the other with the reason and the permission', async () => {
    const checks = await make('alice-token').governance!.capabilities(['shop', 'search']);
    for (const c of checks) expect(() => CapabilityCheck.parse(c)).not.toThrow();
    expect(checks.map((c) => [c.scope, c.capability, c.allowed])).toEqual([
      ['shop', 'rollouts.patch', true], ['shop', 'analysistemplates.create', true],
      ['search', 'rollouts.patch', false], ['search', 'analysistemplates.create', false],
    ]);
    expect(checks[0]).toMatchObject({ reason: null, permission: 'patch rollouts.argoproj.io' });
    expect(checks[2]).toMatchObject({
      permission: 'patch rollouts.argoproj.io',
      reason: 'Kubernetes does not allow "patch" on rollouts (API group argoproj.io) in namespace search: pause, unpause and the approval annotations patch the Rollout. ' +
        'Ask for a Role (or ClusterRole) granting "patch" on rollouts (API group argoproj.io) there.',
    });
    expect(checks[3]).toMatchObject({ permission: 'create analysistemplates.argoproj.io', reason: expect.stringContaining('installing a gate creates an AnalysisTemplate') });
  });

  it('asks one review per namespace and question, and nothing else', async () => {
    await make('alice-token').governance!.capabilities(['shop', 'search', 'shop']);
    expect(server.accessReviews).toBe(6);
    expect(server.requests).toHaveLength(6);
    const asked = server.requests.map((r) => (r.body as { spec: { resourceAttributes: Record<string, string> } }).spec.resourceAttributes);
    expect(asked.filter((a) => a.namespace === 'shop')).toEqual([
      { namespace: 'shop', verb: 'patch', group: 'argoproj.io', resource: 'rollouts' },
      { namespace: 'shop', verb: 'patch', group: 'argoproj.io', resource: 'rollouts', subresource: 'status' },
      { namespace: 'shop', verb: 'create', group: 'argoproj.io', resource: 'analysistemplates' },
    ]);
    expect(server.requests.every((r) => r.method === 'POST' && r.path === '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews')).toBe(true);
  });

  it('patch on the Rollout without its status subresource is not enough to promote, and says which is missing', async () => {
    const [patch] = await make('half-token').governance!.capabilities(['shop']);
    expect(patch).toMatchObject({ capability: 'rollouts.patch', allowed: false, permission: 'patch rollouts.argoproj.io/status' });
    expect(patch!.reason).toContain('promote, promote --full, abort and retry patch its status subresource');
    // and the API server refuses the promote the same way
    const error = await make('half-token').promote({ namespace: 'shop', name: 'checkout' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'forbidden', message: expect.stringContaining('User "half" cannot patch resource "rollouts/status" in API group "argoproj.io" in the namespace "shop"') });
  });

  it("an authorizer's own reason is shown; '*' asks for every namespace", async () => {
    const checks = await make('webhook-token').governance!.capabilities(['*']);
    expect(checks[0]).toMatchObject({ scope: '*', allowed: false });
    expect(checks[0]!.reason).toMatch(/^Kubernetes denies "patch" on rollouts \(API group argoproj.io\) in every namespace: .* The cluster said: change freeze until Monday \(policy prod-freeze\)$/);
    expect((server.requests[0]!.body as { spec: { resourceAttributes: { namespace: string } } }).spec.resourceAttributes.namespace).toBe('');
  });

  it('the allow-all token may do everything; a review the server will not answer is unknown, not refused', async () => {
    expect((await make(TOKEN).governance!.capabilities(['shop'])).every((c) => c.allowed && c.reason === null)).toBe(true);
    server.deny((r) => r.path.endsWith('/selfsubjectaccessreviews'));
    const unknown = await make(TOKEN).governance!.capabilities(['shop']);
    expect(unknown[0]).toMatchObject({ allowed: true, reason: expect.stringContaining('Ringside could not check "patch" on rollouts (API group argoproj.io) in namespace shop') });
    await expect(make('wrong-token').governance!.capabilities(['shop'])).rejects.toMatchObject({ code: 'unauthorized' });
    await expect(make(TOKEN).governance!.capabilities(['Not A Namespace'])).rejects.toMatchObject({ code: 'bad_request' });
  });

  it('whoAmI answers the token\'s user, once per connection', async () => {
    const alice = make('alice-token').governance!;
    expect(await alice.whoAmI()).toBe('alice@example.com');
    expect(await alice.whoAmI()).toBe('alice@example.com');
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /apis/authentication.k8s.io/v1/selfsubjectreviews']);
    expect(await make(TOKEN).governance!.whoAmI()).toBe('system:serviceaccount:ringside:console');
  });

  it('whoAmI falls back to older versions, and is null where no version is served', async () => {
    const old = await startKubeContractServer({ token: TOKEN, rollouts: [], access: ACCESS, selfSubjectReview: ['v1alpha1'] });
    const none = await startKubeContractServer({ token: TOKEN, rollouts: [], selfSubjectReview: [] });
    try {
      expect(await make('alice-token', old).governance!.whoAmI()).toBe('alice@example.com');
      expect(old.requests.map((r) => r.path.split('/')[3])).toEqual(['v1', 'v1beta1', 'v1alpha1']);
      expect(await make(TOKEN, none).governance!.whoAmI()).toBeNull();
      expect(none.requests).toHaveLength(3);
    } finally {
      await old.stop();
      await none.stop();
    }
  });
});
