import { RingsideError } from '../../../src-shared/ipc/result';
import type { WorkspaceEntry } from '../../../src-shared/ipc/channels/workspaceChannels';
import { SecretName, secretsConfigured, WorkspaceConfig, type SecretsConfigured } from '../../../src-shared/domain/workspaceConfig';
import { describeIssues } from '../../../src-shared/ipc/parse';
import { scopedBus, type EventBus } from '../events';
import type { Clock } from '../ports/clock';
import { memorySecretStore, type SecretStore } from '../ports/secretStore';
import { createSession, type Session, type SessionDeps } from '../session';
import type { SavedWorkspaceQueries } from '../store/savedWorkspaces';
import type { Workspace } from '../workspace';

/** A workspace the console is given at start (the demo, or one of a definition file); not editable in the console. */
export interface FixedWorkspace {
  id: string;
  name: string;
  production: boolean;
  source: 'file' | 'demo';
  config: WorkspaceConfig | null;
  secrets: SecretsConfigured;
  /** where its secrets come from (the environment, a secrets file), for "Test connection" */
  secretSource?: SecretSource;
  build(clock: Clock): Workspace;
}

/** Where a saved workspace's secrets are read from: what was just typed over what main holds. */
export interface SecretSource {
  get(name: SecretName): string | undefined;
}

export interface RegistryOptions {
  fixed: FixedWorkspace[];
  saved: SavedWorkspaceQueries;
  /** persistent secrets (the desktop app: encrypted with the OS keychain; serve mode: memory) */
  secrets: SecretStore;
  /** build a live workspace from a saved config and its secrets; absent: saving workspaces is off */
  build?: (config: WorkspaceConfig, secrets: SecretSource) => Workspace;
  sessionDeps: Omit<SessionDeps, 'bus'> & { bus: EventBus };
  clock: Clock;
  /** no persistent store (serve mode): every saved secret is kept for this run only, and says so */
  secretsInMemoryOnly?: boolean;
  /** start on the stored default workspace, if any (not when a definition file was given) */
  restoreDefault: boolean;
  log: (message: string) => void;
}

const DEFAULT_KEY = 'default_workspace';
export const secretKey = (id: string, name: SecretName) => `workspace:${id}:${name}`;
/** Before 0016 the settings form kept its one token under this key. */
const legacyTokenKey = (id: string) => `workspace:${id}:unleash-token`;

/**
 * Every workspace the console knows and one session per open one (its cache, audit scope, poll and
 * guard are keyed by the workspace id), so windows on different workspaces never mix.
 */
export function createWorkspaceRegistry(options: RegistryOptions) {
  const sessions = new Map<string, Session>();
  const opening = new Map<string, Promise<Session>>();
  /** secrets chosen as session-only, and every secret in serve mode's memory store */
  const sessionSecrets = memorySecretStore();
  const sessionOnlyIds = new Set<string>();

  const fixedById = new Map(options.fixed.map((f) => [f.id, f]));
  if (fixedById.size < options.fixed.length) {
    const twice = options.fixed.find((f, i) => options.fixed.findIndex((g) => g.id === f.id) !== i)!;
    throw new Error(`Two workspaces have the id "${twice.id}"; each needs its own (it keys its cache and audit).`);
  }
  const savedRows = () => options.saved.list().filter((r) => !fixedById.has(r.id));

  function parseSaved(id: string): WorkspaceConfig {
    const row = options.saved.list().find((r) => r.id === id);
    if (!row) throw new RingsideError('not_found', `There is no workspace "${id}". Pick one from the workspace list.`);
    let json: unknown;
    try {
      json = JSON.parse(row.config);
    } catch {
      throw new RingsideError('bad_response', `The saved workspace "${row.name}" is unreadable in the local database; edit and save it again.`);
    }
    const parsed = WorkspaceConfig.safeParse(json);
    if (!parsed.success) throw new RingsideError('bad_response', `The saved workspace "${row.name}": ${describeIssues(parsed.error.issues)}; edit and save it again.`);
    return parsed.data;
  }

  async function secretOf(id: string, name: SecretName): Promise<string | undefined> {
    const key = secretKey(id, name);
    const value = (await sessionSecrets.get(key)) ?? (await options.secrets.get(key).catch(() => null));
    if (value) return value;
    if (name === 'flags.token') return (await options.secrets.get(legacyTokenKey(id)).catch(() => null)) ?? undefined;
    return undefined;
  }

  async function secretsOf(id: string): Promise<Map<SecretName, string>> {
    const values = new Map<SecretName, string>();
    for (const name of SecretName.options) {
      const value = await secretOf(id, name);
      if (value) values.set(name, value);
    }
    return values;
  }

  function defaultId(): string {
    const stored = options.restoreDefault ? options.saved.setting(DEFAULT_KEY) : null;
    if (stored && (fixedById.has(stored) || savedRows().some((r) => r.id === stored))) return stored;
    const first = options.fixed[0] ?? savedRows()[0];
    if (!first) throw new RingsideError('unavailable', 'No workspace is configured. Start with a workspace file or add one in Settings.');
    return first.id;
  }

  async function build(id: string): Promise<Workspace> {
    const fixed = fixedById.get(id);
    if (fixed) return fixed.build(options.clock);
    const config = parseSaved(id);
    if (!options.build) throw new RingsideError('unavailable', 'Saved workspaces cannot be opened in this mode.');
    const values = await secretsOf(id);
    return options.build(config, { get: (name) => values.get(name) });
  }

  async function open(id: string): Promise<Session> {
    const running = sessions.get(id);
    if (running) return running;
    const pending = opening.get(id);
    if (pending) return pending;
    const started = build(id).then((workspace) => {
      if (workspace.id !== id) throw new RingsideError('internal', `Workspace "${id}" was built with the id "${workspace.id}".`);
      const session = createSession(workspace, { ...options.sessionDeps, bus: scopedBus(options.sessionDeps.bus, id) });
      sessions.set(id, session);
      return session;
    });
    opening.set(id, started);
    try {
      return await started;
    } finally {
      opening.delete(id);
    }
  }

  function close(id: string) {
    sessions.get(id)?.dispose();
    sessions.delete(id);
  }

  async function entries(): Promise<WorkspaceEntry[]> {
    const list: WorkspaceEntry[] = options.fixed.map((f) => ({
      id: f.id,
      name: f.name,
      kind: f.source === 'demo' ? 'demo' : 'live',
      production: f.production,
      source: f.source,
      config: f.config,
      secrets: f.secrets,
      sessionOnly: false,
      open: sessions.has(f.id),
    }));
    for (const row of savedRows()) {
      let config: WorkspaceConfig | null = null;
      try {
        config = parseSaved(row.id);
      } catch (error) {
        options.log(`workspace ${row.id}: ${(error as Error).message}`);
      }
      const values = await secretsOf(row.id);
      list.push({
        id: row.id,
        name: row.name,
        kind: 'live',
        production: config?.production ?? false,
        source: 'saved',
        config,
        secrets: secretsConfigured(config, (name) => values.has(name)),
        sessionOnly: row.sessionOnly || sessionOnlyIds.has(row.id),
        open: sessions.has(row.id),
      });
    }
    return list;
  }

  async function entry(id: string): Promise<WorkspaceEntry> {
    const found = (await entries()).find((e) => e.id === id);
    if (!found) throw new RingsideError('not_found', `There is no workspace "${id}".`);
    return found;
  }

  /** Add or edit a saved workspace; secrets go to the SecretStore (or memory when session-only) and never come back. */
  async function save(given: WorkspaceConfig, secrets: Partial<Record<SecretName, string | null>>, asked: boolean) {
    const sessionOnly = asked || (options.secretsInMemoryOnly ?? false);
    const checked = WorkspaceConfig.safeParse(given);
    if (!checked.success) throw new RingsideError('bad_request', `Workspace "${given.name}": ${describeIssues(checked.error.issues)}`);
    const config = checked.data;
    if (fixedById.has(config.id)) {
      const source = fixedById.get(config.id)!.source;
      throw new RingsideError('conflict', source === 'demo' ? 'The demo workspace cannot be edited.' : `Workspace "${config.id}" is defined in the workspace file; edit the file.`);
    }
    if (!options.build) throw new RingsideError('unavailable', 'Saving workspaces is not available in this mode.');
    const store = sessionOnly ? sessionSecrets : options.secrets;
    for (const [name, value] of Object.entries(secrets) as [SecretName, string | null | undefined][]) {
      if (value === undefined) continue;
      const key = secretKey(config.id, name);
      if (value === null) {
        await sessionSecrets.delete(key);
        await options.secrets.delete(key);
      } else {
        // The store refuses (for example a plain-text keychain fallback) before anything is saved.
        await store.set(key, value);
        if (sessionOnly) await options.secrets.delete(key).catch(() => undefined);
        else await sessionSecrets.delete(key);
      }
    }
    if (sessionOnly) sessionOnlyIds.add(config.id);
    else sessionOnlyIds.delete(config.id);
    options.saved.save({ id: config.id, name: config.name, config: JSON.stringify(config), sessionOnly, savedAt: options.clock.now() });
    // An open session keeps its old connections: start it again on the new ones.
    if (sessions.has(config.id)) {
      close(config.id);
      await open(config.id).catch((error: unknown) => options.log(`workspace ${config.id}: ${(error as Error).message}`));
    }
    options.sessionDeps.bus.emit('state:changed', { domain: 'backends' });
    return entry(config.id);
  }

  async function remove(id: string): Promise<boolean> {
    if (fixedById.has(id)) throw new RingsideError('conflict', `Workspace "${id}" is not a saved one; it comes from ${fixedById.get(id)!.source === 'demo' ? 'the demo' : 'the workspace file'}.`);
    close(id);
    for (const name of SecretName.options) {
      await sessionSecrets.delete(secretKey(id, name));
      await options.secrets.delete(secretKey(id, name)).catch(() => undefined);
    }
    await options.secrets.delete(legacyTokenKey(id)).catch(() => undefined);
    if (options.saved.setting(DEFAULT_KEY) === id) options.saved.setSetting(DEFAULT_KEY, null);
    return options.saved.remove(id);
  }

  return {
    entries,
    entry,
    save,
    remove,
    defaultId,
    setDefault: (id: string | null) => options.saved.setSetting(DEFAULT_KEY, id),
    /** The session of a scope, opened on first use; null: the default workspace. */
    session: (scope: string | null) => open(scope ?? defaultId()),
    /** The secrets of a saved workspace with what a form just typed over them, for a connection test. */
    async secretSource(id: string | null, typed: Partial<Record<SecretName, string | null>> = {}): Promise<SecretSource> {
      const fixed = id ? fixedById.get(id)?.secretSource : undefined;
      const held = id && !fixedById.has(id) ? await secretsOf(id) : new Map<SecretName, string>();
      return { get: (name) => (typed[name] === null ? undefined : (typed[name] ?? held.get(name) ?? fixed?.get(name))) };
    },
    savedConfig: parseSaved,
    isFixed: (id: string) => fixedById.has(id),
    open: () => [...sessions.values()],
    dispose() {
      for (const id of [...sessions.keys()]) close(id);
    },
  };
}
export type WorkspaceRegistry = ReturnType<typeof createWorkspaceRegistry>;
