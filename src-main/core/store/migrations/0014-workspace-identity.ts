import type { Migration } from './index';

/** A flag change the console (or its guard) made, echoed by the flag server's log within this long, is that same change. */
export const ECHO_MS = 60_000;

/** The server's row `s` repeats the console row `c` (same kind of change, shortly after): `s.` and `c.` are column prefixes. */
const echoes = (s: string, c: string) => `${s}source = 'flag-server' AND ${c}source IN ('console', 'guard')
  AND (${s}action = ${c}action OR (${s}action LIKE 'flag.strategy.%' AND ${c}action LIKE 'flag.strategy.%'))
  AND ${s}time - ${c}time BETWEEN 0 AND ${ECHO_MS}`;

/**
 * One name per workspace for the person at the console, and that name kept on what they did.
 *
 * `workspace_identity` holds the name set in Settings (absent: the OS user). A change made from
 * the console comes back in the flag server's log under the API token's name; as the newest row it
 * used to become the flag's latest change, so the Kill switches table said "off by <token>" where
 * the audit said "off by <person>". The server's echo of a console change no longer replaces it;
 * rows already replaced that way go back to the console's.
 */
export const m0014WorkspaceIdentity: Migration = {
  version: 14,
  name: 'workspace-identity',
  up(db) {
    db.exec(`
      CREATE TABLE workspace_identity (
        workspace TEXT PRIMARY KEY,
        actor TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;

      UPDATE flag_latest_change AS l SET (audit_id, time, actor, action, source) = (
        SELECT c.id, c.time, c.actor, c.action, c.source FROM audit c
        WHERE c.workspace = l.workspace AND c.object_id = l.flag AND c.environment = l.environment
          AND c.object_type = 'flag' AND c.result IN ('ok', 'confirmed', 'confirmed after restart')
          AND ${echoes('l.', 'c.')}
        ORDER BY c.time DESC, c.id DESC LIMIT 1)
      WHERE l.source = 'flag-server' AND EXISTS (
        SELECT 1 FROM audit c
        WHERE c.workspace = l.workspace AND c.object_id = l.flag AND c.environment = l.environment
          AND c.object_type = 'flag' AND c.result IN ('ok', 'confirmed', 'confirmed after restart')
          AND ${echoes('l.', 'c.')});

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
        WHERE (excluded.time > flag_latest_change.time
           OR (excluded.time = flag_latest_change.time AND excluded.audit_id > flag_latest_change.audit_id))
          AND NOT (${echoes('excluded.', 'flag_latest_change.')});
      END;
    `);
  },
};
