import type { Database } from 'better-sqlite3';
import type { AfterFactReview } from '../../../src-shared/domain/governance';

interface Row {
  id: number;
  backend: 'flags' | 'deploy';
  target: string;
  environment: string;
  action: string;
  actor: string;
  at: number;
  reason: string | null;
  acknowledged_by: string | null;
  acknowledged_at: number | null;
  note: string | null;
}

const toReview = (r: Row): AfterFactReview => ({
  id: r.id,
  backend: r.backend,
  target: r.target,
  environment: r.environment,
  action: r.action,
  actor: r.actor,
  at: r.at,
  reason: r.reason,
  acknowledgedBy: r.acknowledged_by,
  acknowledgedAt: r.acknowledged_at,
  note: r.note,
});

export type NewAfterFactReview = Omit<AfterFactReview, 'id' | 'acknowledgedBy' | 'acknowledgedAt' | 'note'> & { auditId: number | null };

/** after_fact_review (migration 0015): break-glass actions waiting for someone else's acknowledgement. */
export function afterFactReviewQueries(db: Database) {
  const insert = db.prepare(
    `INSERT INTO after_fact_review (workspace, backend, target, environment, action, actor, at, reason, audit_id)
     VALUES (@workspace, @backend, @target, @environment, @action, @actor, @at, @reason, @auditId)`,
  );
  const open = db.prepare<[string], Row>('SELECT * FROM after_fact_review WHERE workspace = ? AND acknowledged_at IS NULL ORDER BY id');
  const all = db.prepare<[string], Row>('SELECT * FROM after_fact_review WHERE workspace = ? ORDER BY id DESC LIMIT 500');
  const one = db.prepare<[string, number], Row>('SELECT * FROM after_fact_review WHERE workspace = ? AND id = ?');
  const acknowledge = db.prepare(
    `UPDATE after_fact_review SET acknowledged_by = @by, acknowledged_at = @at, note = @note
     WHERE workspace = @workspace AND id = @id AND acknowledged_at IS NULL`,
  );
  return {
    add(workspace: string, review: NewAfterFactReview): AfterFactReview {
      const id = Number(insert.run({ workspace, ...review }).lastInsertRowid);
      return toReview(one.get(workspace, id)!);
    },
    /** Open ones oldest first; with acknowledged ones, the newest 500 of all, newest first. */
    list: (workspace: string, includeAcknowledged = false): AfterFactReview[] =>
      (includeAcknowledged ? all.all(workspace) : open.all(workspace)).map(toReview),
    get: (workspace: string, id: number): AfterFactReview | null => {
      const row = one.get(workspace, id);
      return row ? toReview(row) : null;
    },
    /** False when the review was acknowledged meanwhile (or does not exist). */
    acknowledge: (workspace: string, id: number, by: string, at: number, note: string | null): boolean =>
      acknowledge.run({ workspace, id, by, at, note }).changes === 1,
  };
}
export type AfterFactReviewQueries = ReturnType<typeof afterFactReviewQueries>;
