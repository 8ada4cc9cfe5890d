import type { SecretName } from '../../../src-shared/domain/workspaceConfig';
import type { SecretSource } from '../workspaceBuild';

export interface DefinitionSecretsOptions {
  workspace: string;
  env: NodeJS.ProcessEnv;
  /** the environment variable named for each secret in the definition (tokenEnv, bearerEnv, passwordEnv…) */
  envNames: Partial<Record<SecretName, string>>;
  /** this workspace's entry of the --secrets file, and the file's name for hints */
  file?: { path: string; values: Partial<Record<SecretName, string>> };
}

/**
 * Serve mode's secrets: the --secrets file's entry for the workspace first (it names this workspace
 * exactly, where an environment variable such as RINGSIDE_UNLEASH_TOKEN may be shared by several),
 * then the environment variable the definition names.
 */
export function definitionSecrets(options: DefinitionSecretsOptions): SecretSource {
  const { workspace, env, envNames, file } = options;
  const inFile = (name: SecretName) => `add "${name}" under "${workspace}" in the secrets file ${file?.path ?? 'given with --secrets FILE'}`;
  return {
    get(name) {
      const fromFile = file?.values[name];
      if (fromFile) return fromFile;
      const variable = envNames[name];
      return variable ? env[variable] || undefined : undefined;
    },
    howToSet(name) {
      const variable = envNames[name];
      if (variable) return file ? `set the environment variable ${variable}, or ${inFile(name)}` : `set the environment variable ${variable}`;
      return file ? inFile(name) : `${inFile(name)} (JSON {"${workspace}": {"${name}": "…"}}, mode 0600)`;
    },
  };
}
