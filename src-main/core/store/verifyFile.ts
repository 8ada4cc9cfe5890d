import BetterSqlite3 from 'better-sqlite3';
import { verifyChain, type ChainReport, type ChainedFields } from './auditChain';

/** Verify the audit chain of a database file opened read-only: checking never changes the evidence. */
export function verifyAuditFile(file: string, nativeBinding?: string): ChainReport {
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    const rows = db
      .prepare<[], ChainedFields & { hash: string | null }>(
        `SELECT id, time, source, actor, workspace, environment, object_type, object_id, action, before_json, after_json,
           reason, result, external_id, hash FROM audit ORDER BY id`,
      )
      .iterate();
    return verifyChain(rows);
  } finally {
    db.close();
  }
}
