import type { Migration } from './index';

/**
 * Break-glass actions to review after the fact: a kill or roll-back taken where releases need a
 * second person. A row stays open until someone other than its actor acknowledges it; both the
 * flagging and the acknowledgement are also in the audit (audit_id points at the flagging row).
 */
export const m0015AfterFactReviews: Migration = {
  version: 15,
  name: 'after-fact-reviews',
  up(db) {
    db.exec(`
      CREATE TABLE after_fact_review (
        id INTEGER PRIMARY KEY,
        workspace TEXT NOT NULL,
        backend TEXT NOT NULL CHECK (backend IN ('flags', 'deploy')),
        target TEXT NOT NULL,
        environment TEXT NOT NULL,
        action TEXT NOT NULL,
        actor TEXT NOT NULL,
        at INTEGER NOT NULL,
        reason TEXT,
        audit_id INTEGER,
        acknowledged_by TEXT,
        acknowledged_at INTEGER,
        note TEXT,
        CHECK ((acknowledged_by IS NULL) = (acknowledged_at IS NULL))
      ) STRICT;
      CREATE INDEX after_fact_review_open ON after_fact_review (workspace, acknowledged_at, id);
    `);
  },
};
