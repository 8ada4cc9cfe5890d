import BetterSqlite3 from 'better-sqlite3';
import { migrations } from './index';
import { m0009ReleasePlans } from './0009-release-plans';

function at8() {
  const db = new BetterSqlite3(':memory:');
  db.pragma('foreign_keys = ON');
  for (const m of migrations.filter((m) => m.version < 9)) m.up(db);
  return db;
}

const plan = (db: BetterSqlite3.Database, patch: Record<string, unknown> = {}) =>
  db
    .prepare(
      `INSERT INTO release_plan (workspace, id, release_id, name, flag, environment, rollout_namespace, rollout_name,
         auto_advance, guard_mode, created_at, updated_at)
       VALUES (@workspace, @id, @release_id, 'p', NULL, 'production', @ns, @name, @auto, @mode, 1, 1)`,
    )
    .run({ workspace: 'w', id: 'p1', release_id: 'r1', ns: 'shop', name: 'checkout', auto: 0, mode: 'act', ...patch });

const ring = (db: BetterSqlite3.Database, patch: Record<string, unknown> = {}) =>
  db
    .prepare(
      `INSERT INTO plan_ring (workspace, plan_id, position, name, audience, exposed, exposure_audience, exposure_strategy,
         exposure_rollout, weight, bake_ms) VALUES (@workspace, @plan, @position, 'Ring 0', 'Developers', @exposed, NULL, NULL, NULL, @weight, @bake)`,
    )
    .run({ workspace: 'w', plan: 'p1', position: 0, exposed: 0, weight: 5, bake: 60_000, ...patch });

describe('0009 release plans', () => {
  it('runs after 0008 and ends at user_version 9 in the list', () => {
    expect(migrations[8]).toBe(m0009ReleasePlans);
    const db = at8();
    m0009ReleasePlans.up(db);
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all() as { name: string }[];
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['plan_ring', 'plan_run', 'release_plan', 'release_windows']));
  });

  it('keeps one plan per release in a workspace, and a rollout reference whole or absent', () => {
    const db = at8();
    m0009ReleasePlans.up(db);
    plan(db);
    expect(() => plan(db, { id: 'p2' })).toThrow(/UNIQUE/);
    expect(() => plan(db, { id: 'p3', release_id: 'r3', ns: null })).toThrow(/CHECK/);
    expect(() => plan(db, { id: 'p4', release_id: 'r4', mode: 'yolo' })).toThrow(/CHECK/);
    plan(db, { workspace: 'other' });
  });

  it('refuses a ring with neither exposure nor weight, a weight above 100, or a ring of no plan', () => {
    const db = at8();
    m0009ReleasePlans.up(db);
    plan(db);
    ring(db);
    expect(() => ring(db, { position: 1, weight: null })).toThrow(/CHECK/);
    expect(() => ring(db, { position: 2, weight: 101 })).toThrow(/CHECK/);
    expect(() => ring(db, { plan: 'ghost' })).toThrow(/FOREIGN KEY/);
  });

  it('deletes rings and runs with their plan, and refuses a run that is not JSON', () => {
    const db = at8();
    m0009ReleasePlans.up(db);
    plan(db);
    ring(db);
    db.prepare("INSERT INTO plan_run (workspace, plan_id, ring, state, updated_at) VALUES ('w', 'p1', 0, '{}', 1)").run();
    expect(() => db.prepare("INSERT INTO plan_run (workspace, plan_id, ring, state, updated_at) VALUES ('w', 'p1', 0, 'nope', 1)").run()).toThrow();
    db.prepare("DELETE FROM release_plan WHERE workspace = 'w' AND id = 'p1'").run();
    expect(db.prepare('SELECT count(*) AS n FROM plan_ring').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM plan_run').get()).toEqual({ n: 0 });
  });
});
