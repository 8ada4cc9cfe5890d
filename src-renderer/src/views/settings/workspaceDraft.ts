import { WorkspaceConfig, type Profile, type SecretName, type WorkspaceConfigInput } from '../../../../src-shared/domain/workspaceConfig';
import type { WorkspaceEntry } from '../../../../src-shared/ipc/channels/workspaceChannels';

/** The workspace form as typed: text per field, never a secret (those stay in write-only inputs). */
export interface Draft {
  id: string;
  /** the id was typed by hand: it no longer follows the name */
  idTouched: boolean;
  name: string;
  production: boolean;
  flagsUrl: string;
  flagsProject: string;
  flagsCa: string;
  metricsUrl: string;
  metricsAuth: 'none' | 'bearer' | 'basic';
  metricsUsername: string;
  metricsCa: string;
  deployMode: 'none' | 'kubeconfig' | 'url';
  kubeconfig: string;
  context: string;
  deployUrl: string;
  deployCa: string;
  /** namespaces separated by spaces or commas; empty: every namespace the credentials may read */
  namespaces: string;
  defaultProfile: Profile | '';
  environments: { name: string; profile: Profile }[];
  deployProfile: Profile | '';
  fourEyesDeploy: 'default' | 'on' | 'off';
  sessionOnly: boolean;
}

export const secretLabels: Record<SecretName, string> = {
  'flags.token': 'Unleash API token',
  'metrics.bearer': 'Prometheus bearer token',
  'metrics.password': 'Prometheus password',
  'deploy.token': 'Kubernetes token',
  'deploy.clientKey': 'Kubernetes client key',
};

/** A workspace id from its name: lowercase letters, digits and dashes, as the contract wants it. */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, 63)
    .replace(/-+$/, '');
  return slug;
}

export function draftFrom(entry: WorkspaceEntry | null): Draft {
  const c = entry?.config ?? null;
  const policy = c?.policy;
  return {
    id: c?.id ?? '',
    idTouched: c !== null,
    name: c?.name ?? '',
    production: c?.production ?? false,
    flagsUrl: c?.flags?.url ?? '',
    flagsProject: c?.flags?.project ?? 'default',
    flagsCa: c?.flags?.ca ?? '',
    metricsUrl: c?.metrics?.url ?? '',
    metricsAuth: c?.metrics?.auth ?? 'none',
    metricsUsername: c?.metrics?.username ?? '',
    metricsCa: c?.metrics?.ca ?? '',
    deployMode: c?.deploy?.url ? 'url' : c?.deploy?.kubeconfig ? 'kubeconfig' : 'none',
    kubeconfig: c?.deploy?.kubeconfig ?? '',
    context: c?.deploy?.context ?? '',
    deployUrl: c?.deploy?.url ?? '',
    deployCa: c?.deploy?.ca ?? '',
    namespaces: c?.deploy?.namespaces?.join(' ') ?? '',
    defaultProfile: policy?.defaultProfile ?? '',
    environments: Object.entries(policy?.environments ?? {}).map(([name, profile]) => ({ name, profile })),
    deployProfile: policy?.deployProfile ?? '',
    fourEyesDeploy: policy?.fourEyesDeploy === undefined ? 'default' : policy.fourEyesDeploy ? 'on' : 'off',
    sessionOnly: entry?.sessionOnly ?? false,
  };
}

/** The secrets the form asks for, given how it is filled in. */
export function secretsFor(draft: Draft): SecretName[] {
  const names: SecretName[] = [];
  if (draft.flagsUrl.trim()) names.push('flags.token');
  if (draft.metricsUrl.trim() && draft.metricsAuth === 'bearer') names.push('metrics.bearer');
  if (draft.metricsUrl.trim() && draft.metricsAuth === 'basic') names.push('metrics.password');
  if (draft.deployMode === 'url') names.push('deploy.token');
  return names;
}

const text = (value: string) => (value.trim() ? value.trim() : undefined);
/** A pasted PEM keeps its line breaks; only the blank edges go. */
const pem = (value: string) => (value.trim() ? `${value.trim()}\n` : undefined);

const fieldNames: Record<string, string> = {
  id: 'Id',
  name: 'Name',
  'flags.url': 'Unleash URL',
  'flags.project': 'Unleash project',
  'flags.ca': 'Unleash CA',
  'metrics.url': 'Prometheus URL',
  'metrics.username': 'Prometheus username',
  'metrics.ca': 'Prometheus CA',
  'deploy.kubeconfig': 'Kubeconfig',
  'deploy.context': 'Kubeconfig context',
  'deploy.url': 'Kubernetes API URL',
  'deploy.ca': 'Kubernetes CA',
  'deploy.namespaces': 'Namespaces',
  'policy.environments': 'Environment profiles',
};

/**
 * The config the form describes, checked with the contract's own schema (main checks it again), or
 * what is wrong with it in words. Fields the form does not show (timeouts) are kept from `base`.
 */
export function buildConfig(draft: Draft, base: WorkspaceConfig | null): { config: WorkspaceConfig } | { problems: string[] } {
  const missing = [
    !draft.name.trim() && 'Name must not be empty.',
    draft.deployMode === 'kubeconfig' && !draft.kubeconfig.trim() && "Kubeconfig must name the file (or choose 'API URL and token').",
    draft.deployMode === 'url' && !draft.deployUrl.trim() && 'Kubernetes API URL must not be empty.',
    draft.metricsAuth === 'basic' && draft.metricsUrl.trim() && !draft.metricsUsername.trim() && 'Prometheus username must not be empty for basic auth.',
  ].filter((p): p is string => typeof p === 'string');
  if (missing.length) return { problems: missing };
  const input: WorkspaceConfigInput = {
    id: draft.id.trim(),
    name: draft.name.trim(),
    production: draft.production,
    policy: {
      environments: Object.fromEntries(draft.environments.filter((e) => e.name.trim()).map((e) => [e.name.trim(), e.profile])),
      ...(draft.defaultProfile ? { defaultProfile: draft.defaultProfile } : {}),
      ...(draft.deployProfile ? { deployProfile: draft.deployProfile } : {}),
      ...(draft.fourEyesDeploy === 'default' ? {} : { fourEyesDeploy: draft.fourEyesDeploy === 'on' }),
    },
  };
  if (text(draft.flagsUrl)) {
    input.flags = { ...base?.flags, provider: 'unleash', url: draft.flagsUrl.trim(), project: text(draft.flagsProject) ?? 'default', ca: pem(draft.flagsCa) };
  }
  if (text(draft.metricsUrl)) {
    input.metrics = {
      ...base?.metrics,
      provider: 'prometheus',
      url: draft.metricsUrl.trim(),
      auth: draft.metricsAuth,
      username: draft.metricsAuth === 'basic' ? text(draft.metricsUsername) : undefined,
      ca: pem(draft.metricsCa),
    };
  }
  if (draft.deployMode !== 'none') {
    const namespaces = draft.namespaces.split(/[\s,]+/).filter(Boolean);
    const byFile = draft.deployMode === 'kubeconfig';
    input.deploy = {
      ...base?.deploy,
      provider: 'argo-rollouts',
      kubeconfig: byFile ? text(draft.kubeconfig) : undefined,
      context: byFile ? text(draft.context) : undefined,
      url: byFile ? undefined : text(draft.deployUrl),
      ca: byFile ? undefined : pem(draft.deployCa),
      namespaces: namespaces.length ? namespaces : undefined,
    };
  }
  const parsed = WorkspaceConfig.safeParse(dropUndefined(input));
  if (parsed.success) return { config: parsed.data };
  return {
    problems: parsed.error.issues.map((issue) => {
      const path = issue.path.filter((p) => typeof p === 'string').join('.');
      const field = fieldNames[path] ?? (path.startsWith('policy.environments') ? 'Environment profiles' : path || 'Workspace');
      return `${field} ${issue.message}.`;
    }),
  };
}

/** Strict schemas refuse nothing for an absent key, but JSON drops undefined anyway: send what is set. */
function dropUndefined<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** The config as saved, for "has the form changed": both through the same schema, so defaults agree. */
export function sameConfig(a: WorkspaceConfig, b: WorkspaceConfig | null): boolean {
  if (!b) return false;
  const parsed = WorkspaceConfig.safeParse(b);
  return parsed.success && JSON.stringify(WorkspaceConfig.parse(a)) === JSON.stringify(parsed.data);
}
