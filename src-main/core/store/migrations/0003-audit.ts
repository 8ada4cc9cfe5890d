import type { Migration } from './index';

/** One audit table for every source; later migrations add the hash chain and full-text search. */
export const m0003Audit: Migration = {
  version: 3,
  name: 'audit',
  up(db) {
    db.exec(`
      CREATE TABLE audit (
        id INTEGER PRIMARY KEY,
        time INTEGER NOT NULL,
        source TEXT NOT NULL,
        actor TEXT NOT NULL,
        workspace TEXT NOT NULL,
        environment TEXT,
        object_type TEXT NOT NULL,
        object_id TEXT NOT NULL,
        action TEXT NOT NULL,
        before_json TEXT,
        after_json TEXT,
        reason TEXT,
        result TEXT
      ) STRICT;
      CREATE INDEX audit_workspace_id ON audit (workspace, id DESC);
      CREATE INDEX audit_workspace_time ON audit (workspace, time);
    `);
  },
};
