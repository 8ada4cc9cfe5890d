import { userInfo } from 'node:os';
import { join } from 'node:path';
import type { ConnectionCheck, WorkspaceConfig } from '../../src-shared/domain/workspaceConfig';
import { RingsideError } from '../../src-shared/ipc/result';
import { createDispatch, type Dispatch, type HandlerFor } from './dispatch';
import { createEventBus, type EventBus } from './events';
import { realTimer, systemClock, type Clock } from './ports/clock';
import { createPollLoop } from './pollLoop';
import { memorySecretStore, type SecretStore } from './ports/secretStore';
import { maskSecrets } from './security/secretMask';
import { ensurePrivateDir } from './store/fileModes';
import { consoleHandlers } from './workspaces/consoleHandlers';
import { createWorkspaceRegistry, type FixedWorkspace, type SecretSource } from './workspaces/registry';
import { scheduleIntegrityCheck } from './store/backgroundCheck';
import { startWalCheckpointer } from './store/walCheckpointer';
import { createQueries, openStore } from './store/index';
import type { SavedConnection } from './store/workspaceSettings';
import type { Workspace } from './workspace';

export interface CoreOptions {
  /** Folder for the database; ':memory:' keeps everything in memory (tests). */
  dataDir: string;
  version: string;
  /** The workspace to start on when no saved default applies (the demo, or a test's own). */
  workspace?: (clock: Clock) => Workspace;
  /** Workspaces given at start (a definition file may hold several); listed after `workspace`, the first the default without it. */
  workspaces?: FixedWorkspace[];
  /** Build a live workspace from a saved config and its secrets; absent means saving workspaces is off. */
  buildSaved?: (config: WorkspaceConfig, secrets: SecretSource) => Workspace;
  /** The settings form's older one-step connection (an Unleash URL and token); used when buildSaved is absent. */
  connect?: (connection: SavedConnection, token: string) => Workspace;
  /** "Test connection": per backend reachability, TLS, authentication and permissions. */
  testConnection?: (config: WorkspaceConfig, secrets: SecretSource) => Promise<ConnectionCheck[]>;
  /** The embedded demo, listed beside the others when `workspace` is not the demo. */
  demo?: (clock: Clock) => Workspace;
  /** Start on the stored default workspace, if there is one (not when a file was given). */
  restoreSaved?: boolean;
  secrets?: SecretStore;
  clock?: Clock;
  nativeBinding?: string;
  /** How often backends are polled for changes made elsewhere; 0 disables polling. */
  pollMs?: number;
  log?: (message: string) => void;
  /** Who the audit names for console actions; defaults to the OS user. */
  actor?: string;
  /**
   * When the full integrity check of the database file starts, in a worker thread (the open checks
   * only the schema and the small tables); after the first paint by default. null: not at all.
   */
  integrityCheckAfterMs?: number | null;
}

export interface Core {
  dispatch: Dispatch;
  bus: EventBus;
  notices: string[];
  /** The workspace a window or tab without a choice works in. */
  defaultWorkspace(): string;
  /** Whether a workspace id is known (a transport checks a page's scope before it subscribes). */
  knows(id: string): Promise<boolean>;
  /** Set by the desktop shell: open a window on a workspace (answers false where windows cannot be opened). */
  setWindowOpener(open: ((id: string) => boolean) | null): void;
  /** Poll every open workspace once now, or join the round in flight (the poller does this on its interval). */
  poll(): Promise<void>;
  dispose(): void;
}

/** The full integrity check waits this long after start: the console's first paint comes first. */
const INTEGRITY_CHECK_AFTER_MS = 5000;

/** The composition root: one store, one event bus, a registry with one session per open workspace, every handler. */
export function createCore(options: CoreOptions): Core {
  const clock = options.clock ?? systemClock;
  const log = (message: string) => (options.log ?? ((m: string) => console.error(m)))(maskSecrets(message));
  const secrets = options.secrets ?? memorySecretStore();
  const file = options.dataDir === ':memory:' ? ':memory:' : join(options.dataDir, 'ringside.db');
  if (file !== ':memory:') ensurePrivateDir(options.dataDir);
  const { db, notices } = openStore({ file, nativeBinding: options.nativeBinding, now: clock.now });
  for (const notice of notices) log(notice);
  const afterMs = options.integrityCheckAfterMs === undefined ? INTEGRITY_CHECK_AFTER_MS : options.integrityCheckAfterMs;
  const integrity =
    file === ':memory:' || afterMs === null
      ? null
      : scheduleIntegrityCheck({
          file,
          nativeBinding: options.nativeBinding,
          afterMs,
          onDamaged: (notice) => {
            notices.push(notice);
            log(notice);
          },
          log,
        });
  // Checkpoints in a worker thread: no console commit (a kill's intent row) copies the -wal and fsyncs.
  const checkpointer = file === ':memory:' ? null : startWalCheckpointer({ db, file, nativeBinding: options.nativeBinding, log });
  const queries = createQueries(db);
  const bus = createEventBus();
  const exportsDir = file === ':memory:' ? null : join(options.dataDir, 'exports');
  const sessionDeps = { queries, bus, clock, actor: options.actor ?? osUser(), exportsDir, polled: (options.pollMs ?? 0) > 0 };

  const starting = startingWorkspaces(options, clock);
  const registry = createWorkspaceRegistry({
    fixed: starting.list,
    saved: queries.savedWorkspaces,
    secrets,
    build: options.buildSaved ?? legacyBuild(options.connect),
    secretsInMemoryOnly: !options.secrets,
    sessionDeps,
    clock,
    restoreDefault: options.restoreSaved ?? false,
    log,
  });
  // The default workspace starts at once (its poll and guard run with no window open); others on first use.
  const ready = registry.session(null).then(
    () => undefined,
    (error: unknown) => void notices.push(`The default workspace could not be opened: ${(error as Error).message}`),
  );

  let openWindow: ((id: string) => boolean) | null = null;
  const consoleChannels = consoleHandlers({
    registry,
    version: options.version,
    dataDir: options.dataDir,
    notices,
    testConnection: options.testConnection,
    openWindow: (id) => openWindow?.(id) ?? false,
  }) as Record<string, (request: unknown, scope: string | null) => Promise<unknown>>;

  const handlerFor: HandlerFor = async (channel, scope) => {
    const consoleHandler = consoleChannels[channel];
    if (consoleHandler) return (request) => consoleHandler(request, scope);
    await ready;
    const session = await registry.session(scope);
    if (channel === 'workspace:current') {
      return async () => ({ ...session.summary(), production: session.workspace.production ?? false });
    }
    return (session.handlers as Record<string, (r: unknown) => Promise<unknown>>)[channel]!;
  };

  const pollMs = options.pollMs ?? 0;
  const loop = createPollLoop({
    run: async () => {
      await ready;
      for (const session of registry.open()) {
        try {
          await session.poll(pollMs);
        } catch (error) {
          log(`poll ${session.workspace.id}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    },
    nextDelay: () => pollMs,
    schedule: clock.after ?? realTimer,
  });
  if (pollMs > 0) loop.start(pollMs);

  return {
    dispatch: createDispatch(handlerFor, log),
    bus,
    notices,
    defaultWorkspace: () => registry.defaultId(),
    knows: async (id) => (await registry.entries()).some((e) => e.id === id),
    setWindowOpener: (open) => void (openWindow = open),
    poll: loop.once,
    dispose() {
      loop.stop();
      integrity?.dispose();
      checkpointer?.dispose();
      registry.dispose();
      starting.disposeUnused();
      db.close();
    },
  };
}

/** The workspace given at start, and the demo beside it when it is another one. */
function startingWorkspaces(options: CoreOptions, clock: Clock) {
  const first = options.workspace?.(clock) ?? null;
  let used = false;
  const list: FixedWorkspace[] = first
    ? [
        fixedOf(first, () => {
          used = true;
          return first;
        }),
      ]
    : [];
  const given = [...list, ...(options.workspaces ?? [])];
  if (options.demo && !given.some((w) => w.source === 'demo')) {
    const demo = options.demo;
    given.push({ id: 'demo', name: 'Demo fleet', production: false, source: 'demo', config: null, secrets: {}, build: demo });
  }
  // Built once to learn its id; a session disposes it, so only one never opened is disposed here.
  return { list: given, disposeUnused: () => (used ? undefined : first?.dispose?.()) };
}

function fixedOf(workspace: Workspace, build: (clock: Clock) => Workspace): FixedWorkspace {
  return {
    id: workspace.id,
    name: workspace.name,
    production: workspace.production ?? false,
    source: workspace.kind === 'demo' ? 'demo' : 'file',
    config: null,
    secrets: {},
    build,
  };
}

/** Saved configs through the older connect function (an Unleash URL and token only). */
function legacyBuild(connect: CoreOptions['connect']): CoreOptions['buildSaved'] {
  if (!connect) return undefined;
  return (config, secrets) => {
    const token = secrets.get('flags.token');
    if (!config.flags || !token) throw new RingsideError('unavailable', `Workspace "${config.name}" has no stored Unleash token; enter it again in Settings.`);
    return connect({ id: config.id, name: config.name, flags: { url: config.flags.url, project: config.flags.project } }, token);
  };
}

function osUser(): string {
  try {
    return userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}
