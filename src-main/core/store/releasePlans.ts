import type { Database } from 'better-sqlite3';
import {
  Freeze,
  PlanRun,
  WeeklyWindow,
  type ReleasePlan,
  type ReleaseWindows,
  type Ring,
} from '../../../src-shared/domain/plan';
import { z } from 'zod';
import { RingsideError } from '../../../src-shared/ipc/result';
import { describeIssues } from '../../../src-shared/ipc/parse';

interface PlanRow {
  id: string;
  release_id: string;
  name: string;
  flag: string | null;
  environment: string;
  rollout_namespace: string | null;
  rollout_name: string | null;
  auto_advance: number;
  guard_mode: string;
  created_at: number;
  updated_at: number;
}

interface RingRow {
  plan_id: string;
  position: number;
  name: string;
  audience: string;
  exposed: number;
  exposure_audience: string | null;
  exposure_strategy: string | null;
  exposure_rollout: number | null;
  /** JSON array of strategy ids, NULL when the ring names none (migration 0011) */
  exposure_strategies: string | null;
  weight: number | null;
  bake_ms: number;
}

const toRing = (row: RingRow): Ring => ({
  name: row.name,
  audience: row.audience,
  exposure: row.exposed
    ? {
        audience: row.exposure_audience,
        strategyId: row.exposure_strategy,
        rollout: row.exposure_rollout,
        ...(row.exposure_strategies ? { strategyIds: stored(StrategyIds, row.exposure_strategies, `strategies of ${row.name}`) } : {}),
      }
    : null,
  weight: row.weight,
  bakeMs: row.bake_ms,
});

const toPlan = (row: PlanRow, rings: Ring[]): ReleasePlan => ({
  id: row.id,
  releaseId: row.release_id,
  name: row.name,
  flag: row.flag,
  environment: row.environment,
  rollout: row.rollout_namespace !== null && row.rollout_name !== null ? { namespace: row.rollout_namespace, name: row.rollout_name } : null,
  autoAdvance: row.auto_advance === 1,
  guardMode: row.guard_mode === 'act' ? 'act' : 'recommend',
  rings,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const StrategyIds = z.array(z.string());
const Weekly = z.array(WeeklyWindow);
const Freezes = z.array(Freeze);

/** A stored document that no longer fits its schema is reported, never replaced by a default and overwritten. */
function stored<T>(schema: z.ZodType<T>, text: string, what: string): T {
  const parsed = schema.safeParse(JSON.parse(text));
  if (parsed.success) return parsed.data;
  throw new RingsideError('internal', `The stored ${what} does not fit this version of Ringside (${describeIssues(parsed.error.issues)}); it was left untouched.`);
}

/** Release plans with their rings, their runs, and the workspace's release windows. */
export function releasePlanQueries(db: Database) {
  const plans = db.prepare<[string], PlanRow>('SELECT * FROM release_plan WHERE workspace = ? ORDER BY created_at, id');
  const plan = db.prepare<[string, string], PlanRow>('SELECT * FROM release_plan WHERE workspace = ? AND id = ?');
  const rings = db.prepare<[string], RingRow>('SELECT * FROM plan_ring WHERE workspace = ? ORDER BY plan_id, position');
  const ringsOf = db.prepare<[string, string], RingRow>('SELECT * FROM plan_ring WHERE workspace = ? AND plan_id = ? ORDER BY position');
  const upsertPlan = db.prepare(
    `INSERT INTO release_plan (workspace, id, release_id, name, flag, environment, rollout_namespace, rollout_name,
       auto_advance, guard_mode, created_at, updated_at)
     VALUES (@workspace, @id, @release_id, @name, @flag, @environment, @rollout_namespace, @rollout_name,
       @auto_advance, @guard_mode, @created_at, @updated_at)
     ON CONFLICT (workspace, id) DO UPDATE SET release_id = excluded.release_id, name = excluded.name, flag = excluded.flag,
       environment = excluded.environment, rollout_namespace = excluded.rollout_namespace, rollout_name = excluded.rollout_name,
       auto_advance = excluded.auto_advance, guard_mode = excluded.guard_mode, updated_at = excluded.updated_at`,
  );
  const clearRings = db.prepare('DELETE FROM plan_ring WHERE workspace = ? AND plan_id = ?');
  const insertRing = db.prepare(
    `INSERT INTO plan_ring (workspace, plan_id, position, name, audience, exposed, exposure_audience, exposure_strategy,
       exposure_rollout, exposure_strategies, weight, bake_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const deletePlan = db.prepare('DELETE FROM release_plan WHERE workspace = ? AND id = ?');
  const run = db.prepare<[string, string], { state: string }>('SELECT state FROM plan_run WHERE workspace = ? AND plan_id = ?');
  const upsertRun = db.prepare(
    `INSERT INTO plan_run (workspace, plan_id, ring, state, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (workspace, plan_id) DO UPDATE SET ring = excluded.ring, state = excluded.state, updated_at = excluded.updated_at`,
  );
  const windows = db.prepare<[string], { time_zone: string; weekly: string; freezes: string }>(
    'SELECT time_zone, weekly, freezes FROM release_windows WHERE workspace = ?',
  );
  const upsertWindows = db.prepare(
    `INSERT INTO release_windows (workspace, time_zone, weekly, freezes, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (workspace) DO UPDATE SET time_zone = excluded.time_zone, weekly = excluded.weekly,
       freezes = excluded.freezes, updated_at = excluded.updated_at`,
  );

  const save = db.transaction((workspace: string, p: ReleasePlan) => {
    upsertPlan.run({
      workspace,
      id: p.id,
      release_id: p.releaseId,
      name: p.name,
      flag: p.flag,
      environment: p.environment,
      rollout_namespace: p.rollout?.namespace ?? null,
      rollout_name: p.rollout?.name ?? null,
      auto_advance: p.autoAdvance ? 1 : 0,
      guard_mode: p.guardMode,
      created_at: p.createdAt,
      updated_at: p.updatedAt,
    });
    clearRings.run(workspace, p.id);
    p.rings.forEach((r, position) =>
      insertRing.run(
        workspace,
        p.id,
        position,
        r.name,
        r.audience,
        r.exposure ? 1 : 0,
        r.exposure?.audience ?? null,
        r.exposure?.strategyId ?? null,
        r.exposure?.rollout ?? null,
        r.exposure?.strategyIds?.length ? JSON.stringify(r.exposure.strategyIds) : null,
        r.weight,
        r.bakeMs,
      ),
    );
  });
  const saveWithRun = db.transaction((workspace: string, p: ReleasePlan, state: PlanRun, at: number) => {
    save(workspace, p);
    upsertRun.run(workspace, p.id, state.ring, JSON.stringify(state), at);
  });

  return {
    list(workspace: string): ReleasePlan[] {
      const byPlan = new Map<string, Ring[]>();
      for (const row of rings.all(workspace)) {
        const list = byPlan.get(row.plan_id) ?? [];
        list.push(toRing(row));
        byPlan.set(row.plan_id, list);
      }
      return plans.all(workspace).map((row) => toPlan(row, byPlan.get(row.id) ?? []));
    },
    get(workspace: string, id: string): ReleasePlan | null {
      const row = plan.get(workspace, id);
      return row ? toPlan(row, ringsOf.all(workspace, id).map(toRing)) : null;
    },
    /** Insert or replace a plan and its rings; with a run, both in one transaction. */
    save(workspace: string, p: ReleasePlan, state?: PlanRun): void {
      if (state) saveWithRun(workspace, p, state, p.updatedAt);
      else save(workspace, p);
    },
    delete(workspace: string, id: string): void {
      deletePlan.run(workspace, id);
    },
    /** The run as last saved; null when none was. */
    run(workspace: string, planId: string): PlanRun | null {
      const row = run.get(workspace, planId);
      return row ? stored(PlanRun, row.state, `run of plan ${planId}`) : null;
    },
    saveRun(workspace: string, planId: string, state: PlanRun, at: number): void {
      upsertRun.run(workspace, planId, state.ring, JSON.stringify(state), at);
    },
    windows(workspace: string): ReleaseWindows | null {
      const row = windows.get(workspace);
      if (!row) return null;
      return {
        timeZone: row.time_zone,
        weekly: stored(Weekly, row.weekly, 'weekly windows'),
        freezes: stored(Freezes, row.freezes, 'freezes'),
      };
    },
    saveWindows(workspace: string, w: ReleaseWindows, at: number): void {
      upsertWindows.run(workspace, w.timeZone, JSON.stringify(w.weekly), JSON.stringify(w.freezes), at);
    },
    /** How SQLite runs the listing queries (tests check they seek through keys, never scan). */
    plan(): string[] {
      const explain = (sql: string, ...args: unknown[]) =>
        (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail);
      return [
        ...explain('SELECT * FROM release_plan WHERE workspace = ? ORDER BY created_at, id', 'w'),
        ...explain('SELECT * FROM plan_ring WHERE workspace = ? AND plan_id = ? ORDER BY position', 'w', 'p'),
        ...explain('SELECT state FROM plan_run WHERE workspace = ? AND plan_id = ?', 'w', 'p'),
      ];
    },
  };
}
export type ReleasePlanQueries = ReturnType<typeof releasePlanQueries>;
