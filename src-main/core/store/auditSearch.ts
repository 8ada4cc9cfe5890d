import type { Database, Statement } from 'better-sqlite3';
import type { AuditEvent } from '../../../src-shared/domain/audit';
import { RingsideError } from '../../../src-shared/ipc/result';

/** What the Audit view, the export and the count filter on; every field is optional. */
export interface AuditFilter {
  text?: string;
  from?: number;
  to?: number;
  source?: string;
  environment?: string;
  objectId?: string;
  actor?: string;
  action?: string;
}

/** Where a page ends in the history's order (time, then id): the next page starts after it. */
export interface AuditCursor {
  time: number;
  id: number;
}

/**
 * A page of a filter, newest first: after the `before` cursor, only ids below `beforeId` (a list
 * anchored where it was first loaded), skipping `offset` rows (a jump in a long list).
 */
export interface AuditPageRequest extends AuditFilter {
  limit: number;
  before?: AuditCursor;
  beforeId?: number;
  offset?: number;
}

/** Bounds that a page, a count or an export adds to the filter. */
export interface IdBounds {
  beforeId?: number;
  afterId?: number;
  before?: AuditCursor;
}

/** Longest search text we accept; longer is an error the user sees, not a slow query. */
export const MAX_SEARCH = 10_000;

/**
 * Free text as an FTS5 query that can only match words: each whitespace-separated piece becomes a
 * quoted phrase (quotes doubled), so FTS syntax in the input (AND, NEAR, *, ^, :, parentheses) is text.
 */
export function ftsQuery(text: string): string | null {
  if (text.length > MAX_SEARCH) throw new RingsideError('bad_request', `text: search text is longer than ${MAX_SEARCH} characters`);
  // SQLite ends a string at a NUL (FTS5 then reads an unterminated phrase): it separates words here.
  const pieces = text
    .replaceAll(String.fromCharCode(0), ' ')
    .split(/\s+/)
    .filter((p) => /[\p{L}\p{N}]/u.test(p))
    .slice(0, 32);
  if (!pieces.length) return null;
  return pieces.map((p) => `"${p.replace(/"/g, '""')}"`).join(' ');
}

const EXACT: [keyof AuditFilter, string][] = [
  ['source', 'source'],
  ['environment', 'environment'],
  ['objectId', 'object_id'],
  ['actor', 'actor'],
  ['action', 'action'],
];

/** Below this many matches a search reads the matches and sorts them; above, it walks an index. */
export const FEW_MATCHES = 5_000;

/**
 * The WHERE clause of a filter, built only from fixed column names and named parameters, so a
 * filter value is always data. Each condition matches an index ending in time (migrations 0003 and
 * 0010). `ftsFirst` makes the text's matches drive the query (a unary + keeps the other columns
 * off their indexes): right for a rare word, which an index walk would look for through everything.
 */
export function auditWhere(workspace: string, filter: AuditFilter, bounds: IdBounds = {}, ftsFirst = false) {
  const col = (name: string) => (ftsFirst ? `+a.${name}` : `a.${name}`);
  const where = [`${col('workspace')} = @workspace`];
  const params: Record<string, unknown> = { workspace };
  const match = filter.text ? ftsQuery(filter.text) : null;
  if (match) {
    where.push('a.id IN (SELECT rowid FROM audit_fts WHERE audit_fts MATCH @match)');
    params.match = match;
  }
  for (const [key, column] of EXACT) {
    if (filter[key] === undefined) continue;
    where.push(`${col(column)} = @${key}`);
    params[key] = filter[key];
  }
  const ranges: [number | undefined, string, string][] = [
    [filter.from, 'from', `${col('time')} >= @from`],
    [filter.to, 'to', `${col('time')} <= @to`],
    [bounds.beforeId, 'beforeId', 'a.id < @beforeId'],
    [bounds.afterId, 'afterId', 'a.id > @afterId'],
  ];
  for (const [value, name, condition] of ranges) {
    if (value === undefined) continue;
    where.push(condition);
    params[name] = value;
  }
  if (bounds.before) {
    // A row value compares (time, id) in the order of the indexes, so the next page is a seek.
    where.push(`(${col('time')}, a.id) < (@cursorTime, @cursorId)`);
    params.cursorTime = bounds.before.time;
    params.cursorId = bounds.before.id;
  }
  return { from: 'audit a', where: where.join(' AND '), params };
}

type Row = Record<string, unknown> & { id: number };

/** Search, count and stream the audit through indexes (and the FTS index for text), newest first. */
export function auditSearch(db: Database, toEvent: (row: never) => AuditEvent) {
  // A filter has at most a few hundred shapes; each shape's SQL is prepared once.
  const prepared = new Map<string, Statement>();
  const statement = (sql: string) => {
    let found = prepared.get(sql);
    if (!found) {
      found = db.prepare(sql);
      if (prepared.size > 512) prepared.clear();
      prepared.set(sql, found);
    }
    return found;
  };

  const matchesUpTo = db.prepare<{ match: string; cap: number }, { n: number }>(
    'SELECT count(*) AS n FROM (SELECT rowid FROM audit_fts WHERE audit_fts MATCH @match LIMIT @cap)',
  );
  /** Whether a search's words are rare enough to read their matches first (one capped count of the FTS index). */
  const ftsFirst = (filter: AuditFilter) => {
    const match = filter.text ? ftsQuery(filter.text) : null;
    return match !== null && matchesUpTo.get({ match, cap: FEW_MATCHES })!.n < FEW_MATCHES;
  };

  const pageSql = ({ from, where }: { from: string; where: string }, offset: boolean) =>
    `SELECT a.* FROM ${from} WHERE ${where} ORDER BY a.time DESC, a.id DESC LIMIT @limit${offset ? ' OFFSET @offset' : ''}`;

  return {
    search(workspace: string, request: AuditPageRequest): { events: AuditEvent[]; next: AuditCursor | null } {
      const { params, ...clause } = auditWhere(workspace, request, { beforeId: request.beforeId, before: request.before }, ftsFirst(request));
      const offset = request.offset ? request.offset : 0;
      const rows = statement(pageSql(clause, offset > 0)).all({ ...params, limit: request.limit, ...(offset ? { offset } : {}) }) as Row[];
      const events = rows.map((r) => toEvent(r as never));
      const last = events.at(-1);
      return { events, next: events.length === request.limit && last ? { time: last.time, id: last.id } : null };
    },
    count(workspace: string, filter: AuditFilter, bounds: IdBounds = {}): number {
      // A count visits every match anyway: with text, the matches drive it.
      const { from, where, params } = auditWhere(workspace, filter, bounds, Boolean(filter.text));
      return (statement(`SELECT count(*) AS n FROM ${from} WHERE ${where}`).get(params) as { n: number }).n;
    },
    /**
     * One chunk of a filter, newest first, ids below `beforeId`, after the `before` cursor, as a lazy
     * iterator over the rows. The caller drains it (or returns it) before awaiting anything: the
     * connection is busy while it is open.
     */
    *iterate(workspace: string, filter: AuditFilter, bounds: { beforeId: number; before?: AuditCursor }, limit: number): Generator<AuditEvent> {
      const { params, ...clause } = auditWhere(workspace, filter, bounds, ftsFirst(filter));
      for (const row of statement(pageSql(clause, false)).iterate({ ...params, limit }) as IterableIterator<Row>) {
        yield toEvent(row as never);
      }
    },
    /** The query plan of a page of this filter, for the test that keeps every filter on an index. */
    plan(workspace: string, filter: AuditFilter, bounds: IdBounds = {}, matchesFirst = false): string[] {
      const { params, ...clause } = auditWhere(workspace, filter, bounds, matchesFirst);
      const rows = db.prepare(`EXPLAIN QUERY PLAN ${pageSql(clause, false)}`).all({ ...params, limit: 50 }) as { detail: string }[];
      return rows.map((r) => r.detail);
    },
  };
}
