import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ProjectName } from '../../src-shared/ipc/channels/fields';
import { describeIssues } from '../../src-shared/ipc/parse';
import type { Clock } from '../core/ports';
import type { ReleaseDefinition, Workspace } from '../core/workspace';
import { renderTemplate } from '../core/canary/promql/index';
import { createPrometheusProvider } from './prometheus/prometheusProvider';
import type { SavedConnection } from '../core/store/workspaceSettings';
import { argoRolloutsFromDefinition, DeployDefinition } from './argo-rollouts/deployDefinition';
import { createDemoWorkspace } from './demo/index';
import { createUnleashProvider } from './unleash/unleashProvider';

const EnvName = z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'must be an environment variable name like RINGSIDE_UNLEASH_TOKEN');

/** A metric of a release's health model; its query may use {{service}} and {{version}} as label values. */
const HealthMetric = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, 'must be lowercase letters, digits and underscores'),
    label: z.string().min(1).max(120),
    unit: z.string().max(20).default(''),
    harmful: z.enum(['increase', 'decrease', 'either']),
    weight: z.number().nonnegative().optional(),
    critical: z.boolean().optional(),
    tolerance: z.number().nonnegative().optional(),
    query: z.string().min(1).max(5000),
  })
  .strict();

/** A release under canary analysis: which version is the canary, which the baseline, how health is measured. */
const ReleaseHealth = z
  .object({
    id: z.string().min(1).max(200),
    service: z.string().min(1).max(200),
    version: z.string().min(1).max(200),
    baselineVersion: z.string().min(1).max(200),
    flag: z.string().max(200).optional(),
    rollout: z.string().max(200).optional(),
    metrics: z.array(HealthMetric).min(1).max(50),
    rules: z
      .array(
        z
          .object({
            kind: z.enum(['absolute', 'relative']),
            metric: z.string(),
            threshold: z.number().positive(),
            /** consecutive breaching evaluations before the rule trips (default 3) */
            tripAfter: z.number().int().min(1).max(100).optional(),
            /** samples each side needs before the rule is checked at all (default 3) */
            minSamples: z.number().int().min(1).max(10_000).optional(),
            /** evaluations closer than this to the last counted one do not count again (default 30 s) */
            intervalMs: z.number().int().min(0).max(3_600_000).optional(),
          })
          .strict(),
      )
      .optional(),
  })
  .strict();

/** A workspace definition file: where the console's backends are; tokens come from the environment. */
export const WorkspaceDefinition = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be lowercase letters, digits and dashes'),
    name: z.string().min(1).max(120),
    flags: z
      .object({
        provider: z.literal('unleash'),
        url: z.url({ protocol: /^https?$/ }),
        project: ProjectName.default('default'),
        tokenEnv: EnvName.default('RINGSIDE_UNLEASH_TOKEN'),
        timeoutMs: z.number().int().min(100).max(120_000).optional(),
      })
      .strict()
      .optional(),
    metrics: z
      .object({
        provider: z.literal('prometheus'),
        url: z.url({ protocol: /^https?$/ }),
        bearerEnv: EnvName.optional(),
        timeoutMs: z.number().int().min(100).max(120_000).optional(),
      })
      .strict()
      .optional(),
    deploy: DeployDefinition.optional(),
    releases: z.array(ReleaseHealth).max(100).default([]),
  })
  .strict();
export type WorkspaceDefinition = z.infer<typeof WorkspaceDefinition>;

/** Read and check a definition file; every problem is reported with the file and field. */
export function readWorkspaceDefinition(file: string): WorkspaceDefinition {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read workspace file ${file}: ${(error as Error).message}`, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`Workspace file ${file} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  const parsed = WorkspaceDefinition.safeParse(json);
  if (!parsed.success) throw new Error(`Workspace file ${file}: ${describeIssues(parsed.error.issues)}`);
  return parsed.data;
}

/** Build a live workspace from its definition, taking tokens from the environment. */
export function workspaceFromDefinition(
  input: z.input<typeof WorkspaceDefinition>,
  env: NodeJS.ProcessEnv = process.env,
): Workspace {
  const definition = WorkspaceDefinition.parse(input);
  let flags: Workspace['flags'] = null;
  if (definition.flags) {
    const token = env[definition.flags.tokenEnv];
    if (!token) {
      throw new Error(
        `Workspace ${definition.id} needs an Unleash admin token: set the environment variable ${definition.flags.tokenEnv}.`,
      );
    }
    flags = createUnleashProvider({ ...definition.flags, token });
  }
  let metrics: Workspace['metrics'] = null;
  if (definition.metrics) {
    const bearer = definition.metrics.bearerEnv ? env[definition.metrics.bearerEnv] : undefined;
    if (definition.metrics.bearerEnv && !bearer) {
      throw new Error(`Workspace ${definition.id} needs a Prometheus token: set the environment variable ${definition.metrics.bearerEnv}.`);
    }
    metrics = createPrometheusProvider({
      url: definition.metrics.url,
      timeoutMs: definition.metrics.timeoutMs,
      auth: bearer ? { bearer } : undefined,
    });
  }
  const deploy = definition.deploy ? argoRolloutsFromDefinition(definition.deploy, definition.id, env) : null;
  return {
    id: definition.id,
    name: definition.name,
    kind: 'live',
    flags,
    deploy,
    metrics,
    releases: definition.releases.map(releaseDefinition),
    dispose: deploy ? () => deploy.dispose() : undefined,
  };
}

/** Render each metric's query twice, canary and baseline, with the versions as escaped label values. */
function releaseDefinition(r: WorkspaceDefinition['releases'][number]): ReleaseDefinition {
  const render = (metric: string, query: string, version: string) => {
    try {
      return renderTemplate(query, { service: r.service, version });
    } catch (error) {
      throw new Error(`Release ${r.id}, metric ${metric}: ${(error as Error).message}`, { cause: error });
    }
  };
  return {
    release: {
      id: r.id,
      service: r.service,
      version: r.version,
      flag: r.flag ?? null,
      rollout: r.rollout ?? null,
      startedAt: 0,
      metrics: r.metrics.map(({ query: _query, ...def }) => def),
    },
    queries: Object.fromEntries(
      r.metrics.map((m) => [m.id, { canary: render(m.id, m.query, r.version), baseline: render(m.id, m.query, r.baselineVersion) }]),
    ),
    rules: r.rules,
  };
}

/** The workspace a run starts on: the definition file when given, else the embedded demo fleet. */
export function chooseWorkspace(options: { workspaceFile: string | null; seed: number; demoSpeed?: number }): (clock: Clock) => Workspace {
  if (!options.workspaceFile) return demoWorkspace(options.seed, options.demoSpeed);
  const definition = readWorkspaceDefinition(options.workspaceFile);
  return () => workspaceFromDefinition(definition);
}

/** A workspace from the settings form's connection, with its token from the SecretStore. */
export function connectWorkspace(connection: SavedConnection, token: string): Workspace {
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
