import type { Database } from 'better-sqlite3';
import type { AuditEvent, NewAuditEvent } from '../../../src-shared/domain/audit';
import { maskSecrets } from '../security/secretMask';
import { auditDerived } from './auditDerived';
import { auditSearch } from './auditSearch';
import { GENESIS, valuesHash, verifyChain, type ChainReport, type ChainValues, type ChainedFields } from './auditChain';

/** The columns the hash chain covers, in id order after a given id. */
const CHAIN_COLUMNS = `id, time, source, actor, workspace, environment, object_type, object_id, action, before_json, after_json,
       reason, result, external_id, hash`;
type ChainRow = ChainedFields & { hash: string | null };

/** A row as read for display: the chained fields without the sync's external id. */
type AuditRow = Omit<ChainedFields, 'external_id'>;

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

/** Free text in a row (an outcome quoting an upstream error, a reason, details) is stored with secrets masked, then hashed. */
const masked = (text: string | null) => (text === null ? null : maskSecrets(text));

/** A new row's chained fields, in column order: what is hashed, then (with the hash) bound to the insert. */
const toValues = (id: number, e: NewAuditEvent, externalId: string | null): ChainValues => [
  id,
  e.time,
  e.source,
  e.actor,
  e.workspace,
  e.environment,
  e.objectType,
  e.objectId,
  e.action,
  e.before == null ? null : masked(JSON.stringify(e.before)),
  e.after == null ? null : masked(JSON.stringify(e.after)),
  masked(e.reason),
  masked(e.result),
  externalId,
];

/** The audit table: append, amend an outcome, page newest first. */
export function auditQueries(db: Database) {
  // Positional parameters in column order: the row's chained values with its hash appended.
  const insertRow = db.prepare<[unknown[]]>(
    `INSERT OR IGNORE INTO audit (id, time, source, actor, workspace, environment, object_type, object_id, action,
       before_json, after_json, reason, result, external_id, hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  // Full text, open intents and latest changes for the ids a write added (migration 0017: no per-row triggers).
  const derive = auditDerived(db);
  const last = db.prepare<[], { id: number; hash: string | null }>('SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1');
  const chainRows = db.prepare<[], ChainRow>(`SELECT ${CHAIN_COLUMNS} FROM audit ORDER BY id`);
  const chainAfter = db.prepare<[number, number], ChainRow>(`SELECT ${CHAIN_COLUMNS} FROM audit WHERE id > ? ORDER BY id LIMIT ?`);
  const maxId = db.prepare<[string], { id: number | null }>('SELECT max(id) AS id FROM audit WHERE workspace = ?');
  const latestResult = db.prepare<[string, string, string], { result: string | null }>(
    'SELECT result FROM audit WHERE workspace = ? AND object_id = ? AND action = ? ORDER BY time DESC, id DESC LIMIT 1',
  );
  const between = db.prepare<[string, number, number, string], AuditRow>(
    `SELECT * FROM audit WHERE workspace = ? AND time BETWEEN ? AND ? AND action IN (SELECT value FROM json_each(?))
     ORDER BY time, id`,
  );
  const cursorDelete = db.prepare('DELETE FROM sync_cursor WHERE workspace = ? AND source = ?');
  /**
   * Append one row at the end of the chain; 0 when an external id was already there. Within one
   * transaction the tail is read once and then carried along, not re-read per row; `start` is the
   * tail the transaction began at, so its new rows are the ids above it.
   */
  type Tail = { id: number; hash: string | null };
  let tail: Tail | undefined;
  let start: number | undefined;
  const insertChained = (event: NewAuditEvent, externalId: string | null): number => {
    if (!tail) {
      tail = last.get() ?? { id: 0, hash: null };
      start = tail.id;
    }
    const id = tail.id + 1;
    const values = toValues(id, event, externalId);
    const hash = valuesHash(tail.hash ?? GENESIS, values);
    if (insertRow.run([...values, hash]).changes === 0) return 0;
    tail = { id, hash };
    return id;
  };
  /**
   * Run a write with the carried tail valid only inside it (another process may write between);
   * what the rows it added imply (full text, open intents, latest changes) is written before it commits.
   */
  const chained = <A extends unknown[], R>(fn: (...args: A) => R) =>
    db.transaction((...args: A): R => {
      tail = undefined;
      start = undefined;
      try {
        const result = fn(...args);
        const end = tail as Tail | undefined; // moved by insertChained inside fn
        if (end && start !== undefined) derive(start, end.id);
        return result;
      } finally {
        tail = undefined;
        start = undefined;
      }
    });
  const appendOne = chained((event: NewAuditEvent) => insertChained(event, null));
  const pageFirst = db.prepare<[string, number], AuditRow>(
    'SELECT * FROM audit WHERE workspace = ? ORDER BY id DESC LIMIT ?',
  );
  const pageBefore = db.prepare<[string, number, number], AuditRow>(
    'SELECT * FROM audit WHERE workspace = ? AND id < ? ORDER BY id DESC LIMIT ?',
  );
  const count = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM audit WHERE workspace = ?');
  const aboutObjects = db.prepare<[string, string, number, number], AuditRow>(
    `SELECT * FROM audit WHERE workspace = ? AND object_id IN (SELECT value FROM json_each(?))
       AND time BETWEEN ? AND ? ORDER BY time LIMIT 500`,
  );
  const cursorGet = db.prepare<[string, string], { cursor: number }>(
    'SELECT cursor FROM sync_cursor WHERE workspace = ? AND source = ?',
  );
  const cursorSet = db.prepare(
    `INSERT INTO sync_cursor (workspace, source, cursor) VALUES (?, ?, ?)
     ON CONFLICT (workspace, source) DO UPDATE SET cursor = excluded.cursor`,
  );
  // Kept by a trigger on insert (migration 0012): the Kill switches view reads it on every reload.
  const latestChanges = db.prepare<[string], LatestChangeRow>(
    `SELECT flag AS object_id, environment, actor, time, action, source FROM flag_latest_change WHERE workspace = ?`,
  );
  const insertExternalMany = chained((events: { event: NewAuditEvent; externalId: string }[], source: string, workspace: string, cursor: number) => {
    let added = 0;
    for (const { event, externalId } of events) added += insertChained(event, externalId) ? 1 : 0;
    cursorSet.run(workspace, source, cursor);
    return added;
  });
  const setSync = (workspace: string, values: Record<string, number | null>) => {
    for (const [key, value] of Object.entries(values)) {
      if (value === null) cursorDelete.run(workspace, key);
      else cursorSet.run(workspace, key, value);
    }
  };
  const insertSyncPage = chained(
    (workspace: string, events: { event: NewAuditEvent; externalId: string }[], values: Record<string, number | null>) => {
      let added = 0;
      for (const { event, externalId } of events) added += insertChained(event, externalId) ? 1 : 0;
      setSync(workspace, values);
      return added;
    },
  );
  const insertMany = chained((events: Iterable<NewAuditEvent>) => {
    let n = 0;
    for (const event of events) {
      insertChained(event, null);
      n += 1;
    }
    return n;
  });
  const finder = auditSearch(db, toEvent as (row: never) => AuditEvent);
  return {
    /** Append one row (in an IMMEDIATE transaction, so concurrent writers keep one chain); its id. */
    append(event: NewAuditEvent): number {
      return appendOne.immediate(event);
    },
    appendMany(events: Iterable<NewAuditEvent>): number {
      return insertMany.immediate(events);
    },
    /** Full-text search and filters, newest first, paged by id (or jumped to by offset). */
    search: finder.search,
    /** How many events a filter matches, within id bounds. */
    countMatching: finder.count,
    /** A chunk of a filter as a lazy iterator (exports stream these). */
    iterate: finder.iterate,
    /** The query plan of a filter's page (tests keep every filter on an index). */
    plan: finder.plan,
    /** Recompute the hash chain over every row and name the first broken link. */
    verify(): ChainReport {
      return verifyChain(chainRows.iterate());
    },
    /** Rows of the chain after an id, in id order: one chunk of an incremental verification. */
    chainAfter(afterId: number, limit: number): ChainRow[] {
      return chainAfter.all(afterId, limit);
    },
    /** The newest id of a workspace, null when it has no events. */
    /** The result of an object's latest row of one action (e.g. a release's last verdict), or undefined without one. */
    latestResult(workspace: string, objectId: string, action: string): string | null | undefined {
      return latestResult.get(workspace, objectId, action)?.result;
    },
    maxId(workspace: string): number | null {
      return maxId.get(workspace)?.id ?? null;
    },
    /** Events with one of these actions in [from, to], oldest first (the DORA figures' input). */
    withActions(workspace: string, actions: string[], from: number, to: number): AuditEvent[] {
      return between.all(workspace, from, to, JSON.stringify(actions)).map(toEvent);
    },
    /**
     * One page of a server sync: its events, each once, and the sync's bookkeeping values
     * (null deletes one), in one transaction, so a crash or a cancel never leaves them apart.
     */
    appendSyncPage(workspace: string, events: { event: NewAuditEvent; externalId: string }[], values: Record<string, number | null>): number {
      return insertSyncPage.immediate(workspace, events, values);
    },
    /** Sync bookkeeping values (cursors, resume points, times) by key; absent keys are null. */
    syncValues<K extends string>(workspace: string, keys: readonly K[]): Record<K, number | null> {
      return Object.fromEntries(keys.map((key) => [key, cursorGet.get(workspace, key)?.cursor ?? null])) as Record<K, number | null>;
    },
    setSyncValues(workspace: string, values: Record<string, number | null>): void {
      db.transaction(() => setSync(workspace, values))();
    },
    /** Events synced from a server, each once, and the new cursor, in one transaction. */
    appendExternal(workspace: string, source: string, events: { event: NewAuditEvent; externalId: string }[], cursor: number): number {
      return insertExternalMany.immediate(events, source, workspace, cursor);
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
    /** Events about any of these objects (a release's flag, rollout, itself) in a time range, oldest first. */
    aboutObjects(workspace: string, objectIds: string[], from: number, to: number): AuditEvent[] {
      return aboutObjects.all(workspace, JSON.stringify(objectIds), from, to).map(toEvent);
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
