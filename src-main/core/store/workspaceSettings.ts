import type { Database } from 'better-sqlite3';

export interface SavedConnection {
  id: string;
  name: string;
  flags: { url: string; project: string };
}

/** The one active saved connection, or none (the demo). */
export function workspaceSettingsQueries(db: Database) {
  const select = db.prepare<[], { definition: string }>("SELECT definition FROM workspace_settings WHERE slot = 'active'");
  const upsert = db.prepare(
    `INSERT INTO workspace_settings (slot, id, name, definition, saved_at) VALUES ('active', ?, ?, ?, ?)
     ON CONFLICT (slot) DO UPDATE SET id = excluded.id, name = excluded.name, definition = excluded.definition, saved_at = excluded.saved_at`,
  );
  const clear = db.prepare("DELETE FROM workspace_settings WHERE slot = 'active'");
  return {
    active(): SavedConnection | null {
      const row = select.get();
      if (!row) return null;
      try {
        return JSON.parse(row.definition) as SavedConnection;
      } catch {
        return null;
      }
    },
    save(connection: SavedConnection, at: number): void {
      upsert.run(connection.id, connection.name, JSON.stringify(connection), at);
    },
    clear(): void {
      clear.run();
    },
  };
}
export type WorkspaceSettingsQueries = ReturnType<typeof workspaceSettingsQueries>;
