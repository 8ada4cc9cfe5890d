import BetterSqlite3 from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkInBackground, scheduleIntegrityCheck } from './backgroundCheck';
import { migrate, openStore } from './db';
import { damageMarker } from './integrity';
import { migrations } from './migrations/index';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const tempDir = () => mkdtempSync(join(tmpdir(), 'ringside-db-'));

describe('migrations', () => {
  it('are numbered 1..n without gaps', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });

  it.each(migrations)('$version-$name runs on :memory: from the previous version; new tables are STRICT', (migration) => {
    const db = new BetterSqlite3(':memory:');
    for (const earlier of migrations.filter((m) => m.version < migration.version)) earlier.up(db);
    const schema = () =>
      db.prepare("SELECT type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY name").all() as {
        type: string;
        name: string;
        sql: string;
      }[];
    const before = schema();
    migration.up(db);
    const after = schema();
    expect(after).not.toEqual(before);
    // FTS5 virtual tables and their shadow tables cannot be STRICT; every table of ours is.
    const ours = (t: { type: string; name: string; sql: string }) =>
      t.type === 'table' && !t.sql.startsWith('CREATE VIRTUAL') && !/_fts_(data|idx|docsize|config|content)$/.test(t.name);
    const added = after.filter((t) => ours(t) && !before.some((b) => b.name === t.name));
    for (const table of added) expect(table.sql).toMatch(/\)\s*(WITHOUT ROWID\s*,\s*)?STRICT(\s*,\s*WITHOUT ROWID)?\s*$/);
    db.close();
  });

  it('brings a fresh database to the latest user_version and is idempotent', () => {
    const db = new BetterSqlite3(':memory:');
    expect(migrate(db)).toBe(migrations.length);
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    expect(migrate(db)).toBe(migrations.length);
    db.close();
  });

  it('refuses a database written by a newer version without touching it', () => {
    const dir = tempDir();
    const file = join(dir, 'ringside.db');
    const db = new BetterSqlite3(file);
    db.pragma('user_version = 999');
    db.close();
    expect(() => openStore({ file })).toThrow(/newer Ringside \(schema 999/);
    expect(readdirSync(dir)).toEqual(['ringside.db']);
  });
});

describe('openStore', () => {
  it('uses WAL mode on a file', () => {
    const file = join(tempDir(), 'ringside.db');
    const { db, notices } = openStore({ file });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(notices).toEqual([]);
    db.close();
  });

  it('moves a corrupt file aside with a clear message and starts a clean database', () => {
    const dir = tempDir();
    const file = join(dir, 'ringside.db');
    const garbage = Buffer.from('this is not a database '.repeat(400));
    writeFileSync(file, garbage);
    const { db, notices } = openStore({ file, now: () => Date.UTC(2026, 10, 22, 12, 0, 0) });
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/could not be read .* moved to .*ringside\.db\.corrupt-2026-11-22T12-00-00-000Z/);
    const moved = readdirSync(dir).filter((f) => f.includes('.corrupt-'));
    expect(moved).toEqual(['ringside.db.corrupt-2026-11-22T12-00-00-000Z']);
    expect(readFileSync(join(dir, moved[0]!))).toEqual(garbage);
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    expect(db.prepare('SELECT count(*) FROM audit').pluck().get()).toBe(0);
    db.close();
  });

  it('never overwrites an earlier moved-aside file', () => {
    const dir = tempDir();
    const file = join(dir, 'ringside.db');
    const now = () => Date.UTC(2026, 0, 1);
    writeFileSync(file, 'garbage one');
    openStore({ file, now }).db.close();
    writeFileSync(file, 'garbage two');
    openStore({ file, now }).db.close();
    const moved = readdirSync(dir).filter((f) => f.includes('.corrupt-')).sort();
    expect(moved).toHaveLength(2);
    expect(moved.map((f) => readFileSync(join(dir, f), 'utf8')).sort()).toEqual(['garbage one', 'garbage two']);
  });

  it('moves aside a file whose pages are damaged past the header', () => {
    const dir = tempDir();
    const file = join(dir, 'ringside.db');
    const { db } = openStore({ file });
    db.pragma('journal_mode = DELETE');
    const insert = db.prepare(
      "INSERT INTO audit (time, source, actor, workspace, object_type, object_id, action) VALUES (?, 'console', 'a', 'w', 'flag', ?, 'x')",
    );
    db.transaction(() => {
      for (let i = 0; i < 2000; i += 1) insert.run(i, `flag-${i}-${'y'.repeat(50)}`);
    })();
    db.close();
    const bytes = readFileSync(file);
    bytes.fill(0xa5, 4096 * 2, 4096 * 6);
    writeFileSync(file, bytes);
    const reopened = openStore({ file });
    expect(reopened.notices[0]).toMatch(/moved to/);
    expect(existsSync(file)).toBe(true);
    reopened.db.close();
  });
});

/** A database of `rows` audit events in one file (no -wal), one of the audit table's leaf pages overwritten. */
function withDamagedAudit(rows = 3000): { dir: string; file: string; damaged: Buffer } {
  const dir = tempDir();
  const file = join(dir, 'ringside.db');
  const { db } = openStore({ file });
  const insert = db.prepare(
    "INSERT INTO audit (time, source, actor, workspace, object_type, object_id, action) VALUES (?, 'console', 'a', 'w', 'flag', ?, 'x')",
  );
  db.transaction(() => {
    for (let i = 0; i < rows; i += 1) insert.run(i, `flag-${i}-${'y'.repeat(80)}`);
  })();
  const page = db.prepare("SELECT pageno FROM dbstat WHERE name = 'audit' AND pagetype = 'leaf' ORDER BY pageno LIMIT 1 OFFSET 5").pluck().get() as number;
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.close(); // the last connection checkpoints the -wal into the file and deletes it; the header stays in WAL mode
  expect(existsSync(`${file}-wal`)).toBe(false);
  const bytes = readFileSync(file);
  bytes.fill(0xa5, (page - 1) * pageSize + 100, page * pageSize);
  writeFileSync(file, bytes);
  return { dir, file, damaged: bytes };
}

describe('the integrity check of the audit history, after start', () => {
  it('passes a sound file', async () => {
    const file = join(tempDir(), 'ringside.db');
    const { db } = openStore({ file });
    db.prepare("INSERT INTO audit (time, source, actor, workspace, object_type, object_id, action) VALUES (1, 'console', 'a', 'w', 'flag', 'f', 'x')").run();
    expect(await checkInBackground(file).outcome).toEqual({ status: 'ok' });
    db.close();
  });

  it('opens a file whose audit pages are damaged without reading them all, then finds the damage in a worker', async () => {
    const { file } = withDamagedAudit();
    const { db, notices } = openStore({ file });
    expect(notices).toEqual([]);
    const outcome = await checkInBackground(file).outcome;
    expect(outcome.status).toBe('damaged');
    expect(outcome.status === 'damaged' && outcome.reason).toMatch(/page|cell|tree|malformed/i);
    db.close();
  });

  it('tells the user, keeps every byte, and the next start moves the file aside with a clear notice', async () => {
    const { dir, file, damaged } = withDamagedAudit();
    const { db } = openStore({ file });
    const told: string[] = [];
    const check = scheduleIntegrityCheck({ file, afterMs: 0, onDamaged: (n) => told.push(n), log: () => {} });
    await vi.waitFor(() => expect(told).toHaveLength(1), { timeout: 10_000, interval: 20 });
    check.dispose();
    expect(told[0]).toMatch(/is damaged \(integrity check failed: .+\)\. Nothing was deleted: .* next start moves it aside/);
    expect(existsSync(damageMarker(file))).toBe(true);
    db.close();

    const next = openStore({ file, now: () => Date.UTC(2026, 10, 22, 12, 0, 0) });
    expect(next.notices).toHaveLength(1);
    expect(next.notices[0]).toMatch(/could not be read \(integrity check failed: .+\)\. It was moved to .*ringside\.db\.corrupt-2026-11-22T12-00-00-000Z/);
    const moved = join(dir, 'ringside.db.corrupt-2026-11-22T12-00-00-000Z');
    expect(sha256(readFileSync(moved))).toBe(sha256(damaged)); // byte for byte: what was there is kept
    expect(next.db.prepare('SELECT count(*) FROM audit').pluck().get()).toBe(0);
    // the fresh file had its full check on the way in; the note is gone and the start after is a plain one
    expect(existsSync(damageMarker(file))).toBe(false);
    next.db.close();
    const third = openStore({ file });
    expect(third.notices).toEqual([]);
    third.db.close();
  });

  it('clears a note left for a file that then passes its full check', () => {
    const file = join(tempDir(), 'ringside.db');
    openStore({ file }).db.close();
    writeFileSync(damageMarker(file), 'an earlier check failed\n');
    const { db, notices } = openStore({ file });
    expect(notices).toEqual([]);
    expect(existsSync(damageMarker(file))).toBe(false);
    db.close();
  });

  it('never tells a verdict after it was disposed (the store closed first)', async () => {
    const { file } = withDamagedAudit(500);
    const told: string[] = [];
    const check = scheduleIntegrityCheck({ file, afterMs: 0, onDamaged: (n) => told.push(n), log: () => {} });
    check.dispose();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(told).toEqual([]);
    expect(existsSync(damageMarker(file))).toBe(false);
  });
});
