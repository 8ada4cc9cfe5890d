import type { Database } from 'better-sqlite3';
import type { ReconciledIntent } from '../../../src-shared/domain/killRetry';

/** An intent the audit holds without an outcome: a change asked for whose result nobody recorded. */
export interface OpenIntent {
  auditId: number;
  time: number;
  source: string;
  actor: string;
  objectType: string;
  objectId: string;
  environment: string | null;
  /** e.g. flag.disabled.requested */
  action: string;
  intent: unknown;
}

export const RECONCILED = ['confirmed after restart', 'not applied'] as const;

interface ReconciledRow {
  id: number;
  time: number;
  object_id: string;
  environment: string;
  action: string;
  result: string;
  after_json: string | null;
}

const parse = (text: string | null): unknown => {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
};

/** open_intent (migration 0013, kept by triggers) and the reconciliations recorded in the audit. */
export function openIntentQueries(db: Database) {
  const open = db.prepare<[string, number], { audit_id: number; time: number; source: string; actor: string; object_type: string; object_id: string; environment: string | null; action: string; after_json: string | null }>(
    'SELECT * FROM open_intent WHERE workspace = ? AND audit_id <= ? ORDER BY audit_id',
  );
  const count = db.prepare<[string, number], { n: number }>('SELECT count(*) AS n FROM open_intent WHERE workspace = ? AND audit_id <= ?');
  const reconciled = db.prepare<[string, number], ReconciledRow>(
    `SELECT id, time, object_id, environment, action, result, after_json FROM audit
     WHERE workspace = ? AND time >= ? AND object_type = 'flag' AND environment IS NOT NULL
       AND result IN ('confirmed after restart', 'not applied')
     ORDER BY time DESC, id DESC LIMIT 50`,
  );
  return {
    /** Open intents up to an audit id (those of a session that ended; a running one settles its own). */
    open(workspace: string, upTo = Number.MAX_SAFE_INTEGER): OpenIntent[] {
      return open.all(workspace, upTo).map((r) => ({
        auditId: r.audit_id,
        time: r.time,
        source: r.source,
        actor: r.actor,
        objectType: r.object_type,
        objectId: r.object_id,
        environment: r.environment,
        action: r.action,
        intent: parse(r.after_json),
      }));
    },
    count: (workspace: string, upTo = Number.MAX_SAFE_INTEGER) => count.get(workspace, upTo)?.n ?? 0,
    /** Flag intents reconciled after a restart since `since`, newest first. */
    reconciledSince(workspace: string, since: number): ReconciledIntent[] {
      return reconciled.all(workspace, since).map((r) => {
        const after = (parse(r.after_json) ?? {}) as { intentId?: number; requestedAt?: number; evidence?: string };
        return {
          intentId: after.intentId ?? 0,
          flag: r.object_id,
          environment: r.environment,
          action: r.action,
          outcome: r.result as ReconciledIntent['outcome'],
          requestedAt: after.requestedAt ?? r.time,
          reconciledAt: r.time,
          evidence: after.evidence ?? '',
        };
      });
    },
  };
}
export type OpenIntentQueries = ReturnType<typeof openIntentQueries>;
