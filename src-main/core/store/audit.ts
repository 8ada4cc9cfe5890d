import type { Database } from 'better-sqlite3';
import type { AuditEvent, NewAuditEvent } from '../../../src-shared/domain/audit';

interface AuditRow {
  id: number;
  time: number;
  source: string;
  actor: string;
  workspace: string;
  environment: string | null;
  object_type: string;
  object_id: string;
  action: string;
  before_json: string | null;
  after_json: string | null;
  reason: string | null;
  result: string | null;
}

interface LatestChangeRow {
  object_id: string;
  environment: string;
  actor: string;
  time: number;
  action: string;
  source: string;
}

const toEvent = (row: AuditRow): AuditEvent => ({
  id: row.id,
  time: row.time,
  source: row.source as AuditEvent['source'],
  actor: row.actor,
  workspace: row.workspace,
  environment: row.environment,
  objectType: row.object_type as AuditEvent['objectType'],
  objectId: row.object_id,
  action: row.action,
  before: parseJson(row.before_json),
  after: parseJson(row.after_json),
  reason: row.reason,
  result: row.result,
});

const toParams = (e: NewAuditEvent) => [
  e.time,
  e.source,
  e.actor,
  e.workspace,
  e.environment,
  e.objectType,
  e.objectId,
  e.action,
  e.before == null ? null : JSON.stringify(e.before),
  e.after == null ? null : JSON.stringify(e.after),
  e.reason,
  e.result,
];

/** The audit table: append, amend an outcome, page newest first. */
export function auditQueries(db: Database) {
  const insert = db.prepare(
    `INSERT INTO audit (time, source, actor, workspace, environment, object_type, object_id, action,
       before_json, after_json, reason, result) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const pageFirst = db.prepare<[string, number], AuditRow>(
    'SELECT * FROM audit WHERE workspace = ? ORDER BY id DESC LIMIT ?',
  );
  const pageBefore = db.prepare<[string, number, number], AuditRow>(
    'SELECT * FROM audit WHERE workspace = ? AND id < ? ORDER BY id DESC LIMIT ?',
  );
  const count = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM audit WHERE workspace = ?');
  const insertExternal = db.prepare(
    `INSERT OR IGNORE INTO audit (time, source, actor, workspace, environment, object_type, object_id, action,
       before_json, after_json, reason, result, external_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const cursorGet = db.prepare<[string, string], { cursor: number }>(
    'SELECT cursor FROM sync_cursor WHERE workspace = ? AND source = ?',
  );
  const cursorSet = db.prepare(
    `INSERT INTO sync_cursor (workspace, source, cursor) VALUES (?, ?, ?)
     ON CONFLICT (workspace, source) DO UPDATE SET cursor = excluded.cursor`,
  );
  // Bare columns with max(id) come from the newest row of each group (SQLite's documented behaviour).
  const latestChanges = db.prepare<[string], LatestChangeRow>(
    `SELECT object_id, environment, actor, time, action, source, max(id) AS id FROM audit
     WHERE workspace = ? AND object_type = 'flag' AND environment IS NOT NULL
       AND action IN ('flag.enabled', 'flag.disabled', 'flag.strategy.updated')
       AND (result IS NULL OR result IN ('ok', 'confirmed'))
     GROUP BY object_id, environment`,
  );
  const insertExternalMany = db.transaction((events: { event: NewAuditEvent; externalId: string }[], source: string, workspace: string, cursor: number) => {
    let added = 0;
    for (const { event, externalId } of events) added += insertExternal.run(...toParams(event), externalId).changes;
    cursorSet.run(workspace, source, cursor);
    return added;
  });
  const insertMany = db.transaction((events: Iterable<NewAuditEvent>) => {
    let n = 0;
    for (const event of events) {
      insert.run(...toParams(event));
      n += 1;
    }
    return n;
  });
  return {
    append(event: NewAuditEvent): number {
      return Number(insert.run(...toParams(event)).lastInsertRowid);
    },
    appendMany(events: Iterable<NewAuditEvent>): number {
      return insertMany(events);
    },
    /** Events synced from a server, each once, and the new cursor, in one transaction. */
    appendExternal(workspace: string, source: string, events: { event: NewAuditEvent; externalId: string }[], cursor: number): number {
      return insertExternalMany(events, source, workspace, cursor);
    },
    cursor(workspace: string, source: string): number | null {
      return cursorGet.get(workspace, source)?.cursor ?? null;
    },
    /** The newest successful on/off/strategy change per flag and environment. */
    latestFlagChanges(workspace: string) {
      return latestChanges.all(workspace).map((r) => ({
        flag: r.object_id,
        environment: r.environment,
        by: r.actor,
        at: r.time,
        action: r.action,
        source: r.source,
      }));
    },
    count(workspace: string): number {
      return count.get(workspace)?.n ?? 0;
    },
    page(workspace: string, limit: number, beforeId?: number): { events: AuditEvent[]; nextBeforeId: number | null } {
      const rows = beforeId ? pageBefore.all(workspace, beforeId, limit) : pageFirst.all(workspace, limit);
      const events = rows.map(toEvent);
      const last = events[events.length - 1];
      return { events, nextBeforeId: events.length === limit && last ? last.id : null };
    },
  };
}
export type AuditQueries = ReturnType<typeof auditQueries>;

function parseJson(text: string | null): unknown {
  if (text == null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
