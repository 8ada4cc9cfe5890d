import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkspaceConfig, type WorkspaceConfigInput } from '../../../src-shared/domain/workspaceConfig';
import { makeTestPki, type TestPki } from '../../../test-harness/kube/certs';
import { startKubeContractServer, type KubeContractServer } from '../../../test-harness/kube/contractServer';
import { rolloutFixtures } from '../../../test-harness/kube/rolloutFixtures';
import type { SecretSource } from '../workspaceBuild';
import { testConnection } from './index';

/** The config as a form could send it: parsed with the schema's defaults, but a refused URL kept, so the adapter's own check is what answers. */
const unchecked = (input: WorkspaceConfigInput): WorkspaceConfig => {
  const parsed = WorkspaceConfig.safeParse(input);
  return parsed.success ? parsed.data : ({ production: false, policy: { environments: {} }, ...input } as WorkspaceConfig);
};

// No Kubernetes API server can run here: the contract server in test-harness/kube stands in for
// one. It has no /version, so the test adds one shaped as the API server's version.Info
// (k8s.io/apimachinery/pkg/version), which every API server serves to any authenticated user.
const TOKEN = 'kube-conn-token-91d0';
const READER = 'kube-reader-token-44e2';
const version = { handle: ({ url }: { url: URL }) => (url.pathname === '/version' ? { status: 200, body: { major: '1', minor: '30', gitVersion: 'v1.30.2', platform: 'linux/amd64' } } : null) };
const secrets = (values: Record<string, string>): SecretSource => ({ get: (name) => values[name] });
const config = (deploy: WorkspaceConfigInput['deploy']) => unchecked({ id: 'kube', name: 'Kube', deploy });
const steps = (checks: { step: string; ok: boolean }[]) => checks.map((c) => `${c.step}:${c.ok ? 'ok' : 'FAIL'}`);

describe('Test connection against the Kubernetes API (contract server over https)', () => {
  let pki: TestPki;
  let kube: KubeContractServer;

  beforeAll(async () => {
    pki = makeTestPki();
    kube = await startKubeContractServer({
      token: TOKEN,
      rollouts: rolloutFixtures(),
      tls: { key: pki.pem(pki.serverKey), cert: pki.pem(pki.serverCert) },
      resources: [version],
      access: {
        [READER]: { user: 'reader', allow: ['get', 'list'].map((verb) => ({ namespace: '*', verb, group: 'argoproj.io', resource: 'rollouts' })) },
      },
    });
  });
  afterAll(async () => {
    await kube.stop();
    pki.remove();
  });

  it('with the cluster CA and a good token: every step, with the server version and what the token may do', async () => {
    const checks = await testConnection(config({ url: kube.url, ca: pki.pem(pki.caCert), namespaces: ['search'] }), secrets({ 'deploy.token': TOKEN }));
    expect(steps(checks)).toEqual(['config:ok', 'reachable:ok', 'tls:ok', 'auth:ok', 'permissions:ok']);
    expect(checks[2]!.detail).toMatch(/^Certificate verified: kube-apiserver, issued by ringside-test-cluster-ca/);
    expect(checks[3]!.detail).toBe('Signed in to Kubernetes v1.30.2: rollouts in namespace search can be listed (some found).');
    expect(checks[4]!.detail).toMatch(/^search: may promote, abort and retry rollouts; may install gates/);
    expect(JSON.stringify(checks)).not.toContain(TOKEN);
  });

  it('a read-only token: signed in, and the permission step says what it may not do', async () => {
    const checks = await testConnection(config({ url: kube.url, ca: pki.pem(pki.caCert), namespaces: ['search'] }), secrets({ 'deploy.token': READER }));
    expect(steps(checks)).toEqual(['config:ok', 'reachable:ok', 'tls:ok', 'auth:ok', 'permissions:ok']);
    expect(checks[4]!.detail).toMatch(/^search: may not promote, abort and retry rollouts.*may not install gates/);
  });

  it('without the CA: the tls step fails with the add-the-CA sentence', async () => {
    const checks = await testConnection(config({ url: kube.url }), secrets({ 'deploy.token': TOKEN }));
    expect(steps(checks)).toEqual(['config:ok', 'reachable:ok', 'tls:FAIL']);
    expect(checks[2]!.detail).toMatch(/its certificate is self-signed \/ not signed by a CA Ringside was given — add the CA \(UNABLE_TO_VERIFY_LEAF_SIGNATURE\)\.$/);
  });

  it('a wrong token fails the auth step with the 401 sentence; a missing one is named at the config step', async () => {
    const wrong = await testConnection(config({ url: kube.url, ca: pki.pem(pki.caCert) }), secrets({ 'deploy.token': 'not-the-kube-token' }));
    expect(steps(wrong)).toEqual(['config:ok', 'reachable:ok', 'tls:ok', 'auth:FAIL']);
    expect(wrong[3]!.detail).toMatch(/^Kubernetes answered 401: the token was not accepted/);
    expect(JSON.stringify(wrong)).not.toContain('not-the-kube-token');
    const missing = await testConnection(config({ url: kube.url, ca: pki.pem(pki.caCert) }), secrets({}));
    expect(missing).toEqual([{ backend: 'deploy', step: 'config', ok: false, detail: expect.stringMatching(/needs a Kubernetes token: .*\(secret "deploy\.token"\)/) }]);
  });

  it('refuses a kubeconfig that skips TLS verification at the config step, and plain http to another host', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ringside-conn-kube-'));
    const file = join(dir, 'config');
    writeFileSync(
      file,
      [`current-context: x`, `clusters: [{name: c, cluster: {server: "${kube.url}", insecure-skip-tls-verify: true}}]`, 'contexts: [{name: x, context: {cluster: c, user: u}}]', `users: [{name: u, user: {token: ${TOKEN}}}]`].join('\n'),
    );
    const insecure = await testConnection(config({ kubeconfig: file }), secrets({}));
    expect(insecure).toEqual([{ backend: 'deploy', step: 'config', ok: false, detail: expect.stringMatching(/insecure-skip-tls-verify/) }]);
    const http = await testConnection(config({ url: 'http://10.1.2.3:6443' }), secrets({ 'deploy.token': TOKEN }));
    expect(http).toEqual([{ backend: 'deploy', step: 'config', ok: false, detail: expect.stringMatching(/is plain http to 10\.1\.2\.3:6443; use https/) }]);
  });
});
