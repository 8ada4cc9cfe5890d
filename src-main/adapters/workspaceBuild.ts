import type { Agent } from 'node:https';
import { WorkspaceConfig, type SecretName } from '../../src-shared/domain/workspaceConfig';
import { describeIssues } from '../../src-shared/ipc/parse';
import { RingsideError } from '../../src-shared/ipc/result';
import type { ReleaseDefinition, Workspace } from '../core/workspace';
import { createArgoRolloutsProvider } from './argo-rollouts/argoRolloutsProvider';
import { readKubeconfig } from './argo-rollouts/kubeconfig';
import type { KubeConnection } from './argo-rollouts/kubeConnection';
import { caAgent, checkServerUrl, isLoopbackHost } from './http/urlPolicy';
import type { PrometheusAuth } from './prometheus/authHeaders';
import { createPrometheusProvider } from './prometheus/prometheusProvider';
import { createUnleashProvider } from './unleash/unleashProvider';

/** Where a workspace's secrets come from when it is built: the SecretStore, the environment, a secrets file. */
export interface SecretSource {
  get(name: SecretName): string | undefined;
  /** how a person provides a missing secret, e.g. "set the environment variable RINGSIDE_UNLEASH_TOKEN" */
  howToSet?(name: SecretName): string;
}

const WHAT: Record<SecretName, string> = {
  'flags.token': 'an Unleash admin token',
  'metrics.bearer': 'a Prometheus token',
  'metrics.password': 'the Prometheus password',
  'deploy.token': 'a Kubernetes token',
  'deploy.clientKey': 'the Kubernetes client key',
};

/** A secret the workspace cannot work without; missing, the error names it and how to give it. */
export function requireSecret(id: string, secrets: SecretSource, name: SecretName): string {
  const value = secrets.get(name);
  if (value !== undefined && value !== '') return value;
  const how = secrets.howToSet?.(name) ?? "enter it in the workspace's settings";
  throw new RingsideError('bad_request', `Workspace ${id} needs ${WHAT[name]}: ${how} (secret "${name}").`);
}

/** The config with its defaults, or a bad_request naming each wrong field. */
export function checkedConfig(config: WorkspaceConfig): WorkspaceConfig {
  const parsed = WorkspaceConfig.safeParse(config);
  if (!parsed.success) throw new RingsideError('bad_request', `Workspace ${String(config?.id).slice(0, 63)}: ${describeIssues(parsed.error.issues)}`);
  return parsed.data;
}

/** The trust for an Unleash or Prometheus URL: its custom CA over https; a CA with plain http is a mistake worth naming. */
export function trustFor(url: string, ca: string | undefined, what: string): Agent | undefined {
  const checked = checkServerUrl(url, `${what}.url`);
  if (ca !== undefined && checked.protocol === 'http:') {
    throw new RingsideError('bad_request', `${what}: a CA is given but the URL is plain http; use the server's https URL.`);
  }
  return caAgent(ca, what);
}

/** How the metrics store is signed in to, its secrets taken from the source. */
export function metricsAuthOf(config: WorkspaceConfig, secrets: SecretSource): PrometheusAuth | undefined {
  const metrics = config.metrics!;
  if (metrics.auth === 'bearer') return { bearer: requireSecret(config.id, secrets, 'metrics.bearer') };
  if (metrics.auth === 'basic') {
    if (!metrics.username) throw new RingsideError('bad_request', `Workspace ${config.id}, metrics: basic auth needs a username (metrics.username).`);
    return { username: metrics.username, password: requireSecret(config.id, secrets, 'metrics.password') };
  }
  return undefined;
}

/**
 * The Kubernetes API connection: a kubeconfig context (its own credentials and CA), or a URL with
 * the deploy.token secret and an optional CA. Only plain http to this machine (kubectl proxy) goes
 * without a token.
 */
export function kubeConnectionOf(config: WorkspaceConfig, secrets: SecretSource): KubeConnection {
  const deploy = config.deploy!;
  const source = `Workspace ${config.id}, deploy`;
  if (deploy.kubeconfig) {
    if (deploy.ca) throw new RingsideError('bad_request', `${source}: ca goes with url; a kubeconfig carries its cluster's CA (certificate-authority-data).`);
    return readKubeconfig(deploy.kubeconfig, deploy.context);
  }
  const url = checkServerUrl(deploy.url!, `${source}.url`);
  const proxy = url.protocol === 'http:' && isLoopbackHost(url.hostname);
  const token = proxy ? secrets.get('deploy.token') || undefined : requireSecret(config.id, secrets, 'deploy.token');
  return { server: deploy.url!, token, ca: deploy.ca, source };
}

export interface BuildExtras {
  releases?: ReleaseDefinition[];
}

/**
 * A live workspace from its config and its secrets: Unleash, Prometheus and Argo Rollouts as
 * configured, every URL checked first (https unless this machine), a custom CA trusted through an
 * https.Agent. A missing secret is named before any provider exists.
 */
export function buildWorkspace(input: WorkspaceConfig, secrets: SecretSource, extras: BuildExtras = {}): Workspace {
  const config = checkedConfig(input);
  const agents: Agent[] = [];
  const keep = (agent: Agent | undefined) => {
    if (agent) agents.push(agent);
    return agent;
  };
  let flags: Workspace['flags'] = null;
  let metrics: Workspace['metrics'] = null;
  let deploy: ReturnType<typeof createArgoRolloutsProvider> | null = null;
  try {
    if (config.flags) {
      const f = config.flags;
      const token = requireSecret(config.id, secrets, 'flags.token');
      const agent = keep(trustFor(f.url, f.ca, `Workspace ${config.id}, flags`));
      flags = createUnleashProvider({ url: f.url, project: f.project, token, timeoutMs: f.timeoutMs, agent });
    }
    if (config.metrics) {
      const m = config.metrics;
      const auth = metricsAuthOf(config, secrets);
      const agent = keep(trustFor(m.url, m.ca, `Workspace ${config.id}, metrics`));
      metrics = createPrometheusProvider({ url: m.url, auth, timeoutMs: m.timeoutMs, agent });
    }
    if (config.deploy) {
      const d = config.deploy;
      deploy = createArgoRolloutsProvider({
        connection: kubeConnectionOf(config, secrets),
        namespaces: d.namespaces,
        timeoutMs: d.timeoutMs,
      });
    }
  } catch (error) {
    for (const agent of agents) agent.destroy();
    throw error;
  }
  const dispose = () => {
    for (const agent of agents) agent.destroy();
    deploy?.dispose();
  };
  return {
    id: config.id,
    name: config.name,
    kind: 'live',
    production: config.production,
    policy: config.policy,
    flags,
    deploy,
    metrics,
    releases: extras.releases ?? [],
    dispose: agents.length > 0 || deploy ? dispose : undefined,
  };
}
