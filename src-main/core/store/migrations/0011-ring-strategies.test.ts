import BetterSqlite3 from 'better-sqlite3';
import { migrations } from './index';
import { m0011RingStrategies } from './0011-ring-strategies';

function at10() {
  const db = new BetterSqlite3(':memory:');
  db.pragma('foreign_keys = ON');
  for (const m of migrations.filter((m) => m.version < 11)) m.up(db);
  db.prepare(
    `INSERT INTO release_plan (workspace, id, release_id, name, flag, environment, rollout_namespace, rollout_name,
       auto_advance, guard_mode, created_at, updated_at) VALUES ('w', 'p1', 'r1', 'p', 'f', 'production', NULL, NULL, 0, 'act', 1, 1)`,
  ).run();
  const ring = db.prepare(
    `INSERT INTO plan_ring (workspace, plan_id, position, name, audience, exposed, exposure_audience, exposure_strategy,
       exposure_rollout, weight, bake_ms) VALUES ('w', 'p1', ?, 'Ring', 'Everyone', 1, NULL, NULL, NULL, NULL, 0)`,
  );
  ring.run(0);
  return { db, ring };
}

describe('0011 ring strategies', () => {
  it('runs after 0010 and keeps the rings a plan already had, naming no strategies', () => {
    expect(migrations[10]).toBe(m0011RingStrategies);
    const { db } = at10();
    m0011RingStrategies.up(db);
    expect(db.prepare('SELECT position, exposure_strategies FROM plan_ring').all()).toEqual([{ position: 0, exposure_strategies: null }]);
  });

  it('holds a JSON array of ids and refuses anything else', () => {
    const { db, ring } = at10();
    m0011RingStrategies.up(db);
    const set = db.prepare('UPDATE plan_ring SET exposure_strategies = ? WHERE position = 0');
    set.run('["a","b"]');
    expect(db.prepare('SELECT exposure_strategies AS s FROM plan_ring').get()).toEqual({ s: '["a","b"]' });
    expect(() => set.run('{"a":1}')).toThrow(/CHECK/);
    expect(() => set.run('not json')).toThrow(/CHECK/);
    expect(() => set.run(3)).toThrow(/cannot store INTEGER value in TEXT column|CHECK/);
    ring.run(1);
    db.prepare("DELETE FROM release_plan WHERE id = 'p1'").run();
    expect(db.prepare('SELECT count(*) AS n FROM plan_ring').get()).toEqual({ n: 0 });
  });
});
