import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { describeIssues } from '../../src-shared/ipc/parse';
import type { Clock } from '../core/ports';
import type { Workspace } from '../core/workspace';
import type { SavedConnection } from '../core/store/workspaceSettings';
import { createDemoWorkspace } from './demo/index';
import { createUnleashProvider } from './unleash/unleashProvider';

const EnvName = z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'must be an environment variable name like RINGSIDE_UNLEASH_TOKEN');

/** A workspace definition file: where the console's backends are; tokens come from the environment. */
export const WorkspaceDefinition = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be lowercase letters, digits and dashes'),
    name: z.string().min(1).max(120),
    flags: z
      .object({
        provider: z.literal('unleash'),
        url: z.url({ protocol: /^https?$/ }),
        project: z.string().min(1).max(100).default('default'),
        tokenEnv: EnvName.default('RINGSIDE_UNLEASH_TOKEN'),
        timeoutMs: z.number().int().min(100).max(120_000).optional(),
      })
      .strict()
      .optional(),
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
export function workspaceFromDefinition(definition: WorkspaceDefinition, env: NodeJS.ProcessEnv = process.env): Workspace {
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
  return { id: definition.id, name: definition.name, kind: 'live', flags, deploy: null, metrics: null, releases: [] };
}

/** The workspace a run starts on: the definition file when given, else the embedded demo fleet. */
export function chooseWorkspace(options: { workspaceFile: string | null; seed: number }): (clock: Clock) => Workspace {
  if (!options.workspaceFile) return demoWorkspace(options.seed);
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

export const demoWorkspace = (seed: number) => (clock: Clock) => createDemoWorkspace({ seed, clock });
