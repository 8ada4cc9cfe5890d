import { startKubeContractServer, type KubeContractServer } from './contractServer';
import { allows, requestAttributes } from './kubeAccess';
import { rolloutFixtures } from './rolloutFixtures';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are read field by field, as a test does
type Json = any;
const TOKEN = 'kube-contract-token';
const ROLLOUT = '/apis/argoproj.io/v1alpha1/namespaces/shop/rollouts/checkout';
const SSAR = '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews';

async function call(server: KubeContractServer, method: string, path: string, body?: unknown, token = TOKEN, contentType = 'application/merge-patch+json') {
  const res = await fetch(server.url + path, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': contentType } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Json };
}
const review = (resourceAttributes: Record<string, string>) => ({ apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: { resourceAttributes } });
const patchRollouts = { verb: 'patch', group: 'argoproj.io', resource: 'rollouts' };

describe('request attributes, as the API server reads a path', () => {
  const at = (method: string, path: string) => requestAttributes(method, new URL(path, 'http://kube'));
  it('reads group, resource, subresource, namespace, name and verb', () => {
    expect(at('PATCH', `${ROLLOUT}/status`)).toEqual({ verb: 'patch', group: 'argoproj.io', resource: 'rollouts', subresource: 'status', namespace: 'shop', name: 'checkout' });
    expect(at('GET', '/apis/argoproj.io/v1alpha1/rollouts')).toMatchObject({ verb: 'list', namespace: '', resource: 'rollouts' });
    expect(at('GET', '/api/v1/namespaces')).toMatchObject({ verb: 'list', group: '', resource: 'namespaces', namespace: '' });
    expect(at('GET', '/api/v1/namespaces/shop')).toMatchObject({ verb: 'get', resource: 'namespaces', namespace: 'shop', name: 'shop' });
    expect(at('POST', '/apis/argoproj.io/v1alpha1/namespaces/shop/analysistemplates')).toMatchObject({ verb: 'create', resource: 'analysistemplates', name: '' });
    expect(at('GET', '/healthz')).toBeNull();
  });
  it('matches rules as RBAC does: a resource rule does not cover its subresources, a namespaced one not the cluster scope', () => {
    const access = { user: 'u', allow: [{ namespace: 'shop', ...patchRollouts }] };
    const ask = (namespace: string, subresource = '') => allows(access, { ...patchRollouts, namespace, subresource });
    expect([ask('shop'), ask('shop', 'status'), ask('search'), ask('')]).toEqual([true, false, false, false]);
    expect(allows(undefined, { ...patchRollouts, namespace: '', subresource: '' })).toBe(true);
  });
});

describe('Kubernetes contract server: access reviews, identities and enforced rules', () => {
  let server: KubeContractServer;
  beforeEach(async () => {
    server = await startKubeContractServer({
      token: TOKEN,
      rollouts: rolloutFixtures(),
      access: {
        'alice-token': { user: 'alice', allow: [{ namespace: 'shop', verb: 'get', group: 'argoproj.io', resource: 'rollouts' }, { namespace: 'shop', ...patchRollouts }] },
        'frozen-token': { user: 'fred', allow: [], denyReason: 'change freeze' },
      },
    });
  });
  afterEach(async () => server.stop());

  it('answers SelfSubjectAccessReview per token and namespace, 201 with the status RBAC would give', async () => {
    const yes = await call(server, 'POST', SSAR, review({ namespace: 'shop', ...patchRollouts }), 'alice-token');
    expect(yes).toMatchObject({ status: 201, body: { kind: 'SelfSubjectAccessReview', spec: { resourceAttributes: { namespace: 'shop' } }, status: { allowed: true } } });
    expect(yes.body.status.reason).toMatch(/^RBAC: allowed by RoleBinding ".*" of Role ".*" to User "alice"$/);
    expect((await call(server, 'POST', SSAR, review({ namespace: 'search', ...patchRollouts }), 'alice-token')).body.status).toEqual({ allowed: false });
    expect((await call(server, 'POST', SSAR, review({ namespace: 'shop', ...patchRollouts, subresource: 'status' }), 'alice-token')).body.status).toEqual({ allowed: false });
    expect((await call(server, 'POST', SSAR, review({ namespace: 'shop', ...patchRollouts }), 'frozen-token')).body.status).toEqual({ allowed: false, denied: true, reason: 'change freeze' });
    expect((await call(server, 'POST', SSAR, review({ namespace: 'shop', ...patchRollouts }))).body.status.allowed).toBe(true);
    expect((await call(server, 'POST', SSAR, { kind: 'SelfSubjectAccessReview', spec: {} })).status).toBe(422);
    expect(server.accessReviews).toBe(5);
  });

  it('answers SelfSubjectReview with the token\'s user; a version it does not serve is 404', async () => {
    const me = await call(server, 'POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' }, 'alice-token');
    expect(me).toMatchObject({ status: 201, body: { apiVersion: 'authentication.k8s.io/v1', status: { userInfo: { username: 'alice' } } } });
    expect((await call(server, 'POST', '/apis/authentication.k8s.io/v1alpha1/selfsubjectreviews', {}, 'alice-token')).status).toBe(404);
    expect((await call(server, 'POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', {}, 'nobody')).status).toBe(401);
  });

  it('enforces the same rules on the real endpoints with the API server\'s 403', async () => {
    const denied = await call(server, 'PATCH', '/apis/argoproj.io/v1alpha1/namespaces/search/rollouts/indexer', { spec: { paused: true } }, 'alice-token');
    expect(denied).toMatchObject({
      status: 403,
      body: {
        kind: 'Status', status: 'Failure', reason: 'Forbidden', code: 403,
        message: 'rollouts.argoproj.io "indexer" is forbidden: User "alice" cannot patch resource "rollouts" in API group "argoproj.io" in the namespace "search"',
        details: { name: 'indexer', group: 'argoproj.io', kind: 'rollouts' },
      },
    });
    const status = await call(server, 'PATCH', `${ROLLOUT}/status`, { status: { abort: true } }, 'alice-token');
    expect(status.body.message).toBe('rollouts.argoproj.io "checkout" is forbidden: User "alice" cannot patch resource "rollouts/status" in API group "argoproj.io" in the namespace "shop"');
    const cluster = await call(server, 'GET', '/apis/argoproj.io/v1alpha1/rollouts', undefined, 'alice-token');
    expect(cluster.body.message).toBe('rollouts.argoproj.io is forbidden: User "alice" cannot list resource "rollouts" in API group "argoproj.io" at the cluster scope');
    const frozen = await call(server, 'GET', ROLLOUT, undefined, 'frozen-token');
    expect(frozen.body.message).toMatch(/cannot get resource "rollouts" in API group "argoproj.io" in the namespace "shop": change freeze$/);
    expect((await call(server, 'PATCH', ROLLOUT, { spec: { paused: true } }, 'alice-token')).status).toBe(200);
    expect(server.stored('search', 'indexer')!.spec!.paused).toBeUndefined();
    expect(server.stored('shop', 'checkout')!.status!.abort).toBeUndefined();
    expect(server.requests.map((r) => r.user)).toEqual(['alice', 'alice', 'alice', 'fred', 'alice']);
  });

  it('round-trips annotations through merge patches: resourceVersion moves, generation does not; a spec change moves it', async () => {
    const before = server.stored('shop', 'checkout')!;
    const added = await call(server, 'PATCH', ROLLOUT, { metadata: { annotations: { 'ringside.dev/x': '{"a":1}' } } });
    expect(added.body.metadata).toMatchObject({ generation: 12, annotations: { 'rollout.argoproj.io/revision': '4', 'ringside.dev/x': '{"a":1}' } });
    expect(added.body.metadata.resourceVersion).not.toBe(before.metadata.resourceVersion);
    expect(added.body.status).toEqual(before.status);
    const removed = await call(server, 'PATCH', ROLLOUT, { metadata: { annotations: { 'ringside.dev/x': null } } });
    expect(removed.body.metadata).toMatchObject({ generation: 12, annotations: { 'rollout.argoproj.io/revision': '4' } });
    expect(removed.body.metadata.annotations['ringside.dev/x']).toBeUndefined();
    expect((await call(server, 'PATCH', ROLLOUT, { spec: { paused: true } })).body.metadata.generation).toBe(13);
    // the system's own fields stay the server's, whatever a patch says
    expect((await call(server, 'PATCH', ROLLOUT, { metadata: { generation: 99, uid: 'x', annotations: { a: 'b' } } })).body.metadata).toMatchObject({ generation: 13, uid: before.metadata.uid });
    expect(server.controllerStep()).toBe(1);
  });

  it('a resourceVersion in the patch is a precondition (409); bad annotations are 422', async () => {
    const current = server.stored('shop', 'checkout')!.metadata.resourceVersion;
    const ok = await call(server, 'PATCH', ROLLOUT, { metadata: { resourceVersion: current, annotations: { a: 'b' } } });
    expect(ok.status).toBe(200);
    const late = await call(server, 'PATCH', ROLLOUT, { metadata: { resourceVersion: current, annotations: { a: 'c' } } });
    expect(late).toMatchObject({ status: 409, body: { reason: 'Conflict', message: expect.stringContaining('the object has been modified') } });
    expect((await call(server, 'PATCH', ROLLOUT, { metadata: { annotations: { a: 1 } } })).status).toBe(422);
    expect((await call(server, 'PATCH', ROLLOUT, { metadata: { annotations: { 'not a key': 'x' } } })).status).toBe(422);
    expect(server.stored('shop', 'checkout')!.metadata.annotations).toMatchObject({ a: 'b' });
  });

  it('without the status subresource (0.9) annotations merge too, and do not move the generation', async () => {
    const old = await startKubeContractServer({ token: TOKEN, rollouts: rolloutFixtures(), statusSubresource: false });
    try {
      const patched = await call(old, 'PATCH', ROLLOUT, { metadata: { annotations: { a: 'b' } } });
      expect(patched.body.metadata).toMatchObject({ generation: 12, annotations: { a: 'b' } });
    } finally {
      await old.stop();
    }
  });
});
