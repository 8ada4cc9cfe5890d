import BetterSqlite3 from 'better-sqlite3';
import { migrations } from './index';
import { m0012FlagLatestChange } from './0012-flag-latest-change';

function at11() {
  const db = new BetterSqlite3(':memory:');
  for (const m of migrations.filter((m) => m.version < 12)) m.up(db);
  const insert = db.prepare(
    `INSERT INTO audit (time, source, actor, workspace, environment, object_type, object_id, action, result)
     VALUES (@time, @source, @actor, 'w', @environment, 'flag', @flag, @action, @result)`,
  );
  const add = (row: { time: number; actor: string; action: string; flag?: string; source?: string; environment?: string | null; result?: string | null }) =>
    insert.run({ flag: 'checkout.kill', source: 'console', environment: 'production', result: 'confirmed', ...row });
  return { db, add };
}
const latest = (db: BetterSqlite3.Database) =>
  db.prepare('SELECT flag, environment, actor, action, time FROM flag_latest_change ORDER BY flag, environment').all();

describe('0012 flag latest change', () => {
  it('runs after 0011 and fills itself from the history already there, newest by event time', () => {
    expect(migrations[11]).toBe(m0012FlagLatestChange);
    const { db, add } = at11();
    add({ time: 2_000, actor: 'ana', action: 'flag.disabled' });
    add({ time: 1_000, actor: 'bob', action: 'flag.enabled', source: 'flag-server', result: null }); // synced late, older
    add({ time: 3_000, actor: 'carl', action: 'flag.enabled', result: 'failed: 401' });
    add({ time: 4_000, actor: 'dana', action: 'flag.disabled.requested', result: 'pending' });
    m0012FlagLatestChange.up(db);
    expect(latest(db)).toEqual([{ flag: 'checkout.kill', environment: 'production', actor: 'ana', action: 'flag.disabled', time: 2_000 }]);
  });

  it('keeps up with every insert after it, ignoring older, failed and non-change rows', () => {
    const { db, add } = at11();
    m0012FlagLatestChange.up(db);
    add({ time: 2_000, actor: 'ana', action: 'flag.disabled' });
    add({ time: 1_000, actor: 'bob', action: 'flag.enabled', source: 'flag-server', result: null });
    add({ time: 3_000, actor: 'carl', action: 'flag.enabled', result: 'failed: 401' });
    add({ time: 3_500, actor: 'eve', action: 'verdict.changed' });
    add({ time: 3_600, actor: 'eve', action: 'flag.disabled', environment: null });
    add({ time: 2_000, actor: 'fay', action: 'flag.strategy.enabled' }); // same time, later row: it wins
    add({ time: 5_000, actor: 'gus', action: 'flag.enabled', environment: 'development' });
    expect(latest(db)).toEqual([
      { flag: 'checkout.kill', environment: 'development', actor: 'gus', action: 'flag.enabled', time: 5_000 },
      { flag: 'checkout.kill', environment: 'production', actor: 'fay', action: 'flag.strategy.enabled', time: 2_000 },
    ]);
  });
});
