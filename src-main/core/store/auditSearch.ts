import type { Database } from 'better-sqlite3';
import type { AuditEvent } from '../../../src-shared/domain/audit';
import { RingsideError } from '../../../src-shared/ipc/result';

export interface AuditFilter {
  text?: string;
  from?: number;
  to?: number;
  source?: string;
  environment?: string;
  objectId?: string;
  actor?: string;
  action?: string;
  limit: number;
  beforeId?: number;
}

/** Longest search text we accept; longer is an error the user sees, not a slow query. */
export const MAX_SEARCH = 10_000;

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

type Row = Record<string, unknown> & { id: number };

/** Search and filter the audit newest first, through indexes (and the FTS index for text). */
export function auditSearch(db: Database, toEvent: (row: never) => AuditEvent) {
  return (workspace: string, filter: AuditFilter): { events: AuditEvent[]; nextBeforeId: number | null } => {
    const where = ['a.workspace = @workspace'];
    const params: Record<string, unknown> = { workspace, limit: filter.limit };
    const match = filter.text ? ftsQuery(filter.text) : null;
    if (match) {
      where.push('a.id IN (SELECT rowid FROM audit_fts WHERE audit_fts MATCH @match)');
      params.match = match;
    }
    const exact: [keyof AuditFilter, string][] = [
      ['source', 'source'],
      ['environment', 'environment'],
      ['objectId', 'object_id'],
      ['actor', 'actor'],
      ['action', 'action'],
    ];
    for (const [key, column] of exact) {
      if (filter[key] !== undefined) {
        where.push(`a.${column} = @${key}`);
        params[key] = filter[key];
      }
    }
    const bounds: [keyof AuditFilter, string][] = [
      ['from', 'a.time >= @from'],
      ['to', 'a.time <= @to'],
      ['beforeId', 'a.id < @beforeId'],
    ];
    for (const [key, condition] of bounds) {
      if (filter[key] === undefined) continue;
      where.push(condition);
      params[key] = filter[key];
    }
    const sql = `SELECT a.* FROM audit a WHERE ${where.join(' AND ')} ORDER BY a.id DESC LIMIT @limit`;
    const rows = db.prepare<Record<string, unknown>, Row>(sql).all(params);
    const events = rows.map((r) => toEvent(r as never));
    const last = events.at(-1);
    return { events, nextBeforeId: events.length === filter.limit && last ? last.id : null };
  };
}
