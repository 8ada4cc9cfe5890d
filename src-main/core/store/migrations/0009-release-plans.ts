import type { Migration } from './index';

/**
 * Release plans (one per release), their rings in order, where each plan's run stands, and the
 * workspace's release windows. A run's state is one JSON document because it is only ever read
 * and written whole, by the ring service, and checked with its zod schema on the way back.
 */
export const m0009ReleasePlans: Migration = {
  version: 9,
  name: 'release-plans',
  up(db) {
    db.exec(`
      CREATE TABLE release_plan (
        workspace TEXT NOT NULL,
        id TEXT NOT NULL,
        release_id TEXT NOT NULL,
        name TEXT NOT NULL,
        flag TEXT,
        environment TEXT NOT NULL,
        rollout_namespace TEXT,
        rollout_name TEXT,
        auto_advance INTEGER NOT NULL CHECK (auto_advance IN (0, 1)),
        guard_mode TEXT NOT NULL CHECK (guard_mode IN ('act', 'recommend')),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (workspace, id),
        CHECK ((rollout_namespace IS NULL) = (rollout_name IS NULL))
      ) STRICT;
      CREATE UNIQUE INDEX release_plan_release ON release_plan (workspace, release_id);

      CREATE TABLE plan_ring (
        workspace TEXT NOT NULL,
        plan_id TEXT NOT NULL,
        position INTEGER NOT NULL CHECK (position >= 0),
        name TEXT NOT NULL,
        audience TEXT NOT NULL,
        exposed INTEGER NOT NULL CHECK (exposed IN (0, 1)),
        exposure_audience TEXT,
        exposure_strategy TEXT,
        exposure_rollout INTEGER CHECK (exposure_rollout BETWEEN 0 AND 100),
        weight INTEGER CHECK (weight BETWEEN 0 AND 100),
        bake_ms INTEGER NOT NULL CHECK (bake_ms >= 0),
        PRIMARY KEY (workspace, plan_id, position),
        FOREIGN KEY (workspace, plan_id) REFERENCES release_plan (workspace, id) ON DELETE CASCADE,
        CHECK (exposed = 1 OR weight IS NOT NULL)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE plan_run (
        workspace TEXT NOT NULL,
        plan_id TEXT NOT NULL,
        ring INTEGER NOT NULL CHECK (ring >= -1),
        state TEXT NOT NULL CHECK (json_valid(state)),
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (workspace, plan_id),
        FOREIGN KEY (workspace, plan_id) REFERENCES release_plan (workspace, id) ON DELETE CASCADE
      ) STRICT;

      CREATE TABLE release_windows (
        workspace TEXT PRIMARY KEY,
        time_zone TEXT NOT NULL,
        weekly TEXT NOT NULL CHECK (json_valid(weekly)),
        freezes TEXT NOT NULL CHECK (json_valid(freezes)),
        updated_at INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
