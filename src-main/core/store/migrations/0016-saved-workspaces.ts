import type { Migration } from './index';

/**
 * Several workspaces side by side: each saved workspace's configuration (addresses, production
 * mark, policy: never a secret, those live in the SecretStore) and console-wide settings such as
 * the workspace a window opened without a choice starts on. The single "active" connection of
 * 0005 becomes the first saved workspace.
 */
export const m0016SavedWorkspaces: Migration = {
  version: 16,
  name: 'saved-workspaces',
  up(db) {
    db.exec(`
      CREATE TABLE saved_workspace (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        config TEXT NOT NULL,
        session_only INTEGER NOT NULL DEFAULT 0 CHECK (session_only IN (0, 1)),
        saved_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE console_setting (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      INSERT INTO saved_workspace (id, name, config, session_only, saved_at)
      SELECT id, name,
             json_object('id', id, 'name', name,
                         'flags', json_object('provider', 'unleash', 'url', json_extract(definition, '$.flags.url'),
                                              'project', coalesce(json_extract(definition, '$.flags.project'), 'default'))),
             0, saved_at
      FROM workspace_settings WHERE slot = 'active' AND json_valid(definition) AND json_extract(definition, '$.flags.url') IS NOT NULL;

      INSERT INTO console_setting (key, value)
      SELECT 'default_workspace', id FROM workspace_settings WHERE slot = 'active';
    `);
  },
};
