import { mkdirSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { channelNames, type RequestOf } from '../../src-shared/ipc/contract';
import { RingsideError } from '../../src-shared/ipc/result';
import { createDispatch, type Dispatch } from './dispatch';
import { createEventBus, type EventBus } from './events';
import type { Handlers } from './handlers';
import { realTimer, systemClock, type Clock } from './ports/clock';
import { createPollLoop } from './pollLoop';
import { memorySecretStore, type SecretStore } from './ports/secretStore';
import { createSession, type Session } from './session';
import { createQueries, openStore } from './store/index';
import type { SavedConnection } from './store/workspaceSettings';
import type { Workspace } from './workspace';

export interface CoreOptions {
  /** Folder for the database; ':memory:' keeps everything in memory (tests). */
  dataDir: string;
  version: string;
  /** The workspace to start on when no saved connection applies (the demo, or a definition file). */
  workspace: (clock: Clock) => Workspace;
  /** Build a live workspace from a saved or submitted connection; absent means the settings form is off. */
  connect?: (connection: SavedConnection, token: string) => Workspace;
  /** The embedded demo, for "switch back to demo". */
  demo?: (clock: Clock) => Workspace;
  /** Start on the saved connection from the settings form, if there is one (not when a file was given). */
  restoreSaved?: boolean;
  secrets?: SecretStore;
  clock?: Clock;
  nativeBinding?: string;
  /** How often backends are polled for changes made elsewhere; 0 disables polling. */
  pollMs?: number;
  log?: (message: string) => void;
  /** Who the audit names for console actions; defaults to the OS user. */
  actor?: string;
}

export interface Core {
  dispatch: Dispatch;
  bus: EventBus;
  notices: string[];
  /** Poll the active workspace once now, or join the round in flight (the poller does this on its interval). */
  poll(): Promise<void>;
  dispose(): void;
}

const tokenKey = (id: string) => `workspace:${id}:unleash-token`;
const slug = (name: string) =>
  name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'workspace';

/** The composition root: one store, one event bus, the active workspace's session, every handler. */
export function createCore(options: CoreOptions): Core {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? ((m: string) => console.error(m));
  const secrets = options.secrets ?? memorySecretStore();
  const file = options.dataDir === ':memory:' ? ':memory:' : join(options.dataDir, 'ringside.db');
  if (file !== ':memory:') mkdirSync(options.dataDir, { recursive: true });
  const { db, notices } = openStore({ file, nativeBinding: options.nativeBinding, now: clock.now });
  for (const notice of notices) log(notice);
  const queries = createQueries(db);
  const bus = createEventBus();
  const exportsDir = file === ':memory:' ? null : join(options.dataDir, 'exports');
  const deps = { queries, bus, clock, actor: options.actor ?? osUser(), exportsDir, polled: (options.pollMs ?? 0) > 0 };

  let session: Session = createSession(options.workspace(clock), deps);
  const ready = restoreSaved();

  async function restoreSaved() {
    const saved = options.restoreSaved && options.connect ? queries.workspaceSettings.active() : null;
    if (!saved || !options.connect) return;
    const token = await secrets.get(tokenKey(saved.id));
    if (!token) {
      notices.push(`The saved connection "${saved.name}" has no stored token; reconnect it in Settings.`);
      return;
    }
    swap(options.connect(saved, token));
  }

  function swap(workspace: Workspace) {
    session.dispose();
    session = createSession(workspace, deps);
    for (const domain of ['backends', 'flags', 'audit', 'rollouts', 'canary'] as const) bus.emit('state:changed', { domain });
    return session.summary();
  }

  async function connect(req: RequestOf<'workspace:connect'>) {
    if (!options.connect) throw new RingsideError('unavailable', 'Connecting a workspace is not available in this mode.');
    const connection: SavedConnection = { id: slug(req.name), name: req.name, flags: { url: req.flags.url, project: req.flags.project } };
    const candidate = options.connect(connection, req.flags.token);
    // Prove the connection with a real read before anything is saved; a 401 or a wrong URL stops here.
    await candidate.flags?.listFlags();
    await secrets.set(tokenKey(connection.id), req.flags.token);
    queries.workspaceSettings.save(connection, clock.now());
    return swap(candidate);
  }

  async function useDemo() {
    const saved = queries.workspaceSettings.active();
    if (saved) await secrets.delete(tokenKey(saved.id));
    queries.workspaceSettings.clear();
    return swap((options.demo ?? options.workspace)(clock));
  }

  const root: Pick<Handlers, 'app:info' | 'workspace:connect' | 'workspace:useDemo'> = {
    'app:info': async () => ({ version: options.version, dataDir: options.dataDir, notices }),
    'workspace:connect': connect,
    'workspace:useDemo': useDemo,
  };
  // Every other channel goes to the active session, so a workspace switch needs no re-registration.
  const handlers = Object.fromEntries(
    channelNames.map((channel) => [
      channel,
      (root as Record<string, unknown>)[channel] ??
        (async (request: unknown) => {
          await ready;
          return (session.handlers as Record<string, (r: unknown) => Promise<unknown>>)[channel]!(request);
        }),
    ]),
  ) as Handlers;

  const pollMs = options.pollMs ?? 0;
  const loop = createPollLoop({
    run: async () => {
      try {
        await ready;
        await session.poll(pollMs);
      } catch (error) {
        log(`poll: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
    nextDelay: () => pollMs,
    schedule: clock.after ?? realTimer,
  });
  if (pollMs > 0) loop.start(pollMs);

  return {
    dispatch: createDispatch(handlers, log),
    bus,
    notices,
    poll: loop.once,
    dispose() {
      loop.stop();
      session.dispose();
      db.close();
    },
  };
}

function osUser(): string {
  try {
    return userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}
