import type { Database } from 'better-sqlite3';
import { Flag, type Environment } from '../../../src-shared/domain/flag';

/** The last flag snapshot per workspace; replaced whole so removed flags disappear too. */
export function flagCacheQueries(db: Database) {
  const deleteFlags = db.prepare('DELETE FROM flag_cache WHERE workspace = ?');
  const deleteEnvs = db.prepare('DELETE FROM environment_cache WHERE workspace = ?');
  const insertFlag = db.prepare('INSERT INTO flag_cache (workspace, name, body) VALUES (?, ?, ?)');
  const insertEnv = db.prepare('INSERT INTO environment_cache (workspace, name, type) VALUES (?, ?, ?)');
  const selectFlags = db.prepare<[string], { body: string }>(
    'SELECT body FROM flag_cache WHERE workspace = ? ORDER BY name',
  );
  const selectEnvs = db.prepare<[string], Environment>(
    'SELECT name, type FROM environment_cache WHERE workspace = ? ORDER BY rowid',
  );
  const upsertFlag = db.prepare(
    'INSERT INTO flag_cache (workspace, name, body) VALUES (?, ?, ?) ON CONFLICT (workspace, name) DO UPDATE SET body = excluded.body',
  );
  const deleteFlag = db.prepare('DELETE FROM flag_cache WHERE workspace = ? AND name = ?');
  const patch = db.transaction((workspace: string, flags: Flag[], removed: string[]) => {
    for (const flag of flags) upsertFlag.run(workspace, flag.name, JSON.stringify(flag));
    for (const name of removed) deleteFlag.run(workspace, name);
  });
  const replace = db.transaction((workspace: string, flags: Flag[], environments: Environment[]) => {
    deleteFlags.run(workspace);
    deleteEnvs.run(workspace);
    for (const flag of flags) insertFlag.run(workspace, flag.name, JSON.stringify(flag));
    for (const env of environments) insertEnv.run(workspace, env.name, env.type);
  });
  return {
    replace(workspace: string, flags: Flag[], environments: Environment[]): void {
      replace(workspace, flags, environments);
    },
    /** Write only the flags a poll re-read (and drop those the server no longer has), not the whole snapshot. */
    patch(workspace: string, flags: Flag[], removed: string[] = []): void {
      patch(workspace, flags, removed);
    },
    /** Rows that no longer parse (written by an older shape) are dropped rather than shown wrong. */
    read(workspace: string): { flags: Flag[]; environments: Environment[] } {
      const flags: Flag[] = [];
      for (const row of selectFlags.all(workspace)) {
        const parsed = Flag.safeParse(safeJson(row.body));
        if (parsed.success) flags.push(parsed.data);
      }
      return { flags, environments: selectEnvs.all(workspace) };
    },
  };
}
export type FlagCacheQueries = ReturnType<typeof flagCacheQueries>;

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
