import type { Database } from 'better-sqlite3';

export interface SavedWorkspaceRow {
  id: string;
  name: string;
  /** the WorkspaceConfig as JSON text; parsed and checked by the registry, so a bad row is reported, not fatal */
  config: string;
  sessionOnly: boolean;
  savedAt: number;
}

/** Workspaces added in the console (migration 0016) and console-wide settings such as the default workspace. */
export function savedWorkspaceQueries(db: Database) {
  const all = db.prepare<[], { id: string; name: string; config: string; session_only: number; saved_at: number }>(
    'SELECT id, name, config, session_only, saved_at FROM saved_workspace ORDER BY name, id',
  );
  const upsert = db.prepare(
    `INSERT INTO saved_workspace (id, name, config, session_only, saved_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, config = excluded.config, session_only = excluded.session_only, saved_at = excluded.saved_at`,
  );
  const remove = db.prepare('DELETE FROM saved_workspace WHERE id = ?');
  const getSetting = db.prepare<[string], { value: string }>('SELECT value FROM console_setting WHERE key = ?');
  const putSetting = db.prepare('INSERT INTO console_setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  const clearSetting = db.prepare('DELETE FROM console_setting WHERE key = ?');
  return {
    list(): SavedWorkspaceRow[] {
      return all.all().map((r) => ({ id: r.id, name: r.name, config: r.config, sessionOnly: r.session_only === 1, savedAt: r.saved_at }));
    },
    save(row: SavedWorkspaceRow): void {
      upsert.run(row.id, row.name, row.config, row.sessionOnly ? 1 : 0, row.savedAt);
    },
    remove(id: string): boolean {
      return remove.run(id).changes > 0;
    },
    setting(key: string): string | null {
      return getSetting.get(key)?.value ?? null;
    },
    setSetting(key: string, value: string | null): void {
      if (value === null) clearSetting.run(key);
      else putSetting.run(key, value);
    },
  };
}
export type SavedWorkspaceQueries = ReturnType<typeof savedWorkspaceQueries>;
