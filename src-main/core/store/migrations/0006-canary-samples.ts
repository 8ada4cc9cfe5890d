import type { Migration } from './index';

/** Canary and baseline samples as they were read, so a past canary stays reviewable offline. */
export const m0006CanarySamples: Migration = {
  version: 6,
  name: 'canary-samples',
  up(db) {
    db.exec(`
      CREATE TABLE canary_sample (
        workspace TEXT NOT NULL,
        release TEXT NOT NULL,
        metric TEXT NOT NULL,
        grp TEXT NOT NULL CHECK (grp IN ('canary', 'baseline')),
        t INTEGER NOT NULL,
        v REAL,
        PRIMARY KEY (workspace, release, metric, grp, t)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
