import type { Database } from 'better-sqlite3';

export interface SavedConnection {
  id: string;
  name: string;
  flags: { url: string; project: string };
}

/** The one active saved connection, or none (the demo); and per workspace, the name the audit gives the person at the console. */
export function workspaceSettingsQueries(db: Database) {
  const select = db.prepare<[], { definition: string }>("SELECT definition FROM workspace_settings WHERE slot = 'active'");
  const upsert = db.prepare(
    `INSERT INTO workspace_settings (slot, id, name, definition, saved_at) VALUES ('active', ?, ?, ?, ?)
     ON CONFLICT (slot) DO UPDATE SET id = excluded.id, name = excluded.name, definition = excluded.definition, saved_at = excluded.saved_at`,
  );
  const clear = db.prepare("DELETE FROM workspace_settings WHERE slot = 'active'");
  const actorOf = db.prepare<[string], { actor: string }>('SELECT actor FROM workspace_identity WHERE workspace = ?');
  const upsertActor = db.prepare(
    `INSERT INTO workspace_identity (workspace, actor, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (workspace) DO UPDATE SET actor = excluded.actor, updated_at = excluded.updated_at`,
  );
  const clearActor = db.prepare('DELETE FROM workspace_identity WHERE workspace = ?');
  return {
    /** The name set in Settings for the person at the console in this workspace (migration 0014); null: none set. */
    actor(workspace: string): string | null {
      return actorOf.get(workspace)?.actor ?? null;
    },
    /** Set the name, or with null go back to the default (the OS user). */
    setActor(workspace: string, actor: string | null, at: number): void {
      if (actor === null) clearActor.run(workspace);
      else upsertActor.run(workspace, actor, at);
    },
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
