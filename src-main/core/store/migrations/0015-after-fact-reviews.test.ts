import BetterSqlite3 from 'better-sqlite3';
import { migrations } from './index';
import { m0015AfterFactReviews } from './0015-after-fact-reviews';

function at14() {
  const db = new BetterSqlite3(':memory:');
  for (const m of migrations.filter((m) => m.version < 15)) m.up(db);
  return db;
}

const insert = `INSERT INTO after_fact_review (workspace, backend, target, environment, action, actor, at, acknowledged_by, acknowledged_at)
  VALUES ('w', @backend, 'checkout.kill', 'production', 'flag.disabled', 'ana', 1, @by, @at)`;

describe('0015 after-fact reviews', () => {
  it('runs after 0014 with a table whose acknowledgement is both a name and a time, or neither', () => {
    expect(migrations[14]).toBe(m0015AfterFactReviews);
    const db = at14();
    m0015AfterFactReviews.up(db);
    db.prepare(insert).run({ backend: 'flags', by: null, at: null });
    db.prepare(insert).run({ backend: 'deploy', by: 'bea', at: 2 });
    expect(() => db.prepare(insert).run({ backend: 'flags', by: 'bea', at: null })).toThrow(/CHECK/);
    expect(() => db.prepare(insert).run({ backend: 'metrics', by: null, at: null })).toThrow(/CHECK/);
    expect(db.prepare('SELECT backend, acknowledged_by FROM after_fact_review ORDER BY id').all()).toEqual([
      { backend: 'flags', acknowledged_by: null },
      { backend: 'deploy', acknowledged_by: 'bea' },
    ]);
  });

  it('lists the open reviews of a workspace through its index', () => {
    const db = at14();
    m0015AfterFactReviews.up(db);
    const plan = db.prepare('EXPLAIN QUERY PLAN SELECT * FROM after_fact_review WHERE workspace = ? AND acknowledged_at IS NULL ORDER BY id').all('w') as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING INDEX after_fact_review_open/);
  });
});
