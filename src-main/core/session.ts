import { RingsideError } from '../../src-shared/ipc/result';
import { createAuditService } from './audit/auditService';
import { SYNC_KEYS } from './audit/flagServerSync';
import { createBackendTracker } from './backends';
import { createCanaryService } from './canary/canaryService';
import type { EventBus } from './events';
import { createFlagActions } from './flags/flagActions';
import { computeFlagDebt } from './flags/flagDebt';
import { createFlagService } from './flags/flagService';
import { createKillRetrier } from './flags/killRetry';
import { createReconciler } from './flags/reconcile';
import { flagsBackoff } from './flags/pollBackoff';
import { createPolicy } from './policy/actionPolicy';
import { governanceHandlers } from './policy/handlers';
import { realTimer } from './ports/clock';
import type { FlagServerEvent } from '../../src-shared/domain/flag';
import type { Handlers } from './handlers';
import type { ConsoleChannel } from './workspaces/consoleHandlers';
import { ringHandlers } from './rings/handlers';
import { createGateInstaller } from './rings/installGate';
import { createRingService } from './rings/ringService';
import { createRolloutActions } from './rings/rolloutActions';
import { createWindowsService } from './rings/windowsService';
import type { Clock } from './ports';
import type { Queries } from './store/index';
import type { StoredWorkspaceState, Workspace } from './workspace';

export interface SessionDeps {
  queries: Queries;
  bus: EventBus;
  clock: Clock;
  actor: string;
  /** where audit exports are written; null or absent when the console keeps no files */
  exportsDir?: string | null;
  /** a poller keeps the flags fresh, so a listing is served from memory */
  polled?: boolean;
}

/** Reconciled intents stay on show in the Kill switches view this long. */
const RECONCILED_SHOWN_MS = 24 * 3_600_000;

type WorkspaceHandlers = Omit<Handlers, ConsoleChannel>;

/** What the store holds of a workspace, for a simulated one to continue from after a restart. */
function storedState(queries: Queries, id: string): StoredWorkspaceState {
  return {
    flags: queries.flagCache.read(id).flags,
    latestChanges: queries.audit.latestFlagChanges(id).map((c) => ({ flag: c.flag, environment: c.environment, action: c.action, at: c.at })),
    plans: queries.releasePlans.list(id).map((plan) => ({ plan, run: queries.releasePlans.run(id, plan.id) })),
    flagEventCursor: queries.audit.syncValues(id, [SYNC_KEYS.cursor])[SYNC_KEYS.cursor] ?? null,
  };
}

/**
 * The Kill switches view shows a change beside its flag: changes of flags no longer listed (a long
 * history names thousands) are not sent to be validated and dropped by every page on every reload.
 */
function listed<L extends { flags: { name: string }[]; changes: { flag: string }[] }>(listing: L): L {
  const names = new Set(listing.flags.map((f) => f.name));
  return { ...listing, changes: listing.changes.filter((c) => names.has(c.flag)) };
}

/** Everything that belongs to one workspace: its services, the handlers that use them, its poll. */
export function createSession(given: Workspace, deps: SessionDeps) {
  const { queries, bus, clock } = deps;
  // A workspace the store already knows goes on from there (the demo: no replay after a restart).
  const workspace = given.resume?.(storedState(queries, given.id)) ?? given;
  // One name for the person at the console in this workspace, read by every action when it records.
  let actor = queries.workspaceSettings.actor(workspace.id) ?? deps.actor;
  const identity = () => {
    const set = queries.workspaceSettings.actor(workspace.id);
    return { workspace: workspace.id, actor, source: set === null ? ('os' as const) : ('settings' as const), defaultActor: deps.actor };
  };
  const backends = createBackendTracker(workspace, queries.syncState, clock, () =>
    bus.emit('state:changed', { domain: 'backends' }),
  );
  const flags = createFlagService(workspace, queries.flagCache, queries.audit, backends, clock.now, { polled: deps.polled });
  // Who may do what: asked by every action before its adapter is called (a resumed workspace keeps the given rules).
  const settings = { production: workspace.production ?? given.production, policy: workspace.policy ?? given.policy };
  const policy = createPolicy({ workspace, settings, environments: () => flags.environments(), reviews: queries.afterFactReviews, audit: queries.audit, bus, clock });
  // Flags the server's event log named since the last poll, with their newest event's time: the poll reads just these again.
  const named = new Map<string, number>();
  const seen: FlagServerEvent[] = [];
  const audit = createAuditService({
    workspace,
    audit: queries.audit,
    backends,
    bus,
    clock,
    exportsDir: deps.exportsDir ?? null,
    onFlagEvents: (events) => {
      for (const event of events) if (event.flag) named.set(event.flag, Math.max(named.get(event.flag) ?? 0, event.createdAt));
      seen.push(...events.slice(-500));
    },
  });
  const retrier = createKillRetrier({ workspace, audit: queries.audit, backends, flags, bus, clock, policy, get actor() { return actor; }, schedule: clock.after ?? realTimer });
  const reconciler = createReconciler({ workspace, openIntents: queries.openIntents, audit: queries.audit, backends, flags, clock });
  const windows = createWindowsService({ workspace, store: queries.releasePlans, audit: queries.audit, bus, clock, get actor() { return actor; } });
  const actions = createFlagActions({ workspace, audit: queries.audit, backends, flags, bus, clock, policy, get actor() { return actor; }, releaseGate: windows.gatekeeper.check });

  // Whether the workspace has any history at all: one index probe, not a count of a million rows.
  if (workspace.seedHistory && queries.audit.maxId(workspace.id) === null) {
    queries.audit.appendMany(workspace.seedHistory());
  }

  const canary = createCanaryService(workspace, { samples: queries.canarySamples, audit: queries.audit, backends, bus, clock });
  const rollouts = createRolloutActions({ workspace, audit: queries.audit, backends, bus, clock, gate: windows.gatekeeper, policy });
  const rings = createRingService(workspace, {
    ...{ workspace, backends, rollouts, canary, windows, bus, clock, policy },
    get actor() {
      return actor;
    },
    store: queries.releasePlans,
    audit: queries.audit,
    // Rings check the release windows themselves; the guard acts under its own name.
    flagsAs: (actor, source) => createFlagActions({ workspace, audit: queries.audit, backends, flags, bus, clock, actor, source, policy }),
  });
  rings.seed();
  const gates = createGateInstaller({ workspace, audit: queries.audit, backends, bus, clock, gate: windows.gatekeeper, policy, plan: (id) => queries.releasePlans.get(workspace.id, id), exportGate: rings.exportGate });

  const summary = () => ({ id: workspace.id, name: workspace.name, kind: workspace.kind, backends: backends.all() });
  // Built per call, so a rollout action names whoever is set in Settings at that moment.
  const ringsAs = () => ringHandlers(rings, rollouts, windows, actor, gates, policy);
  type RingChannels = ReturnType<typeof ringsAs>;
  const ringChannels = Object.fromEntries(
    Object.keys(ringsAs()).map((channel) => [channel, (request: unknown) => (ringsAs()[channel as keyof RingChannels] as (r: unknown) => unknown)(request)]),
  ) as RingChannels;

  const handlers: WorkspaceHandlers = {
    'workspace:current': async () => summary(),
    'workspace:identity': async () => identity(),
    'workspace:setIdentity': async (req) => {
      queries.workspaceSettings.setActor(workspace.id, req.actor, clock.now());
      actor = req.actor ?? deps.actor;
      return identity();
    },
    'flags:list': async () => ({
      ...listed(await flags.list()),
      retries: retrier.list(),
      reconciled: queries.openIntents.reconciledSince(workspace.id, clock.now() - RECONCILED_SHOWN_MS),
    }),
    'flags:keepTrying': async (req) => {
      if (!workspace.flags) throw new RingsideError('unavailable', 'No flag backend is configured for this workspace.');
      if (!flags.environments().some((e) => e.name === req.environment)) {
        throw new RingsideError('not_found', `This workspace has no environment "${req.environment}".`);
      }
      return retrier.start(req.flag, req.environment);
    },
    'flags:cancelRetry': async (req) => ({ cancelled: retrier.cancel(req.flag, req.environment) }),
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
    // NaN and ±Inf cannot travel as JSON; a missing point is drawn as a gap.
    'canary:series': async (req) => ({
      series: (await canary.series(req)).series.map((s) => ({ ...s, points: s.points.filter(([, v]) => Number.isFinite(v)) })),
    }),
    'canary:judge': (req) => canary.verdict(req),
    'canary:markers': async (req) => ({ markers: canary.markers(req) }),
    'rollouts:list': async () => {
      const deploy = workspace.deploy;
      if (!deploy) throw new RingsideError('unavailable', 'No deploy backend is configured for this workspace.');
      return backends.track('deploy', async () => (deploy.listRolloutsDetailed ? deploy.listRolloutsDetailed() : { rollouts: await deploy.listRollouts() }));
    },
    'rollouts:analysisRuns': async (ref) => {
      const deploy = workspace.deploy;
      if (!deploy?.analysisRuns) throw new RingsideError('unavailable', 'The deploy backend of this workspace has no analysis runs to show.');
      return { runs: await backends.track('deploy', () => deploy.analysisRuns!(ref)) };
    },
    ...ringChannels,
    ...governanceHandlers({
      workspace,
      policy,
      flags,
      backends,
      audit: queries.audit,
      bus,
      clock,
      get actor() {
        return actor;
      },
      releaseGate: windows.gatekeeper.check,
      planNamespaces: () => queries.releasePlans.list(workspace.id).flatMap((p) => (p.rollout ? [p.rollout.namespace] : [])),
    }),
    'audit:page': async (req) => queries.audit.page(workspace.id, req.limit, req.beforeId),
    'audit:search': async (req) => queries.audit.search(workspace.id, req),
    'audit:count': async ({ afterId, ...filter }) => {
      const maxId = queries.audit.maxId(workspace.id);
      return { count: queries.audit.countMatching(workspace.id, filter, { afterId, beforeId: (maxId ?? 0) + 1 }), maxId };
    },
    'audit:verify': () => audit.verify(),
    'audit:status': async () => audit.status(),
    'audit:sync': async (req) => {
      const outcome = await audit.flagServer.sync({ resume: req.resume });
      if (outcome.added > 0) bus.emit('state:changed', { domain: 'audit' });
      return outcome;
    },
    'audit:cancelSync': async () => ({ cancelled: audit.flagServer.cancel() }),
    'audit:export': ({ format, ...filter }) => audit.exportFiltered(filter, format),
    'audit:dora': async (req) => audit.dora(req.weeks ?? 5, (req.failureWindowHours ?? 24) * 3_600_000),
  };

  /** While the flag server fails, its part of the poll waits: a backoff, or the wait it asked for. */
  let flagsNextAt = 0;
  function backOffFlags(pollMs: number) {
    const { failures, retryAfterMs } = backends.failing('flags');
    if (failures === 0) {
      flagsNextAt = 0;
      return;
    }
    const delay = flagsBackoff(failures, retryAfterMs, pollMs);
    flagsNextAt = clock.now() + delay;
    backends.setRetryAt('flags', flagsNextAt);
  }

  /**
   * Pick up changes made elsewhere. When nothing changed this costs one request to the flag
   * server (its event log since the cursor); the flags its events name are read again, everything
   * now and then. Intents a crash left open are settled first.
   */
  async function poll(pollMs = 1000): Promise<void> {
    if (workspace.flags && clock.now() >= flagsNextAt) {
      const synced = await audit.flagServer.sync().catch(() => null);
      if (reconciler.pending() && synced) await reconciler.run();
      retrier.observe(seen.splice(0));
      const names = [...named];
      named.clear();
      const changed = synced ? await flags.refresh(names).catch(() => null) : null;
      if (synced === null || changed === null) {
        for (const [name, at] of names) named.set(name, Math.max(named.get(name) ?? 0, at)); // not read: next time
      }
      if (synced?.added) bus.emit('state:changed', { domain: 'audit' });
      if (changed || synced?.added) bus.emit('state:changed', { domain: 'flags' });
      backOffFlags(pollMs);
    }
    const observed = await audit.observeRollouts().catch(() => 0);
    if (observed > 0) bus.emit('state:changed', { domain: 'audit' });
    // The stop-the-line guard and auto-advance: every plan under way against its verdict and rollout.
    await rings.poll();
  }

  // Settle what a crash left open as soon as the server answers (and on later polls until then).
  if (reconciler.pending()) {
    void reconciler.run().then(
      () => {
        bus.emit('state:changed', { domain: 'flags' });
        bus.emit('state:changed', { domain: 'audit' });
      },
      () => undefined,
    );
  }

  return {
    workspace,
    handlers,
    poll,
    summary,
    dispose: () => {
      retrier.dispose();
      workspace.dispose?.();
    },
  };
}
export type Session = ReturnType<typeof createSession>;
