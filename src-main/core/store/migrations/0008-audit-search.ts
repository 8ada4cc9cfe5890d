import type { Migration } from './index';

/**
 * Full-text search over action, object, actor, reason and payload (FTS5, contentless: the text
 * lives once, in the audit table), kept current by a trigger; indexes for every filter.
 */
export const m0008AuditSearch: Migration = {
  version: 8,
  name: 'audit-search',
  up(db) {
    db.exec(`
      CREATE VIRTUAL TABLE audit_fts USING fts5(action, object, actor, reason, payload, content='', tokenize='unicode61');
      INSERT INTO audit_fts (rowid, action, object, actor, reason, payload)
        SELECT id, action, object_type || ' ' || object_id, actor, coalesce(reason, ''),
               coalesce(before_json, '') || ' ' || coalesce(after_json, '') || ' ' || coalesce(result, '')
        FROM audit;
      CREATE TRIGGER audit_fts_insert AFTER INSERT ON audit BEGIN
        INSERT INTO audit_fts (rowid, action, object, actor, reason, payload)
        VALUES (new.id, new.action, new.object_type || ' ' || new.object_id, new.actor, coalesce(new.reason, ''),
                coalesce(new.before_json, '') || ' ' || coalesce(new.after_json, '') || ' ' || coalesce(new.result, ''));
      END;
      CREATE INDEX audit_source ON audit (workspace, source, id DESC);
      CREATE INDEX audit_actor ON audit (workspace, actor, id DESC);
      CREATE INDEX audit_action ON audit (workspace, action, id DESC);
      CREATE INDEX audit_environment ON audit (workspace, environment, id DESC);
    `);
  },
};
