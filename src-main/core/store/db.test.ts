import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, readdirSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate, openStore } from './db';
import { migrations } from './migrations/index';

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
