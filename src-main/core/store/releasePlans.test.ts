import BetterSqlite3 from 'better-sqlite3';
import type { PlanRun, ReleasePlan } from '../../../src-shared/domain/plan';
import { migrate } from './db';
import { releasePlanQueries } from './releasePlans';

function store() {
  const db = new BetterSqlite3(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db);
  return { db, q: releasePlanQueries(db) };
}

const HOSTILE = `<img src=x onerror=alert(1)>'; DROP TABLE release_plan; --`;

const plan = (patch: Partial<ReleasePlan> = {}): ReleasePlan => ({
  id: 'plan-checkout',
  releaseId: 'checkout-2.4.0',
  name: HOSTILE,
  flag: 'checkout.new-pricing-engine',
  environment: 'production',
  rollout: { namespace: 'shop', name: 'checkout' },
  autoAdvance: true,
  guardMode: 'act',
  rings: [
    { name: 'Ring 0', audience: 'Developers', exposure: { audience: 'segment developers', strategyId: 's-1', rollout: null, strategyIds: ['s-1', 's-0'] }, weight: 5, bakeMs: 600_000 },
    { name: 'Ring 1', audience: HOSTILE, exposure: null, weight: 25, bakeMs: 1_800_000 },
    { name: 'Ring 3', audience: 'Everyone', exposure: { audience: null, strategyId: null, rollout: 100 }, weight: null, bakeMs: 0 },
  ],
  createdAt: 1_000,
  updatedAt: 2_000,
  ...patch,
});

const run: PlanRun = {
  ring: 1,
  rings: [
    { enteredAt: 10, enteredBy: 'ana', gateSince: 12, healthyAt: 20 },
    { enteredAt: 30, enteredBy: 'ringside-auto', gateSince: null, healthyAt: null },
    { enteredAt: null, enteredBy: null, gateSince: null, healthyAt: null },
  ],
  halt: null,
  guardLatchedAt: null,
  completedAt: null,
  observedAt: 40,
  verdict: null,
  rollout: { phase: 'Paused', canaryWeight: 25, aborted: false, paused: true, message: 'CanaryPauseStep' },
  observeError: null,
};

describe('release plan queries', () => {
  it('round-trips a plan with its rings in order, hostile text kept as text', () => {
    const { q } = store();
    q.save('w', plan());
    expect(q.get('w', 'plan-checkout')).toEqual(plan());
    expect(q.list('w')).toEqual([plan()]);
    expect(q.list('other')).toEqual([]);
  });

  it('replaces the rings when a plan is saved again with fewer', () => {
    const { q } = store();
    q.save('w', plan());
    const shorter = plan({ rings: plan().rings.slice(0, 1), autoAdvance: false, guardMode: 'recommend', rollout: null, updatedAt: 3_000 });
    q.save('w', shorter);
    expect(q.get('w', 'plan-checkout')).toEqual(shorter);
  });

  it('saves a run with its plan in one transaction and reads it back checked', () => {
    const { q } = store();
    q.save('w', plan(), run);
    expect(q.run('w', 'plan-checkout')).toEqual(run);
    q.saveRun('w', 'plan-checkout', { ...run, ring: 2 }, 50);
    expect(q.run('w', 'plan-checkout')?.ring).toBe(2);
    expect(q.run('w', 'ghost')).toBeNull();
  });

  it('reports a stored run that no longer fits instead of replacing it', () => {
    const { db, q } = store();
    q.save('w', plan(), run);
    db.prepare("UPDATE plan_run SET state = json_set(state, '$.ring', 'two')").run();
    expect(() => q.run('w', 'plan-checkout')).toThrow(/stored run of plan plan-checkout does not fit .*ring/);
    expect((db.prepare('SELECT state FROM plan_run').get() as { state: string }).state).toContain('"two"');
  });

  it('keeps a plan in one workspace out of another, and deletes rings and run with it', () => {
    const { db, q } = store();
    q.save('w', plan(), run);
    q.save('x', plan({ name: 'other' }));
    q.delete('w', 'plan-checkout');
    expect(q.get('w', 'plan-checkout')).toBeNull();
    expect(q.get('x', 'plan-checkout')?.name).toBe('other');
    expect(db.prepare("SELECT count(*) AS n FROM plan_run WHERE workspace = 'w'").get()).toEqual({ n: 0 });
  });

  it('round-trips release windows per workspace', () => {
    const { q } = store();
    expect(q.windows('w')).toBeNull();
    const windows = {
      timeZone: 'Europe/Berlin',
      weekly: [{ kind: 'blackout' as const, label: 'Weekend', start: { day: 'fri' as const, time: '16:00' }, end: { day: 'mon' as const, time: '08:00' } }],
      freezes: [{ label: 'Year end', from: '2026-12-20T00:00', to: '2027-01-04T08:00', reason: HOSTILE }],
    };
    q.saveWindows('w', windows, 1);
    expect(q.windows('w')).toEqual(windows);
    q.saveWindows('w', { ...windows, freezes: [] }, 2);
    expect(q.windows('w')?.freezes).toEqual([]);
  });

  it('seeks every listing through its primary key, never scanning a table', () => {
    const { q } = store();
    const plan = q.plan().join(' | ');
    expect(plan).not.toMatch(/SCAN (release_plan|plan_ring|plan_run)\b/);
    expect(plan).toMatch(/SEARCH release_plan USING INDEX \w+ \(workspace=\?\)/);
    expect(plan).toMatch(/SEARCH plan_ring USING PRIMARY KEY \(workspace=\? AND plan_id=\?\)/);
    expect(plan).toMatch(/SEARCH plan_run USING INDEX sqlite_autoindex_plan_run_1 \(workspace=\? AND plan_id=\?\)/);
  });
});
