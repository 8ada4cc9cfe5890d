import BetterSqlite3 from 'better-sqlite3';
import { migrations } from './index';
import { m0014WorkspaceIdentity } from './0014-workspace-identity';

function at13() {
  const db = new BetterSqlite3(':memory:');
  for (const m of migrations.filter((m) => m.version < 14)) m.up(db);
  const insert = db.prepare(
    `INSERT INTO audit (time, source, actor, workspace, environment, object_type, object_id, action, result)
     VALUES (@time, @source, @actor, 'w', 'production', 'flag', @flag, @action, @result)`,
  );
  const add = (row: { time: number; actor: string; action: string; flag?: string; source?: string; result?: string | null }) => {
    const server = row.source === 'flag-server';
    insert.run({ flag: 'checkout.kill', source: 'console', result: server ? null : 'confirmed', ...row });
  };
  const latest = () => db.prepare('SELECT flag, actor, action, source FROM flag_latest_change ORDER BY flag').all();
  return { db, add, latest };
}

describe('0014 workspace identity', () => {
  it('runs after 0013 with a table for the name per workspace', () => {
    expect(migrations[13]).toBe(m0014WorkspaceIdentity);
    const { db } = at13();
    m0014WorkspaceIdentity.up(db);
    db.prepare("INSERT INTO workspace_identity (workspace, actor, updated_at) VALUES ('demo', 'Ana Ribeiro', 1)").run();
    expect(() => db.prepare("INSERT INTO workspace_identity (workspace, actor, updated_at) VALUES ('demo', 'x', 2)").run()).toThrow(/UNIQUE/);
  });

  it("keeps the console's name on a flag's latest change when the server's log echoes it under its token", () => {
    const { db, add, latest } = at13();
    m0014WorkspaceIdentity.up(db);
    add({ time: 1_000, actor: 'ana', action: 'flag.disabled' });
    add({ time: 1_000, actor: 'admin-token', action: 'flag.disabled', source: 'flag-server' }); // same ms, later row
    add({ flag: 'pay.kill', time: 1_000, actor: 'ringside-guard', action: 'flag.strategy.disabled', source: 'guard' });
    add({ flag: 'pay.kill', time: 1_200, actor: 'admin-token', action: 'flag.strategy.updated', source: 'flag-server' });
    expect(latest()).toEqual([
      { flag: 'checkout.kill', actor: 'ana', action: 'flag.disabled', source: 'console' },
      { flag: 'pay.kill', actor: 'ringside-guard', action: 'flag.strategy.disabled', source: 'guard' },
    ]);
    // Someone else's change on the server, or the same change much later, is a change of its own.
    add({ time: 2_000, actor: 'bob', action: 'flag.enabled', source: 'flag-server' });
    add({ flag: 'pay.kill', time: 1_000 + 61_000, actor: 'carl', action: 'flag.strategy.updated', source: 'flag-server' });
    expect(latest()).toEqual([
      { flag: 'checkout.kill', actor: 'bob', action: 'flag.enabled', source: 'flag-server' },
      { flag: 'pay.kill', actor: 'carl', action: 'flag.strategy.updated', source: 'flag-server' },
    ]);
  });

  it('gives back to the console the latest changes an echo took before', () => {
    const { db, add, latest } = at13();
    add({ time: 1_000, actor: 'ana', action: 'flag.disabled' });
    add({ time: 1_000, actor: 'admin-token', action: 'flag.disabled', source: 'flag-server' });
    add({ flag: 'other', time: 1_000, actor: 'bob', action: 'flag.enabled', source: 'flag-server' });
    expect(latest()).toEqual([
      { flag: 'checkout.kill', actor: 'admin-token', action: 'flag.disabled', source: 'flag-server' },
      { flag: 'other', actor: 'bob', action: 'flag.enabled', source: 'flag-server' },
    ]);
    m0014WorkspaceIdentity.up(db);
    expect(latest()).toEqual([
      { flag: 'checkout.kill', actor: 'ana', action: 'flag.disabled', source: 'console' },
      { flag: 'other', actor: 'bob', action: 'flag.enabled', source: 'flag-server' },
    ]);
  });

  it("finds the console row an echo repeats through the audit's object index, not a scan", () => {
    const { db } = at13();
    m0014WorkspaceIdentity.up(db);
    const plan = db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT c.id FROM audit c
         WHERE c.workspace = 'w' AND c.object_id = 'f' AND c.environment = 'production' AND c.object_type = 'flag'
           AND c.source IN ('console', 'guard') AND c.time BETWEEN 0 AND 60000
         ORDER BY c.time DESC, c.id DESC LIMIT 1`,
      )
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/SEARCH c USING INDEX audit_object/);
  });
});
