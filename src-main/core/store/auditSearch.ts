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

/** A page of a filter: newest first, below `beforeId`, skipping `offset` rows (a jump in a long list). */
export interface AuditPageRequest extends AuditFilter {
  limit: number;
  beforeId?: number;
  offset?: number;
}

/** Bounds on the id that a page, a count or an export adds to the filter. */
export interface IdBounds {
  beforeId?: number;
  afterId?: number;
}

/** Longest search text we accept; longer is an error the user sees, not a slow query. */
export const MAX_SEARCH = 10_000;

/** Object types as the domain knows them: listing them lets the object_id filter use audit_object. */
const OBJECT_TYPES = ['flag', 'rollout', 'plan', 'release', 'workspace'];

/**
 * Free text as an FTS5 query that can only match words: each whitespace-separated piece becomes a
 * quoted phrase (quotes doubled), so FTS syntax in the input (AND, NEAR, *, ^, :, parentheses) is text.
 */
export function ftsQuery(text: string): string | null {
  if (text.length > MAX_SEARCH) throw new RingsideError('bad_request', `text: search text is longer than ${MAX_SEARCH} characters`);
  const pieces = text.split(/\s+/).filter((p) => /[\p{L}\p{N}]/u.test(p)).slice(0, 32);
  if (!pieces.length) return null;
  return pieces.map((p) => `"${p.replace(/"/g, '""')}"`).join(' ');
}

const EXACT: [keyof AuditFilter, string][] = [
  ['source', 'source'],
  ['environment', 'environment'],
  ['actor', 'actor'],
  ['action', 'action'],
];

/**
 * The WHERE clause of a filter, built only from fixed column names and named parameters, so a
 * filter value is always data. Each condition matches an index of migrations 0003–0008.
 */
export function auditWhere(workspace: string, filter: AuditFilter, bounds: IdBounds = {}) {
  const where = ['a.workspace = @workspace'];
  const params: Record<string, unknown> = { workspace };
  const match = filter.text ? ftsQuery(filter.text) : null;
  if (match) {
    where.push('a.id IN (SELECT rowid FROM audit_fts WHERE audit_fts MATCH @match)');
    params.match = match;
  }
  for (const [key, column] of EXACT) {
    if (filter[key] === undefined) continue;
    where.push(`a.${column} = @${key}`);
    params[key] = filter[key];
  }
  if (filter.objectId !== undefined) {
    // audit_object leads with object_type; naming every type lets SQLite seek instead of scan.
    where.push(`a.object_type IN (${OBJECT_TYPES.map((t) => `'${t}'`).join(', ')}) AND a.object_id = @objectId`);
    params.objectId = filter.objectId;
  }
  const ranges: [number | undefined, string, string][] = [
    [filter.from, 'from', 'a.time >= @from'],
    [filter.to, 'to', 'a.time <= @to'],
    [bounds.beforeId, 'beforeId', 'a.id < @beforeId'],
    [bounds.afterId, 'afterId', 'a.id > @afterId'],
  ];
  for (const [value, name, condition] of ranges) {
    if (value === undefined) continue;
    where.push(condition);
    params[name] = value;
  }
  // Without statistics the planner would rather walk the whole workspace in id order than sort an
  // object's few events; an object filter is selective, so seek it.
  const from = filter.objectId !== undefined ? 'audit a INDEXED BY audit_object' : 'audit a';
  return { from, where: where.join(' AND '), params };
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

  const pageSql = ({ from, where }: { from: string; where: string }, offset: boolean) =>
    `SELECT a.* FROM ${from} WHERE ${where} ORDER BY a.id DESC LIMIT @limit${offset ? ' OFFSET @offset' : ''}`;

  return {
    search(workspace: string, request: AuditPageRequest): { events: AuditEvent[]; nextBeforeId: number | null } {
      const { params, ...clause } = auditWhere(workspace, request, { beforeId: request.beforeId });
      const offset = request.offset ? request.offset : 0;
      const rows = statement(pageSql(clause, offset > 0)).all({ ...params, limit: request.limit, ...(offset ? { offset } : {}) }) as Row[];
      const events = rows.map((r) => toEvent(r as never));
      const last = events.at(-1);
      return { events, nextBeforeId: events.length === request.limit && last ? last.id : null };
    },
    count(workspace: string, filter: AuditFilter, bounds: IdBounds = {}): number {
      const { from, where, params } = auditWhere(workspace, filter, bounds);
      return (statement(`SELECT count(*) AS n FROM ${from} WHERE ${where}`).get(params) as { n: number }).n;
    },
    /**
     * One chunk of a filter, newest first below `beforeId`, as a lazy iterator over the rows. The
     * caller drains it before awaiting anything: the connection is busy while it is open.
     */
    *iterate(workspace: string, filter: AuditFilter, beforeId: number, limit: number): Generator<AuditEvent> {
      const { params, ...clause } = auditWhere(workspace, filter, { beforeId });
      for (const row of statement(pageSql(clause, false)).iterate({ ...params, limit }) as IterableIterator<Row>) {
        yield toEvent(row as never);
      }
    },
    /** The query plan of a page of this filter, for the test that keeps every filter on an index. */
    plan(workspace: string, filter: AuditFilter): string[] {
      const { params, ...clause } = auditWhere(workspace, filter, {});
      const rows = db.prepare(`EXPLAIN QUERY PLAN ${pageSql(clause, false)}`).all({ ...params, limit: 50 }) as { detail: string }[];
      return rows.map((r) => r.detail);
    },
  };
}
