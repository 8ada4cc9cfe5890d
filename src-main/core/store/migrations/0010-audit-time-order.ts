import type { Migration } from './index';

/**
 * The audit reads newest first by event time: a synced server event or an observed rollout change
 * arrives after rows written at the time, so insertion order is not history order. Each filter's
 * index ends in time (rowid implicit), so a page of any filter is an index walk, never a sort;
 * the id-ordered filter indexes of 0008 go.
 */
export const m0010AuditTimeOrder: Migration = {
  version: 10,
  name: 'audit-time-order',
  up(db) {
    db.exec(`
      DROP INDEX audit_source;
      DROP INDEX audit_actor;
      DROP INDEX audit_action;
      DROP INDEX audit_environment;
      CREATE INDEX audit_source_time ON audit (workspace, source, time);
      CREATE INDEX audit_actor_time ON audit (workspace, actor, time);
      CREATE INDEX audit_action_time ON audit (workspace, action, time);
      CREATE INDEX audit_environment_time ON audit (workspace, environment, time);
      CREATE INDEX audit_object_time ON audit (workspace, object_id, time);
    `);
  },
};
