import type { Database } from 'better-sqlite3';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { ensurePrivateFile, withPrivateUmask } from './fileModes';

/**
 * The integrity check, split by cost. `PRAGMA quick_check` reads every page of the file (2.2 s for
 * a million audit rows), so at open only the schema and every table that does not grow with the
 * audit history are checked; the audit table, its indexes and its FTS index are checked, with the
 * whole file, by a worker thread after the console is up (backgroundCheck.ts). A failure there
 * leaves this marker beside the file, and the next open checks the whole file before using it.
 */
export const damageMarker = (file: string) => `${file}.damaged`;

/** Tables checked in the background: the history, whose size is the user's whole audit trail. */
const DEFERRED = /^audit($|_)/;

/** Throws when the checks at open find damage (the caller moves the file aside). */
export function checkAtOpen(db: Database): void {
  const file = db.memory ? null : db.name;
  const marked = file !== null && existsSync(damageMarker(file));
  if (file === null || marked) {
    failOn(db.pragma('quick_check(20)') as Row[]);
    if (marked) rmSync(damageMarker(file), { force: true });
    return;
  }
  // Reading the schema parses it: a garbage header or a mangled sqlite_schema fails here.
  const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all();
  for (const { name } of tables) {
    if (DEFERRED.test(name) || name.startsWith('sqlite_')) continue;
    failOn(db.pragma(`quick_check(${quoted(name)})`) as Row[]);
  }
}

/** Leave a note for the next open: check the whole file before using it. */
export function markDamaged(file: string, reason: string): void {
  withPrivateUmask(() => writeFileSync(damageMarker(file), `${reason}\n`));
  ensurePrivateFile(damageMarker(file));
}

type Row = { quick_check: string };
function failOn(rows: Row[]): void {
  const problems = rows.map((r) => r.quick_check.replace(/\s+/g, ' ')).filter((r) => r !== 'ok');
  if (problems.length > 0) throw new Error(`integrity check failed: ${problems.join('; ').slice(0, 200)}`);
}

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;
