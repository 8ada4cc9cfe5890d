import type { Migration } from './index';

/** A row that changed what a flag exposes and happened (`row` is '' in a query, 'new.' in the trigger). */
const isChange = (row: '' | 'new.') => `${row}object_type = 'flag' AND ${row}environment IS NOT NULL
  AND ${row}action IN ('flag.enabled', 'flag.disabled', 'flag.strategy.updated', 'flag.strategy.enabled', 'flag.strategy.disabled')
  AND (${row}result IS NULL OR ${row}result IN ('ok', 'confirmed'))`;

/**
 * Each flag's latest change per environment, kept as audit rows arrive. The Kill switches view
 * reads it on every flag reload (each kill, each poll that saw a change); deriving it from the
 * audit took a sort of every flag row (0.6 s at 180,000 of them) on the main process. The audit
 * is append-only, so an insert trigger keeps it exact; newest by event time, ties by id, as a
 * server event synced late can be older than a console row.
 */
export const m0012FlagLatestChange: Migration = {
  version: 12,
  name: 'flag-latest-change',
  up(db) {
    db.exec(`
      CREATE TABLE flag_latest_change (
        workspace TEXT NOT NULL,
        flag TEXT NOT NULL,
        environment TEXT NOT NULL,
        audit_id INTEGER NOT NULL,
        time INTEGER NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        source TEXT NOT NULL,
        PRIMARY KEY (workspace, flag, environment)
      ) STRICT;

      INSERT INTO flag_latest_change (workspace, flag, environment, audit_id, time, actor, action, source)
      SELECT workspace, object_id, environment, id, time, actor, action, source FROM (
        SELECT *, row_number() OVER (PARTITION BY workspace, object_id, environment ORDER BY time DESC, id DESC) AS n
        FROM audit WHERE ${isChange('')})
      WHERE n = 1;

      CREATE TRIGGER flag_latest_change_on_audit AFTER INSERT ON audit
      WHEN ${isChange('new.')}
      BEGIN
        INSERT INTO flag_latest_change (workspace, flag, environment, audit_id, time, actor, action, source)
        VALUES (new.workspace, new.object_id, new.environment, new.id, new.time, new.actor, new.action, new.source)
        ON CONFLICT (workspace, flag, environment) DO UPDATE SET
          audit_id = excluded.audit_id, time = excluded.time, actor = excluded.actor,
          action = excluded.action, source = excluded.source
        WHERE excluded.time > flag_latest_change.time
           OR (excluded.time = flag_latest_change.time AND excluded.audit_id > flag_latest_change.audit_id);
      END;
    `);
  },
};
