import { copyFileSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditQueries } from '../src-main/core/store/audit';
import { openStore } from '../src-main/core/store/db';
import { migrations } from '../src-main/core/store/migrations/index';
import { benchEvent } from './auditEvents';

/** The workspace `serve` opens with no --workspace (the embedded demo fleet). */
export const DEMO_WORKSPACE = 'demo';

const CHUNK = 20_000;

/**
 * A ringside.db holding `rows` audit events of one workspace, written by the store's own writer
 * (hash chain, FTS5, triggers). Built once per size and schema under the temp folder and reused:
 * a bench copies it into a fresh data folder for each run, so no run sees another's writes.
 */
export function cachedAuditDb(rows: number, workspace = DEMO_WORKSPACE): string {
  const dir = join(tmpdir(), 'ringside-bench-db');
  const file = join(dir, `audit-${workspace}-${rows}-v${migrations.length}.db`);
  if (existsSync(file)) return file;
  mkdirSync(dir, { recursive: true });
  const building = `${file}.building-${process.pid}`;
  const { db } = openStore({ file: building });
  const audit = auditQueries(db);
  const started = performance.now();
  for (let from = 0; from < rows; from += CHUNK) {
    const to = Math.min(rows, from + CHUNK);
    audit.appendMany((function* () {
      for (let i = from; i < to; i += 1) yield benchEvent(i, workspace);
    })());
    if (to % 200_000 === 0) console.log(`  audit db: ${to.toLocaleString('en-US')} rows in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
  // Closing the last connection checkpoints the -wal into the file and deletes it: a copy of the
  // one file is the whole database, still in WAL mode like a console's own.
  db.close();
  renameSync(building, file);
  return file;
}

/** A fresh data folder; with `db`, a copy of that database as its ringside.db. */
export function freshDataDir(db: string | null): string {
  const dir = mkdtempSync(join(tmpdir(), 'ringside-start-'));
  if (db) copyFileSync(db, join(dir, 'ringside.db'));
  return dir;
}

export const removeDataDir = (dir: string) => rmSync(dir, { recursive: true, force: true });
