import { userInfo } from 'node:os';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { RingsideError } from '../../src-shared/ipc/result';
import { createBackendTracker } from './backends';
import { loadReleaseSeries } from './canary/series';
import { createDispatch, type Dispatch } from './dispatch';
import { createEventBus, type EventBus } from './events';
import { createFlagActions } from './flags/flagActions';
import { computeFlagDebt } from './flags/flagDebt';
import { createFlagEventSync } from './flags/eventSync';
import { createFlagService } from './flags/flagService';
import type { Handlers } from './handlers';
import { systemClock, type Clock } from './ports/clock';
import { createQueries, openStore } from './store/index';
import type { Workspace } from './workspace';

export interface CoreOptions {
  /** Folder for the database; ':memory:' keeps everything in memory (tests). */
  dataDir: string;
  version: string;
  workspace: (clock: Clock) => Workspace;
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
  /** Poll every backend once now (the poller does this on its interval). */
  poll(): Promise<void>;
  dispose(): void;
}

/** The composition root: one store, one workspace, the handlers for every channel. */
export function createCore(options: CoreOptions): Core {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? ((m: string) => console.error(m));
  const file = options.dataDir === ':memory:' ? ':memory:' : join(options.dataDir, 'ringside.db');
  if (file !== ':memory:') mkdirSync(options.dataDir, { recursive: true });
  const { db, notices } = openStore({ file, nativeBinding: options.nativeBinding, now: clock.now });
  for (const notice of notices) log(notice);
  const queries = createQueries(db);
  const bus = createEventBus();
  const workspace = options.workspace(clock);
  const backends = createBackendTracker(workspace, queries.syncState, clock, () =>
    bus.emit('state:changed', { domain: 'backends' }),
  );
  const flags = createFlagService(workspace, queries.flagCache, queries.audit, backends);
  const eventSync = createFlagEventSync(workspace, queries.audit, backends);
  const actions = createFlagActions({
    workspace,
    audit: queries.audit,
    backends,
    flags,
    bus,
    clock,
    actor: options.actor ?? osUser(),
  });

  if (workspace.seedHistory && queries.audit.count(workspace.id) === 0) {
    queries.audit.appendMany(workspace.seedHistory());
  }

  const releaseById = (id: string) => {
    const found = workspace.releases.find((r) => r.release.id === id);
    if (!found) throw new RingsideError('not_found', `No release "${id.slice(0, 80)}" in workspace ${workspace.name}.`);
    return found;
  };

  const handlers: Handlers = {
    'app:info': async () => ({ version: options.version, dataDir: options.dataDir, notices }),
    'workspace:current': async () => ({
      id: workspace.id,
      name: workspace.name,
      kind: workspace.kind,
      backends: backends.all(),
    }),
    'flags:list': () => flags.list(),
    'flags:setEnabled': (req) => actions.setEnabled(req),
    'flags:setRollout': (req) => actions.setRollout(req),
    'flags:killByTag': (req) => actions.killByTag(req),
    'flags:debt': async () => {
      const listing = await flags.list();
      const provider = workspace.flags;
      const types = provider ? await backends.track('flags', () => provider.featureTypes()).catch(() => []) : [];
      const now = clock.now();
      const rows = computeFlagDebt({
        flags: listing.flags,
        productionEnvironments: listing.environments.filter((e) => e.type === 'production').map((e) => e.name),
        types,
        changes: listing.changes,
        now,
      });
      return { rows, computedAt: now };
    },
    'canary:releases': async () => ({ releases: workspace.releases.map((r) => r.release) }),
    'canary:series': async (req) => ({
      series: await loadReleaseSeries(workspace.metrics, backends, releaseById(req.releaseId), req),
    }),
    'rollouts:list': async () => {
      const deploy = workspace.deploy;
      if (!deploy) throw new RingsideError('unavailable', 'No deploy backend is configured for this workspace.');
      return { rollouts: await backends.track('deploy', () => deploy.listRollouts()) };
    },
    'audit:page': async (req) => queries.audit.page(workspace.id, req.limit, req.beforeId),
  };

  async function poll() {
    try {
      const added = await eventSync.sync().catch(() => 0);
      if (added > 0) bus.emit('state:changed', { domain: 'audit' });
      if ((await flags.refresh()) || added > 0) bus.emit('state:changed', { domain: 'flags' });
    } catch (error) {
      log(`poll: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const stopPolling = options.pollMs ? clock.every(options.pollMs, () => void poll()) : () => {};

  return {
    dispatch: createDispatch(handlers, log),
    bus,
    notices,
    poll,
    dispose() {
      stopPolling();
      workspace.dispose?.();
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
