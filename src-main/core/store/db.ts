import BetterSqlite3, { type Database } from 'better-sqlite3';
import { existsSync, renameSync } from 'node:fs';
import { ensurePrivateFile, withPrivateUmask } from './fileModes';
import { checkAtOpen } from './integrity';
import { migrations } from './migrations/index';

export interface OpenOptions {
  /** Path of the database file, or ':memory:'. */
  file: string;
  /** better-sqlite3 addon built for another ABI (the Electron shell passes its own copy). */
  nativeBinding?: string;
  now?: () => number;
}

export interface OpenedStore {
  db: Database;
  /** Messages the user must see, e.g. that a damaged file was moved aside. */
  notices: string[];
}

/** Open (creating if needed) and migrate the store; a damaged file is moved aside, never overwritten. */
export function openStore(options: OpenOptions): OpenedStore {
  const notices: string[] = [];
  if (options.file !== ':memory:' && existsSync(options.file)) {
    try {
      return { db: openPrivate(options), notices };
    } catch (error) {
      if (keepInPlace(error)) throw error;
      const movedTo = moveAside(options.file, options.now?.() ?? Date.now());
      notices.push(
        `The local database ${options.file} could not be read (${describe(error)}). ` +
          `It was moved to ${movedTo} and a fresh one was created; cached flags and audit history start empty.`,
      );
    }
  }
  return { db: openPrivate(options), notices };
}

function connect(options: OpenOptions): Database {
  return new BetterSqlite3(options.file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
}

/**
 * The database and its -wal and -shm are 0600. The file is created under a 0077 umask, so it is
 * never readable by others, not even for a moment; files left looser by an older Ringside are
 * tightened right after opening. SQLite gives a -wal or -shm it creates later (first write, after a
 * checkpoint truncates, next start) the mode of the database file itself (os_unix.c,
 * findCreateFileMode), so they stay 0600 without another chmod.
 */
function openPrivate(options: OpenOptions): Database {
  if (options.file === ':memory:') return prepare(connect(options));
  return withPrivateUmask(() => {
    const db = connect(options);
    tighten(db, options.file, ['']);
    const ready = prepare(db);
    tighten(ready, options.file, ['-wal', '-shm']);
    return ready;
  });
}

/** A file Ringside cannot make private is refused, not moved aside: it is not damaged, it is someone else's. */
class FileModeError extends Error {}

function tighten(db: Database, file: string, suffixes: string[]): void {
  for (const suffix of suffixes) {
    try {
      ensurePrivateFile(file + suffix);
    } catch (error) {
      db.close();
      throw new FileModeError(
        `The local database ${file + suffix} could not be made private to this user (${describe(error)}). ` +
          'Check who owns the data folder, or start Ringside with --data-dir pointing elsewhere.',
        { cause: error },
      );
    }
  }
}

function prepare(db: Database): Database {
  try {
    db.pragma('busy_timeout = 5000');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    // 64 MiB of page cache (SQLite's default is 2 MiB): the audit's indexes stay in memory while a long history is ingested.
    db.pragma('cache_size = -65536');
    // The -wal keeps SQLite's checkpoint every 1,000 pages: at 16,384 a bulk ingest of 1 M events ran 22,000 → 35,000/s,
    // but the commit that crosses the mark runs the checkpoint, and a 64 MiB one could land inside a kill's intent row.
    // The schema and the small tables now; the audit history in the background (integrity.ts).
    checkAtOpen(db);
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

class NewerSchemaError extends Error {}
/** Errors that say the file is fine but not ours to use: never moved aside. */
const keepInPlace = (error: unknown) => error instanceof NewerSchemaError || error instanceof FileModeError;

/** Run every migration above the file's user_version, each in its own transaction. */
export function migrate(db: Database): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  if (current > latest) {
    throw new NewerSchemaError(
      `The local database was written by a newer Ringside (schema ${current}, this version knows ${latest}). ` +
        'Upgrade Ringside or start it with --data-dir pointing elsewhere.',
    );
  }
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return latest;
}

function moveAside(file: string, now: number): string {
  const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
  let target = `${file}.corrupt-${stamp}`;
  for (let n = 1; existsSync(target); n += 1) target = `${file}.corrupt-${stamp}-${n}`;
  try {
    renameSync(file, target);
    for (const suffix of ['-wal', '-shm']) {
      if (existsSync(file + suffix)) renameSync(file + suffix, target + suffix);
    }
    // the copy kept aside holds the same history: as private as the database it was
    for (const suffix of ['', '-wal', '-shm']) ensurePrivateFile(target + suffix);
  } catch (error) {
    throw new Error(
      `The local database ${file} is damaged and could not be moved aside (${describe(error)}). ` +
        'Move or delete it by hand, or start Ringside with --data-dir pointing elsewhere.',
      { cause: error },
    );
  }
  return target;
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));
