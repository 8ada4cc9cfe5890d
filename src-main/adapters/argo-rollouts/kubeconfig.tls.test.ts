import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeTestPki, type TestPki } from '../../../test-harness/kube/certs';
import { startKubeContractServer, type KubeContractServer } from '../../../test-harness/kube/contractServer';
import { rolloutFixtures } from '../../../test-harness/kube/rolloutFixtures';
import { createArgoRolloutsProvider } from './argoRolloutsProvider';
import { readKubeconfig } from './kubeconfig';

const TOKEN = 'tls-sa-token';
const b64 = (pem: string) => Buffer.from(pem).toString('base64');

interface Sketch {
  server: string;
  cluster?: string[];
  user?: string[];
  currentContext?: string | null;
  contextName?: string;
  userName?: string;
  contextUser?: string;
  namespace?: string;
}

/** A kubeconfig laid out as `kubectl config view --raw` writes one. */
function kubeconfigYaml(s: Sketch): string {
  const indent = (lines: string[]) => lines.map((l) => `    ${l}`).join('\n');
  return [
    'apiVersion: v1',
    'kind: Config',
    'preferences: {}',
    'clusters:',
    '- cluster:',
    `    server: ${s.server}`,
    indent(s.cluster ?? []),
    '  name: test-cluster',
    'contexts:',
    '- context:',
    '    cluster: test-cluster',
    `    user: ${s.contextUser ?? s.userName ?? 'release-manager'}`,
    s.namespace ? `    namespace: ${s.namespace}` : '',
    `  name: ${s.contextName ?? 'prod'}`,
    s.currentContext === null ? '' : `current-context: ${s.currentContext ?? 'prod'}`,
    'users:',
    `- name: ${s.userName ?? 'release-manager'}`,
    '  user:',
    indent(s.user ?? []),
    '',
  ]
    .filter((l) => l.trim() !== '')
    .join('\n');
}

describe('kubeconfig files and TLS to the API server', () => {
  let pki: TestPki;
  let tls: KubeContractServer;
  let dir: string;
  const write = (name: string, content: string) => {
    const file = join(dir, name);
    writeFileSync(file, content);
    return file;
  };
  const listWith = async (file: string, extra: { context?: string } = {}) => {
    const argo = createArgoRolloutsProvider({ connection: readKubeconfig(file, extra.context), retry: { retries: 0, baseDelayMs: 1, maxDelayMs: 1 } });
    try {
      return await argo.listRollouts();
    } finally {
      argo.dispose();
    }
  };

  beforeAll(async () => {
    pki = makeTestPki();
    dir = mkdtempSync(join(tmpdir(), 'ringside-kubeconfig-'));
    tls = await startKubeContractServer({
      token: TOKEN,
      rollouts: rolloutFixtures(),
      tls: { key: pki.pem(pki.serverKey), cert: pki.pem(pki.serverCert), clientCa: pki.pem(pki.caCert) },
    });
  });
  afterAll(async () => {
    await tls?.stop();
    pki?.remove();
  });

  it('connects with a token and the cluster CA from a file, and lists every namespace the credentials may read', async () => {
    const file = write('token.yaml', kubeconfigYaml({ server: tls.url, cluster: [`certificate-authority: ${pki.caCert}`], user: [`token: ${TOKEN}`], namespace: 'search' }));
    const rollouts = await listWith(file);
    // No namespaces named in the workspace: the whole cluster, not only the context's namespace.
    expect(rollouts).toHaveLength(7);
    expect(rollouts.map((r) => r.name)).toEqual(expect.arrayContaining(['indexer', 'search']));
    expect(tls.requests.find((r) => r.path.includes('/rollouts'))).toMatchObject({ auth: 'token', path: expect.stringContaining('/apis/argoproj.io/v1alpha1/rollouts') });
  });

  it('connects with a client certificate and key (relative paths) and an inline CA', async () => {
    mkdirSync(join(dir, 'creds'), { recursive: true });
    write('creds/me.crt', pki.pem(pki.clientCert));
    write('creds/me.key', pki.pem(pki.clientKey));
    const file = write('cert.yaml', kubeconfigYaml({
      server: tls.url,
      cluster: [`certificate-authority-data: ${b64(pki.pem(pki.caCert))}`],
      user: ['client-certificate: creds/me.crt', 'client-key: creds/me.key'],
      namespace: 'shop',
    }));
    expect(await listWith(file)).toHaveLength(7);
    expect(tls.requests.at(-1)!.auth).toBe('certificate');
  });

  it('refuses a server whose certificate the kubeconfig CA did not sign, with a clear TLS error', async () => {
    const file = write('wrong-ca.yaml', kubeconfigYaml({ server: tls.url, cluster: [`certificate-authority: ${pki.otherCaCert}`], user: [`token: ${TOKEN}`] }));
    const before = tls.requests.length;
    await expect(listWith(file)).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringMatching(/Kubernetes at 127\.0\.0\.1:\d+: its TLS certificate is not signed by the certificate authority Ringside was given; check the CA of this connection \(\w+\)/),
    });
    expect(tls.requests.length).toBe(before);
  });

  it('checks the name in the certificate against tls-server-name', async () => {
    const good = write('sni-good.yaml', kubeconfigYaml({ server: tls.url, cluster: [`certificate-authority: ${pki.caCert}`, 'tls-server-name: localhost'], user: [`token: ${TOKEN}`], namespace: 'search' }));
    expect(await listWith(good)).toHaveLength(7);
    const bad = write('sni-bad.yaml', kubeconfigYaml({ server: tls.url, cluster: [`certificate-authority: ${pki.caCert}`, 'tls-server-name: kubernetes.default.svc'], user: [`token: ${TOKEN}`] }));
    await expect(listWith(bad)).rejects.toMatchObject({ message: expect.stringContaining('its TLS certificate is for another host name; check the server URL and any TLS server name given (ERR_TLS_CERT_ALTNAME_INVALID)') });
  });

  it('refuses insecure-skip-tls-verify: certificate errors are never ignored', async () => {
    const file = write('insecure.yaml', kubeconfigYaml({ server: tls.url, cluster: ['insecure-skip-tls-verify: true'], user: [`token: ${TOKEN}`], namespace: 'search' }));
    await expect(listWith(file)).rejects.toMatchObject({ code: 'bad_request', message: expect.stringContaining('sets insecure-skip-tls-verify: Ringside will not send credentials') });
    const both = write('insecure-ca.yaml', kubeconfigYaml({ server: tls.url, cluster: ['insecure-skip-tls-verify: true', `certificate-authority: ${pki.caCert}`], user: [`token: ${TOKEN}`] }));
    await expect(listWith(both)).rejects.toThrow(/insecure-skip-tls-verify/);
  });

  it('names the missing context, the missing current-context, an unknown user and an unknown cluster', () => {
    const missing = write('ctx.yaml', kubeconfigYaml({ server: tls.url, user: [`token: ${TOKEN}`], contextName: 'dev', currentContext: 'prod' }));
    expect(() => readKubeconfig(missing)).toThrow(/Kubeconfig .*ctx\.yaml has no context "prod" \(contexts defined: "dev"\)/);
    expect(readKubeconfig(missing, 'dev').token).toBe(TOKEN);
    const none = write('none.yaml', kubeconfigYaml({ server: tls.url, user: [`token: ${TOKEN}`], currentContext: null }));
    expect(() => readKubeconfig(none)).toThrow(/has no current-context; name the context to use in the workspace's deploy\.context/);
    const ghost = write('ghost.yaml', kubeconfigYaml({ server: tls.url, user: [`token: ${TOKEN}`], contextUser: 'ghost' }));
    expect(() => readKubeconfig(ghost)).toThrow(/context "prod" names user "ghost", which the file does not define \(users defined: "release-manager"\)/);
    const noCluster = write('nocluster.yaml', kubeconfigYaml({ server: tls.url, user: [] }).replace('cluster: test-cluster', 'cluster: elsewhere'));
    expect(() => readKubeconfig(noCluster)).toThrow(/names cluster "elsewhere", which the file does not define/);
  });

  it('names an unreadable certificate file, bad inline data, a certificate that is not PEM and a key that does not match', () => {
    const unreadable = write('unreadable.yaml', kubeconfigYaml({ server: tls.url, user: ['client-certificate: /nonexistent/me.crt', `client-key: ${pki.clientKey}`] }));
    expect(() => readKubeconfig(unreadable)).toThrow(/user "release-manager" client-certificate file \/nonexistent\/me\.crt \(ENOENT\)/);
    const inline = write('inline.yaml', kubeconfigYaml({ server: tls.url, cluster: ['certificate-authority-data: bm90IGEgY2VydA=='], user: [] }));
    expect(() => readKubeconfig(inline)).toThrow(/cluster "test-cluster" certificate-authority-data is not base64-encoded PEM/);
    const garbage = write('garbage.crt', '-----BEGIN CERTIFICATE-----\nbm9wZQ==\n-----END CERTIFICATE-----\n');
    const notPem = write('notpem.yaml', kubeconfigYaml({ server: tls.url, cluster: [`certificate-authority: ${garbage}`], user: [`token: ${TOKEN}`] }));
    expect(() => createArgoRolloutsProvider({ connection: readKubeconfig(notPem) })).toThrow(/certificate-authority is not a PEM certificate/);
    const mismatch = write('mismatch.yaml', kubeconfigYaml({ server: tls.url, user: [`client-certificate: ${pki.clientCert}`, `client-key: ${pki.serverKey}`] }));
    expect(() => createArgoRolloutsProvider({ connection: readKubeconfig(mismatch) })).toThrow(/client-key does not belong to client-certificate/);
    const half = write('half.yaml', kubeconfigYaml({ server: tls.url, user: [`client-certificate: ${pki.clientCert}`] }));
    expect(() => createArgoRolloutsProvider({ connection: readKubeconfig(half) })).toThrow(/needs its key/);
  });

  it('refuses credential plugins, passwords, bad YAML, a missing file and plain http to another host', () => {
    const exec = write('exec.yaml', kubeconfigYaml({ server: tls.url, user: ['exec:', '  apiVersion: client.authentication.k8s.io/v1beta1', '  command: aws', '  args: ["eks", "get-token"]'] }));
    expect(() => readKubeconfig(exec)).toThrow(/signs in through an exec credential plugin \(aws\); Ringside runs no plugins/);
    const basic = write('basic.yaml', kubeconfigYaml({ server: tls.url, user: ['username: admin', 'password: hunter2'] }));
    expect(() => readKubeconfig(basic)).toThrow(/username and password, which Kubernetes no longer accepts/);
    const broken = write('broken.yaml', 'clusters:\n- name: [unclosed\n');
    expect(() => readKubeconfig(broken)).toThrow(/is not valid YAML/);
    expect(() => readKubeconfig(join(dir, 'absent.yaml'))).toThrow(/Cannot read kubeconfig .*absent\.yaml: ENOENT/);
    const plain = write('plain.yaml', kubeconfigYaml({ server: 'http://kube.example.com:8080', user: [`token: ${TOKEN}`] }));
    expect(() => createArgoRolloutsProvider({ connection: readKubeconfig(plain) })).toThrow(/plain http; Kubernetes API servers must be reached over https/);
  });

  it('reads a token from tokenFile next to the kubeconfig', async () => {
    write('sa.token', `${TOKEN}\n`);
    const file = write('tokenfile.yaml', kubeconfigYaml({ server: tls.url, cluster: [`certificate-authority: ${pki.caCert}`], user: ['tokenFile: sa.token'], namespace: 'search' }));
    expect(readKubeconfig(file)).toMatchObject({ token: TOKEN, namespace: 'search', source: expect.stringContaining('context "prod"') });
    expect(await listWith(file)).toHaveLength(7);
  });
});
