import { chmodSync, closeSync, constants, fstatSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { newToken } from './auth';

export const TOKEN_FILE = 'serve-token';

/** What newToken() makes; anything else in the file is not ours and is replaced. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{32}$/;

export interface PersistedToken {
  token: string;
  file: string;
  /** true when the token of an earlier run was kept, so its open pages stay signed in */
  reused: boolean;
  /** why the stored token was not kept, when it was not */
  replacedBecause: string | null;
}

const posix = process.platform !== 'win32';

/**
 * The serve access token, kept in `<dataDir>/serve-token` (0600, owned by this user) so a restart
 * on the same data folder keeps already open pages signed in. The file sits beside the database,
 * which anyone able to read the folder can open anyway; a file others could read, or one that is
 * not a plain file of ours, is not trusted: a new token is issued. Delete the file to sign every
 * page out.
 */
export function persistentToken(dataDir: string): PersistedToken {
  const file = join(dataDir, TOKEN_FILE);
  const stored = readStored(file);
  if (stored.token) return { token: stored.token, file, reused: true, replacedBecause: null };
  if (stored.problem === 'not a plain file') {
    throw new Error(`${file} is not a plain file; remove it and start again.`);
  }
  const token = newToken();
  writeToken(file, token);
  return { token, file, reused: false, replacedBecause: stored.problem };
}

type Stored = { token: string; problem: null } | { token: null; problem: string | null };

function readStored(file: string): Stored {
  let fd: number;
  try {
    // O_NOFOLLOW: a symlink planted in the data folder must not point the token at another file.
    fd = openSync(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { token: null, problem: null };
    if (code === 'ELOOP') return { token: null, problem: 'not a plain file' };
    throw error;
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) return { token: null, problem: 'not a plain file' };
    if (posix && info.uid !== process.getuid?.()) return { token: null, problem: 'it belonged to another user' };
    if (posix && (info.mode & 0o077) !== 0) return { token: null, problem: 'other users could read it' };
    const token = readFileSync(fd, 'utf8').trim();
    return TOKEN_SHAPE.test(token) ? { token, problem: null } : { token: null, problem: 'it did not hold a token' };
  } finally {
    closeSync(fd);
  }
}

function writeToken(file: string, token: string) {
  const temp = `${file}.${process.pid}.tmp`;
  rmSync(temp, { force: true });
  // 'wx' never writes through an existing name; the mode is set again in case the umask dropped bits.
  writeFileSync(temp, `${token}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(temp, 0o600);
  renameSync(temp, file);
}
