import type { CoreOptions } from '../core/createCore';
import type { CliOptions } from '../core/cliArgs';
import { testConnection } from './connectionTest/index';
import { buildWorkspace } from './workspaceBuild';
import { demoWorkspace, readWorkspaceDefinitions } from './workspaceDefinition';

/**
 * The workspaces a run starts with, for both composition roots: those of the definition file
 * (several may be defined; secrets from the environment or the --secrets file), else the demo;
 * the demo is listed beside a file's workspaces. Saved workspaces are built from their config.
 */
export function composeWorkspaces(options: Pick<CliOptions, 'workspaceFile' | 'secretsFile' | 'seed' | 'demoSpeed'>): Pick<
  CoreOptions,
  'workspace' | 'workspaces' | 'demo' | 'buildSaved' | 'testConnection'
> {
  const defined = options.workspaceFile ? readWorkspaceDefinitions(options.workspaceFile, process.env, options.secretsFile) : [];
  const demo = demoWorkspace(options.seed, options.demoSpeed);
  return {
    workspace: defined.length === 0 ? demo : undefined,
    workspaces: defined.map((d) => ({
      id: d.config.id,
      name: d.config.name,
      production: d.config.production,
      source: 'file' as const,
      config: d.config,
      secrets: d.secrets,
      secretSource: d.secretSource,
      build: () => d.build(),
    })),
    demo,
    buildSaved: (config, secrets) => buildWorkspace(config, secrets),
    testConnection: (config, secrets) => testConnection(config, secrets),
  };
}
