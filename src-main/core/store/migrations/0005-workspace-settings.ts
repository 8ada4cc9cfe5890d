import type { Migration } from './index';

/** The connection chosen in the settings form (never its token: that lives in the SecretStore). */
export const m0005WorkspaceSettings: Migration = {
  version: 5,
  name: 'workspace-settings',
  up(db) {
    db.exec(`
      CREATE TABLE workspace_settings (
        slot TEXT PRIMARY KEY CHECK (slot = 'active'),
        id TEXT NOT NULL,
        name TEXT NOT NULL,
        definition TEXT NOT NULL,
        saved_at INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
