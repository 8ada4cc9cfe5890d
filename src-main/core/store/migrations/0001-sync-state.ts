import type { Migration } from './index';

/** When each backend of each workspace was last read, so the age of cached data survives a restart. */
export const m0001SyncState: Migration = {
  version: 1,
  name: 'sync-state',
  up(db) {
    db.exec(`
      CREATE TABLE backend_sync (
        workspace TEXT NOT NULL,
        backend TEXT NOT NULL CHECK (backend IN ('flags', 'deploy', 'metrics')),
        last_sync_at INTEGER,
        last_error TEXT,
        PRIMARY KEY (workspace, backend)
      ) STRICT;
    `);
  },
};
