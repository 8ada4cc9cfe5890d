import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WorkspaceConfig, type WorkspaceConfigInput } from '../../src-shared/domain/workspaceConfig';
import { startKubeContractServer } from '../../test-harness/kube/contractServer';
import { rolloutFixtures } from '../../test-harness/kube/rolloutFixtures';
import { startFakeUnleash } from './connectionTest/testing/fakeUnleash';
import { makeSelfSigned } from './connectionTest/testing/selfSigned';
import { buildWorkspace, type SecretSource } from './workspaceBuild';

/** The config as a form could send it: parsed with the schema's defaults, but a refused URL kept, so the adapter's own check is what answers. */
const unchecked = (input: WorkspaceConfigInput): WorkspaceConfig => {
  const parsed = WorkspaceConfig.safeParse(input);
  return parsed.success ? parsed.data : ({ production: false, policy: { environments: {} }, ...input } as WorkspaceConfig);
};

const secrets = (values: Record<string, string>, howToSet?: SecretSource['howToSet']): SecretSource => ({ get: (name) => values[name], howToSet });
const config = (input: Omit<WorkspaceConfigInput, 'id' | 'name'>) => unchecked({ id: 'ws', name: 'WS', ...input });

/** A loopback server answering what Unleash's feature search and Prometheus' query answer, recording each request's headers. */
async function recorder() {
  const seen: { path: string; headers: IncomingHttpHeaders }[] = [];
  const server: Server = createServer((req, res) => {
    seen.push({ path: req.url ?? '', headers: req.headers });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(req.url?.startsWith('/api/v1/') ? { status: 'success', data: { resultType: 'vector', result: [] } } : { features: [], total: 0 }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, stop: () => new Promise<void>((r) => server.close(() => r())) };
}

describe('buildWorkspace', () => {
  it('signs in to Unleash with flags.token and to Prometheus with a bearer or basic auth, and carries production and policy', async () => {
    const server = await recorder();
    try {
      const policy = { environments: { production: 'operator' as const }, fourEyesDeploy: true };
      const bearer = buildWorkspace(
        config({ production: true, policy, flags: { url: server.url, project: 'shop' }, metrics: { url: server.url, auth: 'bearer' } }),
        secrets({ 'flags.token': 'unleash-tok', 'metrics.bearer': 'prom-tok' }),
      );
      expect(bearer).toMatchObject({ id: 'ws', kind: 'live', production: true, policy, deploy: null, releases: [] });
      await bearer.flags!.listSummaries!();
      await bearer.metrics!.queryRange({ query: 'up', start: 0, end: 60_000, stepMs: 15_000 });
      expect(server.seen.find((r) => r.path.startsWith('/api/admin/search/features?project=IS:shop'))?.headers.authorization).toBe('unleash-tok');
      expect(server.seen.find((r) => r.path.startsWith('/api/v1/query_range'))?.headers.authorization).toBe('Bearer prom-tok');

      const basic = buildWorkspace(config({ metrics: { url: server.url, auth: 'basic', username: 'grafana' } }), secrets({ 'metrics.password': 'pw' }));
      await basic.metrics!.queryRange({ query: 'up', start: 0, end: 60_000, stepMs: 15_000 });
      expect(server.seen.at(-1)?.headers.authorization).toBe(`Basic ${Buffer.from('grafana:pw').toString('base64')}`);
      expect(JSON.stringify([bearer, basic])).not.toMatch(/unleash-tok|prom-tok|"pw"/);
    } finally {
      await server.stop();
    }
  });

  it.each([
    [{ flags: { url: 'https://u.example' } }, {}, /Workspace ws needs an Unleash admin token: enter it in the workspace's settings \(secret "flags\.token"\)/],
    [{ metrics: { url: 'https://p.example', auth: 'bearer' } }, {}, /needs a Prometheus token: .*\(secret "metrics\.bearer"\)/],
    [{ metrics: { url: 'https://p.example', auth: 'basic', username: 'u' } }, {}, /needs the Prometheus password: .*\(secret "metrics\.password"\)/],
    [{ metrics: { url: 'https://p.example', auth: 'basic' } }, { 'metrics.password': 'x' }, /basic auth needs a username \(metrics\.username\)/],
    [{ deploy: { url: 'https://k.example:6443' } }, {}, /needs a Kubernetes token: .*\(secret "deploy\.token"\)/],
    [{ flags: { url: 'http://10.1.2.3:4242' } }, { 'flags.token': 't' }, /flags\.url:? is plain http to 10\.1\.2\.3:4242; use https/],
    [{ metrics: { url: 'http://example.test' } }, {}, /metrics\.url:? is plain http to example\.test; use https/],
    [{ deploy: { url: 'http://example.test:6443' } }, { 'deploy.token': 't' }, /deploy\.url:? is plain http to example\.test:6443/],
    [{ deploy: { kubeconfig: '/k', ca: '-----BEGIN CERTIFICATE-----x' } }, {}, /ca goes with url; a kubeconfig carries its cluster's CA/],
  ] as const)('refuses %j with %j before any request', (input, values, message) => {
    expect(() => buildWorkspace(config(input as Omit<WorkspaceConfigInput, 'id' | 'name'>), secrets(values))).toThrow(message);
  });

  it('says how to give a missing secret where the source knows', () => {
    expect(() => buildWorkspace(config({ flags: { url: 'https://u.example' } }), secrets({}, () => 'set the environment variable MY_TOKEN'))).toThrow(
      'Workspace ws needs an Unleash admin token: set the environment variable MY_TOKEN (secret "flags.token").',
    );
  });

  it('reaches Argo Rollouts through a URL and deploy.token; a kubectl proxy on this machine needs no token', async () => {
    const kube = await startKubeContractServer({ token: 'kube-tok', rollouts: rolloutFixtures() });
    try {
      const workspace = buildWorkspace(config({ deploy: { url: kube.url, namespaces: ['search'] } }), secrets({ 'deploy.token': 'kube-tok' }));
      expect((await workspace.deploy!.listRollouts()).map((r) => r.name)).toEqual(['indexer', 'search']);
      workspace.dispose?.();
      const proxy = buildWorkspace(config({ deploy: { url: 'http://127.0.0.1:8001' } }), secrets({}));
      expect(proxy.deploy?.provider).toBe('argo-rollouts');
      proxy.dispose?.();
    } finally {
      await kube.stop();
    }
  });

  it('trusts a custom CA for Unleash through the provider, and names the certificate problem without it', async () => {
    const cert = makeSelfSigned();
    const unleash = await startFakeUnleash({ token: 't0k', cert: cert.cert, key: cert.key });
    try {
      const trusted = buildWorkspace(config({ flags: { url: unleash.url, ca: cert.cert } }), secrets({ 'flags.token': 't0k' }));
      await expect(trusted.flags!.listSummaries!()).resolves.toEqual({ flags: [], environments: [] });
      trusted.dispose?.();
      const untrusted = buildWorkspace(config({ flags: { url: unleash.url } }), secrets({ 'flags.token': 't0k' }));
      await expect(untrusted.flags!.listSummaries!()).rejects.toThrow(/certificate/);
    } finally {
      await unleash.stop();
      cert.remove();
    }
  });
});
