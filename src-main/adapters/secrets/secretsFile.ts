import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { SecretName, WorkspaceId } from '../../../src-shared/domain/workspaceConfig';
import { RingsideError } from '../../../src-shared/ipc/result';

/** Per workspace id, its secrets by name: what `--secrets FILE` holds. */
export type SecretsFileValues = Map<string, Partial<Record<SecretName, string>>>;

/** The shape the file must have, quoted in every error about it. */
export const SECRETS_FILE_SHAPE = '{ "<workspace id>": { "flags.token": "…", "metrics.bearer": "…", "metrics.password": "…", "deploy.token": "…" } }';

const bad = (file: string, why: string) =>
  new RingsideError('bad_request', `Secrets file ${file} ${why}. It must be JSON shaped ${SECRETS_FILE_SHAPE}, mode 0600, owned by you.`);

/**
 * Opens the file once and checks the open file (not the path, which could be swapped between a
 * check and a read): a regular file, owned by this user, readable by nobody else. Its values are
 * never quoted in an error, not even in a JSON syntax error.
 */
export function readSecretsFile(file: string): SecretsFileValues {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    throw new RingsideError('bad_request', `Cannot read secrets file ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
  }
  let text: string;
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw bad(file, 'is not a regular file');
    const uid = process.getuid?.();
    if (uid !== undefined && stat.uid !== uid) {
      throw new RingsideError('bad_request', `Secrets file ${file} belongs to another user (uid ${stat.uid}); it must be yours: run chown ${uid} ${file}`);
    }
    const mode = stat.mode & 0o777;
    if ((mode & 0o077) !== 0) {
      throw new RingsideError(
        'bad_request',
        `Secrets file ${file} may be read by others (mode 0${mode.toString(8)}); Ringside reads secrets only from a file nobody else can read: run chmod 600 ${file}`,
      );
    }
    text = readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
  return parseSecrets(file, text);
}

function parseSecrets(file: string, text: string): SecretsFileValues {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    // Node's message quotes the text around the fault: keep only where it is.
    const at = /position (\d+)/.exec((error as Error).message)?.[1];
    throw bad(file, `is not valid JSON${at ? ` (at character ${at})` : ''}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw bad(file, 'does not hold an object');
  const values: SecretsFileValues = new Map();
  for (const [id, secrets] of Object.entries(json)) {
    if (!WorkspaceId.safeParse(id).success) throw bad(file, `has a key that is not a workspace id (entry ${values.size + 1})`);
    if (typeof secrets !== 'object' || secrets === null || Array.isArray(secrets)) throw bad(file, `holds no object for workspace "${id}"`);
    const entry: Partial<Record<SecretName, string>> = {};
    for (const [name, value] of Object.entries(secrets as Record<string, unknown>)) {
      const known = SecretName.safeParse(name);
      // The key itself is not quoted either: a misplaced token could be sitting there.
      if (!known.success) throw bad(file, `names something that is not a secret under "${id}" (the names are ${SecretName.options.join(', ')})`);
      if (typeof value !== 'string' || value.trim() === '') throw bad(file, `has an empty or non-text "${name}" under "${id}"`);
      entry[known.data] = value;
    }
    values.set(id, entry);
  }
  return values;
}
