import type { Migration } from './index';

/** Written by the console or the guard, carrying the id of the intent it settles (cheap tests first: most rows are synced). */
const settles = (row: string) => `${row}source IN ('console', 'guard') AND ${row}after_json IS NOT NULL
  AND instr(${row}after_json, '"intentId"') > 0 AND json_valid(${row}after_json)
  AND json_type(${row}after_json, '$.intentId') = 'integer'`;

/**
 * Intents without an outcome, kept as audit rows arrive: an intent (`….requested`, pending) adds a
 * row, the outcome that names it (`after.intentId`) removes it. What is left after a crash is the
 * work the next start reconciles against the server. Also counts a change confirmed after a
 * restart as a flag's latest change.
 */
export const m0013OpenIntents: Migration = {
  version: 13,
  name: 'open-intents',
  up(db) {
    db.exec(`
      CREATE TABLE open_intent (
        audit_id INTEGER PRIMARY KEY,
        workspace TEXT NOT NULL,
        time INTEGER NOT NULL,
        source TEXT NOT NULL,
        actor TEXT NOT NULL,
        object_type TEXT NOT NULL,
        object_id TEXT NOT NULL,
        environment TEXT,
        action TEXT NOT NULL,
        after_json TEXT
      ) STRICT;
      CREATE INDEX open_intent_workspace ON open_intent (workspace, audit_id);

      INSERT INTO open_intent (audit_id, workspace, time, source, actor, object_type, object_id, environment, action, after_json)
      SELECT r.id, r.workspace, r.time, r.source, r.actor, r.object_type, r.object_id, r.environment, r.action, r.after_json
      FROM audit r
      WHERE r.result = 'pending' AND r.action LIKE '%.requested'
        AND NOT EXISTS (
          SELECT 1 FROM audit o
          WHERE o.workspace = r.workspace AND o.id > r.id AND o.object_id = r.object_id AND ${settles('o.')}
            AND json_extract(o.after_json, '$.intentId') = r.id);

      CREATE TRIGGER open_intent_on_request AFTER INSERT ON audit
      WHEN new.result = 'pending' AND new.action LIKE '%.requested'
      BEGIN
        INSERT OR IGNORE INTO open_intent (audit_id, workspace, time, source, actor, object_type, object_id, environment, action, after_json)
        VALUES (new.id, new.workspace, new.time, new.source, new.actor, new.object_type, new.object_id, new.environment, new.action, new.after_json);
      END;

      CREATE TRIGGER open_intent_on_outcome AFTER INSERT ON audit
      WHEN ${settles('new.')}
      BEGIN
        DELETE FROM open_intent WHERE audit_id = json_extract(new.after_json, '$.intentId');
      END;

      DROP TRIGGER flag_latest_change_on_audit;
      CREATE TRIGGER flag_latest_change_on_audit AFTER INSERT ON audit
      WHEN new.object_type = 'flag' AND new.environment IS NOT NULL
        AND new.action IN ('flag.enabled', 'flag.disabled', 'flag.strategy.updated', 'flag.strategy.enabled', 'flag.strategy.disabled')
        AND (new.result IS NULL OR new.result IN ('ok', 'confirmed', 'confirmed after restart'))
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
