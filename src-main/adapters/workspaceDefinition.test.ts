import { createUnleashProvider } from './unleash/unleashProvider';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startKubeContractServer } from '../../test-harness/kube/contractServer';
import { rolloutFixtures } from '../../test-harness/kube/rolloutFixtures';
import { makeSelfSigned } from './connectionTest/testing/selfSigned';
import { readWorkspaceDefinition, readWorkspaceDefinitions, workspaceFromDefinition } from './workspaceDefinition';

const write = (content: string) => {
  const file = join(mkdtempSync(join(tmpdir(), 'ringside-ws-')), 'workspace.json');
  writeFileSync(file, content);
  return file;
};

describe('workspace definition files', () => {
  it('reads a valid file with defaults and builds an Unleash workspace from an environment token', () => {
    const file = write(JSON.stringify({ id: 'prod', name: 'Production', flags: { provider: 'unleash', url: 'http://127.0.0.1:4242' } }));
    const definition = readWorkspaceDefinition(file);
    expect(definition.flags).toMatchObject({ project: 'default', tokenEnv: 'RINGSIDE_UNLEASH_TOKEN' });
    const workspace = workspaceFromDefinition(definition, { RINGSIDE_UNLEASH_TOKEN: '*:*.abc' });
    expect(workspace).toMatchObject({ id: 'prod', kind: 'live', flags: { provider: 'unleash' }, deploy: null });
    expect(JSON.stringify(workspace)).not.toContain('*:*.abc');
  });

  it.each([
    ['{ not json', /is not valid JSON/],
    [JSON.stringify({ id: 'Prod!', name: 'x' }), /id: must be lowercase/],
    [JSON.stringify({ id: 'p', name: 'x', flags: { provider: 'unleash', url: 'javascript:alert(1)' } }), /flags\.url/],
    [JSON.stringify({ id: 'p', name: 'x', flags: { provider: 'unleash', url: 'https://h', token: 'inline' } }), /token/],
    [JSON.stringify({ id: 'p', name: 'x', flags: { provider: 'unleash', url: 'https://h', tokenEnv: 'bad name' } }), /tokenEnv: must be an environment variable name/],
  ])('refuses %s with a specific error', (content, message) => {
    expect(() => readWorkspaceDefinition(write(content))).toThrow(message);
  });

  it('names the missing file and the missing token variable', () => {
    expect(() => readWorkspaceDefinition('/nonexistent/ws.json')).toThrow(/Cannot read workspace file \/nonexistent\/ws\.json/);
    const definition = readWorkspaceDefinition(write(JSON.stringify({ id: 'p', name: 'P', flags: { provider: 'unleash', url: 'https://h', tokenEnv: 'MY_TOKEN' } })));
    expect(() => workspaceFromDefinition(definition, {})).toThrow(/set the environment variable MY_TOKEN/);
  });

  it('renders health-model queries with the versions as escaped label values, and refuses unsafe templates', () => {
    const release = (query: string, version = 'v2"} or vector(1) #') => ({
      id: 'checkout-2', service: 'checkout', version, baselineVersion: 'v1',
      metrics: [{ id: 'error_rate', label: 'Errors', harmful: 'increase' as const, query }],
    });
    const workspace = workspaceFromDefinition({
      id: 'p', name: 'P',
      metrics: { provider: 'prometheus', url: 'http://127.0.0.1:9090' },
      releases: [release('sum(rate(http_requests_total{service="{{service}}",version="{{version}}",code=~"5.."}[1m]))')],
    });
    expect(workspace.metrics?.provider).toBe('prometheus');
    expect(workspace.releases[0]!.queries.error_rate).toEqual({
      canary: 'sum(rate(http_requests_total{service="checkout",version="v2\\"} or vector(1) #",code=~"5.."}[1m]))',
      baseline: 'sum(rate(http_requests_total{service="checkout",version="v1",code=~"5.."}[1m]))',
    });
    expect(() =>
      workspaceFromDefinition({ id: 'p', name: 'P', releases: [release('{{version}}_total{service="x"}', 'v2')] }),
    ).toThrow(/Release checkout-2, metric error_rate: /);
  });

  it('refuses an Unleash project id with a lone surrogate, in words, before any URL is built', () => {
    expect(() =>
      workspaceFromDefinition({ id: 'p', name: 'P', flags: { provider: 'unleash', url: 'http://127.0.0.1:4242', project: 'team\uD800', tokenEnv: 'T' } }, { T: 't' }),
    ).toThrow(/lone UTF-16 surrogate/);
    expect(() => createUnleashProvider({ url: 'http://127.0.0.1:4242', project: 'x\uDC00', token: 't' })).toThrow(/lone UTF-16 surrogate/);
  });

  it('takes a stop-the-line rule\'s consecutive breaches, minimum samples and interval, and refuses nonsense', () => {
    const release = (rule: Record<string, unknown>) => ({
      id: 'checkout-2', service: 'checkout', version: 'v2', baselineVersion: 'v1',
      metrics: [{ id: 'latency_p95', label: 'p95', harmful: 'increase' as const, query: 'x{version="{{version}}"}' }],
      rules: [{ kind: 'absolute' as const, metric: 'latency_p95', threshold: 200, ...rule }],
    });
    const workspace = workspaceFromDefinition({ id: 'p', name: 'P', releases: [release({ tripAfter: 5, minSamples: 10, intervalMs: 60_000 })] });
    expect(workspace.releases[0]!.rules).toEqual([{ kind: 'absolute', metric: 'latency_p95', threshold: 200, tripAfter: 5, minSamples: 10, intervalMs: 60_000 }]);
    expect(() => workspaceFromDefinition({ id: 'p', name: 'P', releases: [release({ tripAfter: 0 })] })).toThrow(/tripAfter/);
    expect(() => workspaceFromDefinition({ id: 'p', name: 'P', releases: [release({ failureLimit: 3 })] })).toThrow();
  });

  describe('deploy section (Argo Rollouts)', () => {
    const base = { id: 'p', name: 'P' };

    it('builds an Argo Rollouts provider from a URL and an environment token, and disposes it', async () => {
      const server = await startKubeContractServer({ token: 'kube-secret', rollouts: rolloutFixtures() });
      try {
        const workspace = workspaceFromDefinition(
          { ...base, deploy: { provider: 'argo-rollouts', url: server.url, tokenEnv: 'KUBE_TOKEN', namespaces: ['search'] } },
          { KUBE_TOKEN: 'kube-secret' },
        );
        expect(workspace.deploy?.provider).toBe('argo-rollouts');
        expect((await workspace.deploy!.listRollouts()).map((r) => r.name)).toEqual(['indexer', 'search']);
        expect(JSON.stringify(workspace)).not.toContain('kube-secret');
        workspace.dispose?.();
      } finally {
        await server.stop();
      }
    });

    it('builds one from a kubeconfig file, listing every namespace the credentials may read', async () => {
      const server = await startKubeContractServer({ token: 'kube-secret', rollouts: rolloutFixtures() });
      try {
        const kubeconfig = write(
          [
            'apiVersion: v1', 'kind: Config', 'current-context: local',
            'clusters:', '- name: c', '  cluster:', `    server: ${server.url}`,
            'contexts:', '- name: local', '  context: {cluster: c, user: u, namespace: search}',
            'users:', '- name: u', '  user:', '    token: kube-secret',
          ].join('\n'),
        );
        const workspace = workspaceFromDefinition({ ...base, deploy: { provider: 'argo-rollouts', kubeconfig } });
        // The context's namespace does not narrow the list; the workspace's `namespaces` would.
        expect((await workspace.deploy!.listRollouts()).map((r) => `${r.namespace}/${r.name}`)).toEqual(expect.arrayContaining(['search/indexer', 'search/search']));
        expect(await workspace.deploy!.listRollouts()).toHaveLength(rolloutFixtures().length);
        workspace.dispose?.();
      } finally {
        await server.stop();
      }
    });

    it.each([
      [{ provider: 'argo-rollouts' }, /deploy\.kubeconfig: give either kubeconfig \(a file\) or url, exactly one/],
      [{ provider: 'argo-rollouts', kubeconfig: '/k', url: 'https://k:6443' }, /deploy\.kubeconfig: give either/],
      [{ provider: 'argo-rollouts', kubeconfig: '/k', tokenEnv: 'T' }, /deploy\.tokenEnv: goes with url/],
      [{ provider: 'argo-rollouts', url: 'https://k:6443', context: 'prod' }, /deploy\.context: goes with kubeconfig/],
      [{ provider: 'argo-rollouts', url: 'https://k:6443', namespaces: ['Shop_1'] }, /deploy\.namespaces\.0: must be a Kubernetes namespace name/],
      [{ provider: 'argo-rollouts', url: 'https://k:6443', token: 'inline' }, /token/],
    ])('refuses deploy %j with a specific error', (deploy, message) => {
      expect(() => readWorkspaceDefinition(write(JSON.stringify({ ...base, deploy })))).toThrow(message);
    });

    it('names the missing token variable, the missing kubeconfig and an insecure cluster', () => {
      expect(() => workspaceFromDefinition({ ...base, deploy: { provider: 'argo-rollouts', url: 'https://k:6443', tokenEnv: 'KUBE_TOKEN' } }, {})).toThrow(
        /needs a Kubernetes token: set the environment variable KUBE_TOKEN/,
      );
      expect(() => workspaceFromDefinition({ ...base, deploy: { provider: 'argo-rollouts', kubeconfig: '/nonexistent/kubeconfig' } })).toThrow(
        /Cannot read kubeconfig \/nonexistent\/kubeconfig/,
      );
      const insecure = write(
        ['current-context: x', 'clusters: [{name: c, cluster: {server: "https://k:6443", insecure-skip-tls-verify: true}}]', 'contexts: [{name: x, context: {cluster: c, user: u}}]', 'users: [{name: u, user: {token: t}}]'].join('\n'),
      );
      expect(() => workspaceFromDefinition({ ...base, deploy: { provider: 'argo-rollouts', kubeconfig: insecure } })).toThrow(/insecure-skip-tls-verify/);
      expect(() => workspaceFromDefinition({ ...base, deploy: { provider: 'argo-rollouts', kubeconfig: insecure, allowInsecureTls: true as false } })).toThrow(/allowInsecureTls.*never skips certificate checks/);
    });
  });

  describe('several workspaces, production, policy, custom CAs and secrets files', () => {
    const cert = makeSelfSigned();
    afterAll(() => cert.remove());
    const caFile = write(cert.cert);
    const release = { id: 'checkout-2', service: 'checkout', version: 'v2', baselineVersion: 'v1', metrics: [{ id: 'errors', label: 'Errors', harmful: 'increase', query: 'x{version="{{version}}"}' }] };
    const two = {
      workspaces: [
        {
          id: 'prod', name: 'Production', production: true,
          policy: { environments: { production: 'operator' }, deployProfile: 'operator', fourEyesDeploy: true },
          flags: { provider: 'unleash', url: 'https://unleash.example.com', tokenEnv: 'PROD_UNLEASH', caFile },
          metrics: { provider: 'prometheus', url: 'https://mimir.example.com/prometheus', basic: { username: 'grafana', passwordEnv: 'PROD_PROM_PASSWORD' }, ca: cert.cert },
          releases: [release],
        },
        { id: 'staging', name: 'Staging', flags: { provider: 'unleash', url: 'http://127.0.0.1:4242' }, metrics: { provider: 'prometheus', url: 'http://localhost:9090' } },
      ],
    };
    const secretsFile = (content: unknown, mode = 0o600) => {
      const file = write(JSON.stringify(content));
      chmodSync(file, mode);
      return file;
    };

    it('reads a file holding two workspaces, each with its config, which secrets are set, and a build', () => {
      const env = { PROD_UNLEASH: '*:*.prod-marker', PROD_PROM_PASSWORD: 'pw-marker', RINGSIDE_UNLEASH_TOKEN: '*:*.staging' };
      const [prod, staging] = readWorkspaceDefinitions(write(JSON.stringify(two)), env);
      expect(prod!.config).toMatchObject({
        id: 'prod', production: true,
        policy: { environments: { production: 'operator' }, deployProfile: 'operator', fourEyesDeploy: true },
        flags: { url: 'https://unleash.example.com', project: 'default', ca: cert.cert },
        metrics: { auth: 'basic', username: 'grafana', ca: cert.cert },
      });
      expect(prod!.secrets).toEqual({ 'flags.token': true, 'metrics.password': true });
      expect(staging!.config).toMatchObject({ id: 'staging', production: false, metrics: { auth: 'none' } });
      const workspace = prod!.build();
      expect(workspace).toMatchObject({ id: 'prod', production: true, policy: { fourEyesDeploy: true }, flags: { provider: 'unleash' }, metrics: { provider: 'prometheus' } });
      expect(workspace.releases.map((r) => r.release.id)).toEqual(['checkout-2']);
      expect(staging!.build().releases).toEqual([]);
      expect(JSON.stringify([prod!.config, prod!.secrets, staging!.config])).not.toMatch(/marker/);
      workspace.dispose?.();
    });

    it('names a missing secret with both ways to give it when a secrets file is in use', () => {
      const file = secretsFile({ staging: { 'flags.token': 't' } });
      const [prod] = readWorkspaceDefinitions(write(JSON.stringify(two)), {}, file);
      expect(prod!.secrets).toEqual({ 'flags.token': false, 'metrics.password': false });
      expect(() => prod!.build()).toThrow(`Workspace prod needs an Unleash admin token: set the environment variable PROD_UNLEASH, or add "flags.token" under "prod" in the secrets file ${file} (secret "flags.token").`);
    });

    it('takes secrets from a 0600 secrets file before the environment, and refuses a 0644 one with the chmod to run', () => {
      const definitions = write(JSON.stringify(two));
      const values = { prod: { 'flags.token': '*:*.from-file', 'metrics.password': 'pw' }, staging: { 'flags.token': '*:*.staging', 'metrics.bearer': 'b' } };
      const loose = secretsFile(values, 0o644);
      expect(() => readWorkspaceDefinitions(definitions, {}, loose)).toThrow(`run chmod 600 ${loose}`);
      const [prod, staging] = readWorkspaceDefinitions(definitions, { PROD_UNLEASH: '*:*.from-env' }, secretsFile(values));
      expect(prod!.secrets).toEqual({ 'flags.token': true, 'metrics.password': true });
      // a bearer token in the file turns on bearer auth for a metrics section that names none
      expect(staging!.config.metrics?.auth).toBe('bearer');
      expect(staging!.secrets).toEqual({ 'flags.token': true, 'metrics.bearer': true });
      expect(prod!.build().flags?.provider).toBe('unleash');
    });

    it('refuses secrets for a workspace the file does not define, and two workspaces with one id', () => {
      expect(() => readWorkspaceDefinitions(write(JSON.stringify(two)), {}, secretsFile({ prodd: { 'flags.token': 't' } }))).toThrow(
        /has secrets for workspace "prodd", which .* does not define \(it defines prod, staging\)/,
      );
      const twice = { workspaces: [two.workspaces[1], two.workspaces[1]] };
      expect(() => readWorkspaceDefinitions(write(JSON.stringify(twice)))).toThrow(/workspaces\.1\.id: "staging" is used by two workspaces/);
      expect(() => readWorkspaceDefinition(write(JSON.stringify(two)))).toThrow(/holds 2 workspaces; read it with readWorkspaceDefinitions/);
    });

    it.each([
      [{ flags: { provider: 'unleash', url: 'http://10.1.2.3:4242' } }, /flags\.url: is plain http to 10\.1\.2\.3:4242; use https/],
      [{ metrics: { provider: 'prometheus', url: 'http://example.test' } }, /metrics\.url: is plain http to example\.test; use https/],
      [{ deploy: { provider: 'argo-rollouts', url: 'http://example.test:6443', tokenEnv: 'K' } }, /deploy\.url: is plain http to example\.test:6443/],
      [{ flags: { provider: 'unleash', url: 'https://u:p@unleash.example.com' } }, /flags\.url: must not carry a user name or password/],
      [{ flags: { provider: 'unleash', url: 'https://h', ca: 'x', caFile: '/ca.pem' } }, /flags\.ca: must be a PEM certificate.*flags\.caFile: give ca \(PEM text\) or caFile, not both/],
      [{ metrics: { provider: 'prometheus', url: 'https://h', bearerEnv: 'B', basic: { username: 'u' } } }, /metrics\.basic: give bearerEnv or basic, not both/],
      [{ metrics: { provider: 'prometheus', url: 'https://h', basic: { username: 'a:b' } } }, /metrics\.basic\.username: may not contain ":"/],
      [{ policy: { environments: { production: 'admin' } } }, /policy\.environments\.production/],
    ])('refuses %j when reading the file', (section, message) => {
      expect(() => readWorkspaceDefinitions(write(JSON.stringify({ id: 'p', name: 'P', ...section })))).toThrow(message);
    });

    it('names a caFile it cannot read', () => {
      const file = write(JSON.stringify({ id: 'p', name: 'P', metrics: { provider: 'prometheus', url: 'https://h', caFile: '/nonexistent/ca.pem' } }));
      expect(() => readWorkspaceDefinitions(file)).toThrow('Workspace p, metrics: cannot read caFile /nonexistent/ca.pem (ENOENT).');
    });
  });
});
