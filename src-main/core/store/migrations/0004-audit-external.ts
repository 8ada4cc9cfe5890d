import type { Migration } from './index';

/**
 * Events synced from a server carry the server's own id, so a re-sync never duplicates them, and
 * each source keeps the cursor it has synced up to.
 */
export const m0004AuditExternal: Migration = {
  version: 4,
  name: 'audit-external',
  up(db) {
    db.exec(`
      ALTER TABLE audit ADD COLUMN external_id TEXT;
      CREATE UNIQUE INDEX audit_external ON audit (workspace, source, external_id) WHERE external_id IS NOT NULL;
      CREATE INDEX audit_object ON audit (workspace, object_type, object_id, environment, id DESC);
      CREATE TABLE sync_cursor (
        workspace TEXT NOT NULL,
        source TEXT NOT NULL,
        cursor INTEGER NOT NULL,
        PRIMARY KEY (workspace, source)
      ) STRICT;
    `);
  },
};
