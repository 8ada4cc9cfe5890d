import type { Migration } from './index';

/** The last flag snapshot seen per workspace: flags with environments and strategies. */
export const m0002FlagCache: Migration = {
  version: 2,
  name: 'flag-cache',
  up(db) {
    db.exec(`
      CREATE TABLE flag_cache (
        workspace TEXT NOT NULL,
        name TEXT NOT NULL,
        body TEXT NOT NULL,
        PRIMARY KEY (workspace, name)
      ) STRICT;
      CREATE TABLE environment_cache (
        workspace TEXT NOT NULL,
        name TEXT NOT NULL,
        type TEXT NOT NULL,
        PRIMARY KEY (workspace, name)
      ) STRICT;
    `);
  },
};
