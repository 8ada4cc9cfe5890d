import { z } from 'zod';
import { ProjectName, SafeText } from '../ipc/channels/fields';

/** A workspace id: it names the workspace's rows in the database and its address in serve mode. */
export const WorkspaceId = SafeText.regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be lowercase letters, digits and dashes (at most 63)');

/** What a person at the console may do in one environment, decided by the core (the UI only mirrors it). */
export const Profile = z.enum(['viewer', 'operator', 'releaser']);
export type Profile = z.infer<typeof Profile>;

const LOOPBACK = new Set(['127.0.0.1', '[::1]', 'localhost']);

/** Why a server's base address is refused, or null: credentials belong in secrets, not in a URL that is shown and stored. */
export function baseUrlProblem(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'must be an http(s) URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must be an http(s) URL';
  if (url.username || url.password) return "must not carry a user name or password; give credentials as the workspace's secrets";
  if (url.search || url.hash || raw.includes('?') || raw.includes('#')) return "must not have a query string or fragment; give the server's base address only";
  if (url.protocol === 'http:' && !LOOPBACK.has(url.hostname)) {
    return `is plain http to ${url.host}; use https (plain http is allowed only to this machine: 127.0.0.1, ::1, localhost)`;
  }
  return null;
}

/** A server's base address: http(s), no credentials, query or fragment; plain http only to this machine. */
export const BaseUrl = SafeText.max(2000)
  .superRefine((raw, ctx) => {
    const problem = baseUrlProblem(raw);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** A PEM certificate authority bundle given inline (a custom CA). */
export const PemBundle = SafeText.max(200_000).regex(/-----BEGIN CERTIFICATE-----/, 'must be a PEM certificate (-----BEGIN CERTIFICATE-----)');

const Namespace = SafeText.regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, 'must be a Kubernetes namespace name');

/** The names of the secrets a workspace may hold; the values live in main only (SecretStore), never in this config. */
export const SecretName = z.enum(['flags.token', 'metrics.bearer', 'metrics.password', 'deploy.token', 'deploy.clientKey']);
export type SecretName = z.infer<typeof SecretName>;

export const FlagsConnection = z
  .object({
    provider: z.literal('unleash').default('unleash'),
    url: BaseUrl,
    project: ProjectName.default('default'),
    ca: PemBundle.optional(),
    timeoutMs: z.number().int().min(100).max(120_000).optional(),
  })
  .strict();

export const MetricsConnection = z
  .object({
    provider: z.literal('prometheus').default('prometheus'),
    url: BaseUrl,
    /** bearer: secret metrics.bearer; basic: username here, secret metrics.password */
    auth: z.enum(['none', 'bearer', 'basic']).default('none'),
    username: SafeText.min(1).max(200).optional(),
    ca: PemBundle.optional(),
    timeoutMs: z.number().int().min(100).max(120_000).optional(),
  })
  .strict();

export const DeployConnection = z
  .object({
    provider: z.literal('argo-rollouts').default('argo-rollouts'),
    /** a kubeconfig file and context (its credentials and CA), or a URL with the secret deploy.token and an optional CA */
    kubeconfig: SafeText.min(1).max(4096).optional(),
    context: SafeText.min(1).max(253).optional(),
    url: BaseUrl.optional(),
    ca: PemBundle.optional(),
    namespaces: z.array(Namespace).min(1).max(50).optional(),
    timeoutMs: z.number().int().min(100).max(120_000).optional(),
  })
  .strict()
  .superRefine((d, ctx) => {
    if (Boolean(d.kubeconfig) === Boolean(d.url)) {
      ctx.addIssue({ code: 'custom', path: ['kubeconfig'], message: 'give either kubeconfig (a file) or url, exactly one' });
    }
    if (d.url && d.context) ctx.addIssue({ code: 'custom', path: ['context'], message: 'goes with kubeconfig, not url' });
  });

/** Who may do what, per environment; four-eyes where releases need a second person. */
export const WorkspacePolicy = z
  .object({
    /** profile per flag environment name; an environment not named takes defaultProfile, production ones 'operator' */
    environments: z.record(SafeText.min(1).max(100), Profile).default({}),
    defaultProfile: Profile.optional(),
    /** the profile for rollouts, rings and gates; defaults to 'operator' in a production workspace, else 'releaser' */
    deployProfile: Profile.optional(),
    /** rollout promotions, ring advances and gate installs need a second person (default: on in a production workspace) */
    fourEyesDeploy: z.boolean().optional(),
  })
  .strict();
export type WorkspacePolicy = z.infer<typeof WorkspacePolicy>;

/** One workspace as the user keeps it: addresses and rules, never a secret. */
export const WorkspaceConfig = z
  .object({
    id: WorkspaceId,
    name: SafeText.trim().min(1).max(120),
    /** marked unmistakably in the header; defaults tighten (operator profile, four-eyes on deploys) */
    production: z.boolean().default(false),
    flags: FlagsConnection.optional(),
    metrics: MetricsConnection.optional(),
    deploy: DeployConnection.optional(),
    policy: WorkspacePolicy.default({ environments: {} }),
  })
  .strict();
export type WorkspaceConfig = z.infer<typeof WorkspaceConfig>;
export type WorkspaceConfigInput = z.input<typeof WorkspaceConfig>;

/** What the renderer learns of a workspace's secrets: only whether each is set. */
export const SecretsConfigured = z.partialRecord(SecretName, z.boolean());
export type SecretsConfigured = z.infer<typeof SecretsConfigured>;

/** One line of "Test connection": each backend's reachability, TLS, authentication and what the credentials may do. */
export const ConnectionCheck = z.object({
  backend: z.enum(['flags', 'deploy', 'metrics']),
  step: z.enum(['config', 'reachable', 'tls', 'auth', 'permissions']),
  ok: z.boolean(),
  /** a sentence a person can act on */
  detail: z.string(),
});
export type ConnectionCheck = z.infer<typeof ConnectionCheck>;

/** The secrets a workspace's connections use; kubeconfig connections carry their own credentials. */
export function neededSecrets(config: WorkspaceConfig | null): SecretName[] {
  if (!config) return [];
  const names: SecretName[] = [];
  if (config.flags) names.push('flags.token');
  if (config.metrics?.auth === 'bearer') names.push('metrics.bearer');
  if (config.metrics?.auth === 'basic') names.push('metrics.password');
  if (config.deploy?.url) names.push('deploy.token');
  return names;
}

/** What the renderer may learn: for each secret the workspace uses, whether it is set. */
export function secretsConfigured(config: WorkspaceConfig | null, has: (name: SecretName) => boolean): SecretsConfigured {
  return Object.fromEntries(neededSecrets(config).map((name) => [name, has(name)]));
}
