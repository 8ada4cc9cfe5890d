import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { PemBundle, secretsConfigured, WorkspaceConfig, WorkspacePolicy, type SecretName, type SecretsConfigured } from '../../src-shared/domain/workspaceConfig';
import { ProjectName } from '../../src-shared/ipc/channels/fields';
import { describeIssues } from '../../src-shared/ipc/parse';
import { RingsideError } from '../../src-shared/ipc/result';
import type { Clock } from '../core/ports';
import type { Workspace } from '../core/workspace';
import type { SavedConnection } from '../core/store/workspaceSettings';
import { DeployDefinition } from './argo-rollouts/deployDefinition';
import { expandHome } from './argo-rollouts/kubeconfig';
import { createDemoWorkspace } from './demo/index';
import { checkServerUrl, urlProblem } from './http/urlPolicy';
import { ReleaseHealth, releaseDefinition } from './releaseHealth';
import { definitionSecrets } from './secrets/definitionSecrets';
import { readSecretsFile, type SecretsFileValues } from './secrets/secretsFile';
import { createUnleashProvider } from './unleash/unleashProvider';
import { buildWorkspace, type SecretSource } from './workspaceBuild';

const EnvName = z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'must be an environment variable name like RINGSIDE_UNLEASH_TOKEN');
const Timeout = z.number().int().min(100).max(120_000).optional();

/** An http(s) server address, https unless it is this machine. */
const ServerUrl = z.url({ protocol: /^https?$/ }).superRefine((url, ctx) => {
  const problem = urlProblem(url);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/** A custom CA, inline (PEM) or as a file; not both. */
const caFields = { ca: PemBundle.optional(), caFile: z.string().min(1).max(4096).optional() };
const oneCa = (d: { ca?: string; caFile?: string }, ctx: z.RefinementCtx) => {
  if (d.ca && d.caFile) ctx.addIssue({ code: 'custom', path: ['caFile'], message: 'give ca (PEM text) or caFile, not both' });
};

const FlagsDefinition = z
  .object({
    provider: z.literal('unleash'),
    url: ServerUrl,
    project: ProjectName.default('default'),
    tokenEnv: EnvName.default('RINGSIDE_UNLEASH_TOKEN'),
    ...caFields,
    timeoutMs: Timeout,
  })
  .strict()
  .superRefine(oneCa);

const MetricsDefinition = z
  .object({
    provider: z.literal('prometheus'),
    url: ServerUrl,
    bearerEnv: EnvName.optional(),
    /** basic auth: the user name here, the password from passwordEnv or the secrets file (metrics.password) */
    basic: z
      .object({ username: z.string().min(1).max(200).regex(/^[^:]*$/, 'may not contain ":"'), passwordEnv: EnvName.optional() })
      .strict()
      .optional(),
    ...caFields,
    timeoutMs: Timeout,
  })
  .strict()
  .superRefine((d, ctx) => {
    oneCa(d, ctx);
    if (d.bearerEnv && d.basic) ctx.addIssue({ code: 'custom', path: ['basic'], message: 'give bearerEnv or basic, not both' });
  });

/** One workspace of a definition file: where the console's backends are; secrets come from the environment or --secrets. */
export const WorkspaceDefinition = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be lowercase letters, digits and dashes'),
    name: z.string().min(1).max(120),
    production: z.boolean().default(false),
    policy: WorkspacePolicy.optional(),
    flags: FlagsDefinition.optional(),
    metrics: MetricsDefinition.optional(),
    deploy: DeployDefinition.optional(),
    releases: z.array(ReleaseHealth).max(100).default([]),
  })
  .strict()
  .superRefine((d, ctx) => {
    const problem = d.deploy?.url ? urlProblem(d.deploy.url) : null;
    if (problem) ctx.addIssue({ code: 'custom', path: ['deploy', 'url'], message: problem });
  });
export type WorkspaceDefinition = z.infer<typeof WorkspaceDefinition>;

/** A file holding several workspaces. */
const WorkspacesFile = z
  .object({ workspaces: z.array(WorkspaceDefinition).min(1).max(50) })
  .strict()
  .superRefine((f, ctx) => {
    const seen = new Set<string>();
    f.workspaces.forEach((w, i) => {
      if (seen.has(w.id)) ctx.addIssue({ code: 'custom', path: ['workspaces', i, 'id'], message: `"${w.id}" is used by two workspaces; ids must differ` });
      seen.add(w.id);
    });
  });

const bad = (message: string) => new RingsideError('bad_request', message);

/** Every workspace a file defines, whether it holds one or `{ "workspaces": [ … ] }`; each problem is named with the file and field. */
function parseDefinitionFile(file: string): WorkspaceDefinition[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw bad(`Cannot read workspace file ${file}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw bad(`Workspace file ${file} is not valid JSON: ${(error as Error).message}`);
  }
  const several = typeof json === 'object' && json !== null && 'workspaces' in json;
  const parsed = several ? WorkspacesFile.safeParse(json) : WorkspaceDefinition.safeParse(json);
  if (!parsed.success) throw bad(`Workspace file ${file}: ${describeIssues(parsed.error.issues)}`);
  return several ? (parsed.data as z.infer<typeof WorkspacesFile>).workspaces : [parsed.data as WorkspaceDefinition];
}

/** Read and check a file holding one workspace (the original format). */
export function readWorkspaceDefinition(file: string): WorkspaceDefinition {
  const definitions = parseDefinitionFile(file);
  if (definitions.length > 1) throw bad(`Workspace file ${file} holds ${definitions.length} workspaces; read it with readWorkspaceDefinitions.`);
  return definitions[0]!;
}

function readCa(file: string, what: string): string {
  try {
    return readFileSync(expandHome(file), 'utf8');
  } catch (error) {
    throw bad(`${what}: cannot read caFile ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
  }
}

const envNamesOf = (d: WorkspaceDefinition): Partial<Record<SecretName, string>> => ({
  'flags.token': d.flags?.tokenEnv,
  'metrics.bearer': d.metrics?.bearerEnv,
  'metrics.password': d.metrics?.basic?.passwordEnv,
  'deploy.token': d.deploy?.tokenEnv,
});

/** The console's view of a definition: addresses and rules, CA files read in; bearer auth when a token is named anywhere. */
function toConfig(d: WorkspaceDefinition, inSecretsFile: (name: SecretName) => boolean): WorkspaceConfig {
  const ca = (section: { ca?: string; caFile?: string }, what: string) => section.ca ?? (section.caFile ? readCa(section.caFile, `Workspace ${d.id}, ${what}`) : undefined);
  const m = d.metrics;
  const config = WorkspaceConfig.safeParse({
    id: d.id,
    name: d.name,
    production: d.production,
    policy: d.policy,
    flags: d.flags && { provider: 'unleash', url: d.flags.url, project: d.flags.project, ca: ca(d.flags, 'flags'), timeoutMs: d.flags.timeoutMs },
    metrics: m && {
      provider: 'prometheus',
      url: m.url,
      auth: m.basic ? 'basic' : m.bearerEnv || inSecretsFile('metrics.bearer') ? 'bearer' : 'none',
      username: m.basic?.username,
      ca: ca(m, 'metrics'),
      timeoutMs: m.timeoutMs,
    },
    deploy: d.deploy && {
      provider: 'argo-rollouts',
      kubeconfig: d.deploy.kubeconfig,
      context: d.deploy.context,
      url: d.deploy.url,
      ca: d.deploy.caFile ? readCa(d.deploy.caFile, `Workspace ${d.id}, deploy`) : undefined,
      namespaces: d.deploy.namespaces,
      timeoutMs: d.deploy.timeoutMs,
    },
  });
  if (!config.success) throw bad(`Workspace ${d.id}: ${describeIssues(config.error.issues)}`);
  return config.data;
}

export interface DefinedWorkspace {
  config: WorkspaceConfig;
  /** which of its secrets are set (never their values) */
  secrets: SecretsConfigured;
  /** the live workspace; throws a RingsideError naming a missing secret */
  build: () => Workspace;
  /** its secrets as the environment or the secrets file give them, for "Test connection" */
  secretSource: SecretSource;
}

function defined(d: WorkspaceDefinition, env: NodeJS.ProcessEnv, file?: { path: string; values: SecretsFileValues }): DefinedWorkspace {
  const values = file?.values.get(d.id) ?? {};
  const source = definitionSecrets({ workspace: d.id, env, envNames: envNamesOf(d), file: file && { path: file.path, values } });
  const config = toConfig(d, (name) => Boolean(values[name]));
  const releases = d.releases.map(releaseDefinition);
  return {
    config,
    secrets: secretsConfigured(config, (name) => source.get(name) !== undefined),
    secretSource: source,
    build: () => buildWorkspace(config, source, { releases }),
  };
}

/**
 * The workspaces of a definition file (serve mode, headless). Secrets come from the environment
 * variables the file names (tokenEnv, bearerEnv, basic.passwordEnv, deploy.tokenEnv) or from a
 * secrets file given with --secrets: JSON keyed by workspace id, then secret name, mode 0600.
 */
export function readWorkspaceDefinitions(file: string, env: NodeJS.ProcessEnv = process.env, secretsFile?: string | null): DefinedWorkspace[] {
  const definitions = parseDefinitionFile(file);
  const values = secretsFile ? readSecretsFile(secretsFile) : undefined;
  for (const id of values?.keys() ?? []) {
    if (!definitions.some((d) => d.id === id)) {
      throw bad(`Secrets file ${secretsFile} has secrets for workspace "${id}", which ${file} does not define (it defines ${definitions.map((d) => d.id).join(', ')}).`);
    }
  }
  return definitions.map((d) => defined(d, env, values && secretsFile ? { path: secretsFile, values } : undefined));
}

/** Build a live workspace from one definition, taking its secrets from the environment. */
export function workspaceFromDefinition(input: z.input<typeof WorkspaceDefinition>, env: NodeJS.ProcessEnv = process.env): Workspace {
  const parsed = WorkspaceDefinition.safeParse(input);
  if (!parsed.success) throw bad(`Workspace ${String(input?.id).slice(0, 63)}: ${describeIssues(parsed.error.issues)}`);
  return defined(parsed.data, env).build();
}

/** The workspace a run starts on: the definition file's first when given, else the embedded demo fleet. */
export function chooseWorkspace(options: { workspaceFile: string | null; secretsFile?: string | null; seed: number; demoSpeed?: number }): (clock: Clock) => Workspace {
  if (!options.workspaceFile) return demoWorkspace(options.seed, options.demoSpeed);
  const [first] = readWorkspaceDefinitions(options.workspaceFile, process.env, options.secretsFile);
  return () => first!.build();
}

/** A workspace from the settings form's connection, with its token from the SecretStore. */
export function connectWorkspace(connection: SavedConnection, token: string): Workspace {
  checkServerUrl(connection.flags.url, `Workspace ${connection.id}, flags.url`);
  return {
    id: connection.id,
    name: connection.name,
    kind: 'live',
    flags: createUnleashProvider({ url: connection.flags.url, project: connection.flags.project, token }),
    deploy: null,
    metrics: null,
    releases: [],
  };
}

export const demoWorkspace = (seed: number, speed = 1) => (clock: Clock) => createDemoWorkspace({ seed, clock, speed });
