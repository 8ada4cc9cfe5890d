import type { Database } from 'better-sqlite3';
import type { BackendKind } from '../../../src-shared/domain/backend';

export interface SyncRow {
  lastSyncAt: number | null;
  lastError: string | null;
}

/** When each backend was last read successfully and what its last error was. */
export function syncStateQueries(db: Database) {
  const select = db.prepare<[string, string], { last_sync_at: number | null; last_error: string | null }>(
    'SELECT last_sync_at, last_error FROM backend_sync WHERE workspace = ? AND backend = ?',
  );
  const success = db.prepare(
    `INSERT INTO backend_sync (workspace, backend, last_sync_at, last_error) VALUES (?, ?, ?, NULL)
     ON CONFLICT (workspace, backend) DO UPDATE SET last_sync_at = excluded.last_sync_at, last_error = NULL`,
  );
  const failure = db.prepare(
    `INSERT INTO backend_sync (workspace, backend, last_sync_at, last_error) VALUES (?, ?, NULL, ?)
     ON CONFLICT (workspace, backend) DO UPDATE SET last_error = excluded.last_error`,
  );
  return {
    get(workspace: string, backend: BackendKind): SyncRow {
      const row = select.get(workspace, backend);
      return { lastSyncAt: row?.last_sync_at ?? null, lastError: row?.last_error ?? null };
    },
    recordSuccess(workspace: string, backend: BackendKind, at: number): void {
      success.run(workspace, backend, at);
    },
    recordFailure(workspace: string, backend: BackendKind, message: string): void {
      failure.run(workspace, backend, message);
    },
  };
}
export type SyncStateQueries = ReturnType<typeof syncStateQueries>;
