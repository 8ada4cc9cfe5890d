import BetterSqlite3, { type Database } from 'better-sqlite3';
import { createHash, hash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { forgetSecret, maskSecrets, registerSecret } from '../src-main/core/security/secretMask';
import { auditQueries } from '../src-main/core/store/audit';
import { auditDerived } from '../src-main/core/store/auditDerived';
import { openStore } from '../src-main/core/store/db';
import { migrations } from '../src-main/core/store/migrations/index';
import { benchEvent, plainRow, PLAIN_INSERT, PLAIN_TABLE } from './auditEvents';
import { once, quick, record } from './results';

/**
 * The knobs of audit ingest, each measured on its own over the same events (bench/auditEvents.ts):
 * rows per transaction, page cache, per-row triggers against one statement per batch, each index's
 * cost, FTS5 settings, parameter binding and statement reuse, hashing and secret masking. The
 * headline figure (1,000,000 events) is bench/auditSearch.bench.ts's.
 */
const EVENTS = quick ? 20_000 : 200_000;
const group = 'audit';
const n = EVENTS.toLocaleString('en');
const lines: string[] = [];
const pad = (s: string) => s.padEnd(52);

const rate = (id: string, figure: string, seconds: number, note?: string) => {
  const perSecond = EVENTS / seconds;
  lines.push(`  ${pad(figure)}${Math.round(perSecond).toLocaleString('en').padStart(9)} events/s`);
  record({ id, group, figure: `${figure}, ${n} events`, unit: 'events/s', ringside: once(perSecond), ...(note ? { note } : {}) });
};
const cost = (id: string, figure: string, micros: number, note?: string) => {
  lines.push(`  ${pad(figure)}${micros.toFixed(2).padStart(9)} µs/event`);
  record({ id, group, figure, unit: 'µs/event', ringside: once(micros), ...(note ? { note } : {}) });
};

let dir = '';
const file = (name: string) => join(dir, `${name}.db`);
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ringside-ingest-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  console.log([`audit ingest knobs, ${n} events each (wall time of the writes only):`, ...lines].join('\n'));
});

/** Events in batches, built outside the clock; `write` timed per batch. */
function timed(batch: number, write: (events: ReturnType<typeof benchEvent>[], first: number) => void): number {
  let ms = 0;
  for (let i = 0; i < EVENTS; i += batch) {
    const events = Array.from({ length: Math.min(batch, EVENTS - i) }, (_, k) => benchEvent(i + k));
    const t = performance.now();
    write(events, i + 1);
    ms += performance.now() - t;
  }
  return ms / 1000;
}

/** A file with Ringside's pragmas and the schema up to `version`. */
function schemaAt(name: string, version: number, cache = -65536): Database {
  const db = new BetterSqlite3(file(name));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma(`cache_size = ${cache}`);
  db.transaction(() => {
    for (const m of migrations.filter((m) => m.version <= version)) m.up(db);
  })();
  return db;
}

/** Ringside's own writes: appendMany, `batch` events per transaction. */
function ringside(name: string, batch: number, pragmas: { cache?: number; checkpoint?: number } = {}): number {
  const { db } = openStore({ file: file(name) });
  if (pragmas.cache !== undefined) db.pragma(`cache_size = ${pragmas.cache}`);
  if (pragmas.checkpoint !== undefined) db.pragma(`wal_autocheckpoint = ${pragmas.checkpoint}`);
  const audit = auditQueries(db);
  const seconds = timed(batch, (events) => audit.appendMany(events));
  db.close();
  return seconds;
}

it('rows per transaction and page cache', () => {
  for (const batch of [1_000, 10_000, 50_000]) {
    rate(`audit.ingest.batch-${batch / 1000}k`, `appendMany, ${batch.toLocaleString('en')} per transaction`, ringside(`batch-${batch}`, batch));
  }
  for (const [mb, label] of [[2, '2 MiB (SQLite default)'], [64, '64 MiB (Ringside)'], [256, '256 MiB']] as const) {
    rate(`audit.ingest.cache-${mb}mb`, `appendMany, page cache ${label}`, ringside(`cache-${mb}`, 10_000, { cache: -mb * 1024 }));
  }
  for (const [pages, label] of [[1_000, '1,000 pages (SQLite default, Ringside)'], [16_384, '16,384 pages']] as const) {
    rate(`audit.ingest.checkpoint-${pages}`, `appendMany, wal_autocheckpoint ${label}`, ringside(`checkpoint-${pages}`, 10_000, { checkpoint: pages }), 'the gap grows with the history (at 1,000,000 events 22,000 against 35,000/s); Ringside keeps the default so no kill commit runs a 64 MiB checkpoint');
  }
});

it('per-row triggers against one statement per batch (the same rows, hashes precomputed)', () => {
  const insertInto = (db: Database) => db.prepare(PLAIN_INSERT.replace('audit VALUES', 'audit (id, time, source, actor, workspace, environment, object_type, object_id, action, before_json, after_json, reason, result, external_id, hash) VALUES'));
  const old = schemaAt('schema-16', 16);
  const oldInsert = insertInto(old);
  const oldBatch = old.transaction((rows: unknown[][]) => {
    for (const row of rows) oldInsert.run(row);
  });
  rate('audit.ingest.triggers', 'schema 0016: per-row triggers, audit_object', timed(10_000, (events, first) => oldBatch(events.map((e, k) => plainRow(first + k, e)))));
  old.close();

  const memory = schemaAt('schema-16-memory', 16);
  memory.pragma('temp_store = MEMORY');
  const memoryInsert = insertInto(memory);
  const memoryBatch = memory.transaction((rows: unknown[][]) => {
    for (const row of rows) memoryInsert.run(row);
  });
  rate(
    'audit.ingest.triggers-temp-memory',
    'schema 0016, statement journals in memory',
    timed(10_000, (events, first) => memoryBatch(events.map((e, k) => plainRow(first + k, e)))),
    'temp_store = MEMORY: a trigger makes each insert keep a statement journal of the pages it touches',
  );
  memory.close();

  const now = schemaAt('schema-17', 17);
  const nowInsert = insertInto(now);
  const derive = auditDerived(now);
  const nowBatch = now.transaction((rows: unknown[][], first: number) => {
    for (const row of rows) nowInsert.run(row);
    derive(first - 1, first - 1 + rows.length);
  });
  rate('audit.ingest.derived', 'schema 0017: one statement per table per batch', timed(10_000, (events, first) => nowBatch(events.map((e, k) => plainRow(first + k, e)), first)));
  now.close();
});

it('each index alone on the plain table, and FTS5 kept by a trigger or by a batch', () => {
  const plainSeconds = (name: string, setup: (db: Database) => void, after?: (db: Database) => (first: number, count: number) => void) => {
    const db = new BetterSqlite3(file(name));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('cache_size = -65536');
    db.exec(PLAIN_TABLE);
    setup(db);
    const insert = db.prepare(PLAIN_INSERT);
    const then = after?.(db);
    const batch = db.transaction((rows: unknown[][], first: number) => {
      for (const row of rows) insert.run(row);
      then?.(first, rows.length);
    });
    const seconds = timed(10_000, (events, first) => batch(events.map((e, k) => plainRow(first + k, e)), first));
    db.close();
    return seconds;
  };
  const plain = plainSeconds('plain', () => {});
  rate('audit.ingest.plain', 'plain table, no index', plain);
  const indexes: [string, string][] = [
    ['audit_workspace_id', '(workspace, id DESC)'],
    ['audit_workspace_time', '(workspace, time)'],
    ['audit_source_time', '(workspace, source, time)'],
    ['audit_actor_time', '(workspace, actor, time)'],
    ['audit_action_time', '(workspace, action, time)'],
    ['audit_environment_time', '(workspace, environment, time)'],
    ['audit_object_time', '(workspace, object_id, time)'],
    ['audit_object', '(workspace, object_type, object_id, environment, id DESC), dropped by 0017'],
  ];
  for (const [name, columns] of indexes) {
    const seconds = plainSeconds(`index-${name}`, (db) => db.exec(`CREATE INDEX ${name} ON audit ${columns.replace(/, dropped.*$/, '')}`));
    cost(`audit.ingest.index.${name}`, `index ${name} ${columns}: its cost`, ((seconds - plain) * 1e6) / EVENTS);
  }

  const FTS = (options = '') =>
    `CREATE VIRTUAL TABLE audit_fts USING fts5(action, object, actor, reason, payload, content='', tokenize='unicode61'${options})`;
  const TEXT = `action, object_type || ' ' || object_id, actor, coalesce(reason, ''),
    coalesce(before_json, '') || ' ' || coalesce(after_json, '') || ' ' || coalesce(result, '')`;
  const trigger = plainSeconds('fts-trigger', (db) =>
    db.exec(`${FTS()}; CREATE TRIGGER audit_fts_insert AFTER INSERT ON audit BEGIN
      INSERT INTO audit_fts (rowid, action, object, actor, reason, payload)
      VALUES (new.id, new.action, new.object_type || ' ' || new.object_id, new.actor, coalesce(new.reason, ''),
              coalesce(new.before_json, '') || ' ' || coalesce(new.after_json, '') || ' ' || coalesce(new.result, ''));
    END`),
  );
  cost('audit.ingest.fts.trigger', 'FTS5 kept by a per-row trigger (0008)', ((trigger - plain) * 1e6) / EVENTS);
  const byBatch = (name: string, settings: string[] = [], options = '') =>
    plainSeconds(
      name,
      (db) => {
        db.exec(FTS(options));
        for (const s of settings) db.exec(`INSERT INTO audit_fts (audit_fts, rank) VALUES (${s})`);
      },
      (db) => {
        const statement = db.prepare(`INSERT INTO audit_fts (rowid, action, object, actor, reason, payload) SELECT id, ${TEXT} FROM audit WHERE id >= ? AND id < ?`);
        return (first, count) => statement.run(first, first + count);
      },
    );
  cost('audit.ingest.fts.batch', 'FTS5 kept by one INSERT … SELECT per batch (0017)', ((byBatch('fts-batch') - plain) * 1e6) / EVENTS);
  const variants: [string, string, string[], string?][] = [
    ['automerge-2', "automerge 2 (default 4)", ["'automerge', 2"]],
    ['automerge-8', 'automerge 8', ["'automerge', 8"]],
    ['crisismerge-64', 'crisismerge 64 (default 16)', ["'crisismerge', 64"]],
    ['pgsz-8000', 'pgsz 8000 (default 1000)', ["'pgsz', 8000"]],
    ['hashsize-8mb', 'hashsize 8 MiB (default 1 MiB)', ["'hashsize', 8388608"]],
    ['columnsize-0', 'columnsize=0 (no per-row sizes; needs a rebuild)', [], ', columnsize=0'],
  ];
  for (const [id, label, settings, options] of variants) {
    cost(`audit.ingest.fts.${id}`, `FTS5 by batch, ${label}`, ((byBatch(`fts-${id}`, settings, options) - plain) * 1e6) / EVENTS);
  }
});

it('binding, statement reuse, hashing and masking, per event', () => {
  const db = new BetterSqlite3(':memory:');
  db.exec(PLAIN_TABLE);
  const rows = Array.from({ length: EVENTS }, (_, i) => plainRow(i + 1, benchEvent(i)));
  const columns = ['id', 'time', 'source', 'actor', 'workspace', 'environment', 'object_type', 'object_id', 'action', 'before_json', 'after_json', 'reason', 'result', 'external_id', 'hash'];
  const micros = (fn: () => void) => {
    const t = performance.now();
    fn();
    return ((performance.now() - t) * 1000) / EVENTS;
  };
  const fresh = (fn: (row: unknown[]) => void) => {
    db.exec('DELETE FROM audit');
    return micros(() => db.transaction(() => rows.forEach(fn))());
  };
  const positional = db.prepare(PLAIN_INSERT);
  const named = db.prepare(`INSERT INTO audit (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`);
  const objects = rows.map((row) => Object.fromEntries(columns.map((c, k) => [c, row[k]])));
  let k = 0;
  cost('audit.ingest.params.positional', 'insert, positional parameters, statement reused', fresh((row) => positional.run(row)));
  cost('audit.ingest.params.named', 'insert, named parameters (an object per row)', fresh(() => named.run(objects[k++ % EVENTS]!)));
  cost('audit.ingest.params.prepare-per-row', 'insert, statement prepared per row', fresh((row) => db.prepare(PLAIN_INSERT).run(row)));
  db.close();

  const fields = rows.map((row) => row.slice(0, 14));
  const previous = 'f'.repeat(64);
  let sink = '';
  cost('audit.ingest.hash.framing', 'JSON framing of the chained fields alone', micros(() => fields.forEach((f) => (sink = JSON.stringify(f)))));
  cost(
    'audit.ingest.hash.createHash',
    'sha256 per row, createHash + 2 updates (before)',
    micros(() => fields.forEach((f) => (sink = createHash('sha256').update(previous).update(JSON.stringify(f)).digest('hex')))),
  );
  cost('audit.ingest.hash.oneShot', 'sha256 per row, crypto.hash one-shot (now)', micros(() => fields.forEach((f) => (sink = hash('sha256', previous + JSON.stringify(f), 'hex')))));
  const texts = rows.map((row) => [row[9], row[10], row[11], row[12]].filter((t): t is string => typeof t === 'string'));
  const maskAll = () => texts.forEach((t) => t.forEach((text) => (sink = maskSecrets(text))));
  cost('audit.ingest.mask.none', 'maskSecrets on 4 free-text fields, no secret registered', micros(maskAll));
  const secrets = ['default:development.5b9c1d2e3f4a5b6c7d8e9f0a1b2c3d4e', '*:*.9f8e7d6c5b4a39281706f5e4d3c2b1a0', 'hunter2-password-xyz'];
  secrets.forEach(registerSecret);
  maskSecrets('compile the pattern');
  cost('audit.ingest.mask.three', 'maskSecrets on 4 free-text fields, 3 secrets registered', micros(maskAll));
  secrets.forEach(forgetSecret);
  expect(sink).toBeDefined();
});
