import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';

/**
 * The data folder holds the cache, the audit trail, exports and (desktop) the encrypted secrets:
 * only its owner may list or read it. Windows has no POSIX modes (its ACLs already keep a user's
 * AppData to that user), so these are no-ops there.
 */
const POSIX = process.platform !== 'win32';
const PRIVATE_DIR = 0o700;
const PRIVATE_FILE = 0o600;

/** Create `dir` (and parents) as 0700; an existing folder with looser modes is tightened to 0700. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR });
  if (POSIX && (statSync(dir).mode & 0o777) !== PRIVATE_DIR) chmodSync(dir, PRIVATE_DIR);
}

/** Make an existing file 0600 (a missing one is left alone: SQLite creates -wal/-shm lazily). */
export function ensurePrivateFile(path: string): void {
  if (!POSIX || !existsSync(path)) return;
  if ((statSync(path).mode & 0o777) !== PRIVATE_FILE) chmodSync(path, PRIVATE_FILE);
}

/**
 * Run `fn` with a umask that gives new files 0600 and new folders 0700, so a file is never readable
 * by others even for the moment between its creation and a chmod (SQLite creates the -wal and -shm
 * files itself, with the process umask, when it first needs them). The previous umask is restored.
 */
export function withPrivateUmask<T>(fn: () => T): T {
  if (!POSIX) return fn();
  let previous: number;
  try {
    previous = process.umask(0o077);
  } catch {
    // worker threads may not set the umask: the chmod after opening still applies
    return fn();
  }
  try {
    return fn();
  } finally {
    process.umask(previous);
  }
}
