import BetterSqlite3 from 'better-sqlite3';
import { migrations } from './index';
import { m0013OpenIntents } from './0013-open-intents';

function at12() {
  const db = new BetterSqlite3(':memory:');
  for (const m of migrations.filter((m) => m.version < 13)) m.up(db);
  const insert = db.prepare(
    `INSERT INTO audit (time, source, actor, workspace, environment, object_type, object_id, action, after_json, result)
     VALUES (@time, @source, 'oncall', 'w', 'production', 'flag', @flag, @action, @after, @result)`,
  );
  const add = (row: { flag: string; action: string; after?: unknown; result?: string | null; source?: string }) =>
    Number(insert.run({ time: 1, source: 'console', result: null, ...row, after: row.after === undefined ? null : JSON.stringify(row.after) }).lastInsertRowid);
  const open = () => db.prepare('SELECT object_id, action FROM open_intent ORDER BY audit_id').all();
  return { db, add, open };
}

describe('0013 open intents', () => {
  it('runs after 0012 and finds the intents already there that no outcome names', () => {
    expect(migrations[12]).toBe(m0013OpenIntents);
    const { db, add, open } = at12();
    const a = add({ flag: 'a', action: 'flag.disabled.requested', after: { enabled: false }, result: 'pending' });
    add({ flag: 'a', action: 'flag.disabled', after: { intentId: a }, result: 'confirmed' });
    add({ flag: 'b', action: 'flag.disabled.requested', after: { enabled: false }, result: 'pending' });
    add({ flag: 'c', action: 'rollout.aborted.requested', result: 'pending' });
    m0013OpenIntents.up(db);
    expect(open()).toEqual([
      { object_id: 'b', action: 'flag.disabled.requested' },
      { object_id: 'c', action: 'rollout.aborted.requested' },
    ]);
  });

  it('keeps up as rows arrive: an intent opens, its outcome closes it, a synced row with an intentId-like body does not', () => {
    const { db, add, open } = at12();
    m0013OpenIntents.up(db);
    const x = add({ flag: 'x', action: 'flag.enabled.requested', after: { enabled: true }, result: 'pending' });
    const y = add({ flag: 'y', action: 'flag.disabled.requested', after: { enabled: false }, result: 'pending' });
    expect(open()).toHaveLength(2);
    add({ flag: 'x', action: 'flag.enabled', after: { intentId: x }, result: 'failed: 401' });
    add({ flag: 'y', action: 'server.x', after: { intentId: y }, source: 'flag-server' });
    add({ flag: 'y', action: 'flag.disabled', after: '{"intentId": broken', source: 'console' });
    expect(open()).toEqual([{ object_id: 'y', action: 'flag.disabled.requested' }]);
    add({ flag: 'y', action: 'flag.disabled', after: { intentId: y }, result: 'confirmed after restart' });
    expect(open()).toEqual([]);
    // a change confirmed after a restart is the flag's latest change
    expect(db.prepare('SELECT flag, action FROM flag_latest_change').all()).toEqual([{ flag: 'y', action: 'flag.disabled' }]);
  });

  it('closes an intent by its primary key, not by a scan', () => {
    const { db } = at12();
    m0013OpenIntents.up(db);
    const plan = db.prepare('EXPLAIN QUERY PLAN DELETE FROM open_intent WHERE audit_id = ?').all(1) as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING INTEGER PRIMARY KEY/);
  });
});
