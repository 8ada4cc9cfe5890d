import { RingsideError } from '../../src-shared/ipc/result';
import { createAuditService } from './audit/auditService';
import { createBackendTracker } from './backends';
import { createCanaryService } from './canary/canaryService';
import type { EventBus } from './events';
import { createFlagActions } from './flags/flagActions';
import { computeFlagDebt } from './flags/flagDebt';
import { createFlagService } from './flags/flagService';
import type { Handlers } from './handlers';
import { ringHandlers } from './rings/handlers';
import { createRingService } from './rings/ringService';
import { createRolloutActions } from './rings/rolloutActions';
import { createWindowsService } from './rings/windowsService';
import type { Clock } from './ports';
import type { Queries } from './store/index';
import type { Workspace } from './workspace';

export interface SessionDeps {
  queries: Queries;
  bus: EventBus;
  clock: Clock;
  actor: string;
  /** where audit exports are written; null or absent when the console keeps no files */
  exportsDir?: string | null;
}

type WorkspaceHandlers = Omit<Handlers, 'app:info' | 'workspace:connect' | 'workspace:useDemo'>;

/** Everything that belongs to one workspace: its services, the handlers that use them, its poll. */
export function createSession(workspace: Workspace, deps: SessionDeps) {
  const { queries, bus, clock } = deps;
  const backends = createBackendTracker(workspace, queries.syncState, clock, () =>
    bus.emit('state:changed', { domain: 'backends' }),
  );
  const flags = createFlagService(workspace, queries.flagCache, queries.audit, backends, clock.now);
  const audit = createAuditService({ workspace, audit: queries.audit, backends, bus, clock, exportsDir: deps.exportsDir ?? null });
  const windows = createWindowsService({ workspace, store: queries.releasePlans, audit: queries.audit, bus, clock, actor: deps.actor });
  const actions = createFlagActions({ workspace, audit: queries.audit, backends, flags, bus, clock, actor: deps.actor, releaseGate: windows.gatekeeper.check });

  if (workspace.seedHistory && queries.audit.count(workspace.id) === 0) {
    queries.audit.appendMany(workspace.seedHistory());
  }

  const canary = createCanaryService(workspace, { samples: queries.canarySamples, audit: queries.audit, backends, bus, clock });
  const rollouts = createRolloutActions({ workspace, audit: queries.audit, backends, bus, clock, gate: windows.gatekeeper });
  const rings = createRingService(workspace, {
    ...{ workspace, backends, rollouts, canary, windows, bus, clock, actor: deps.actor },
    store: queries.releasePlans,
    audit: queries.audit,
    // Rings check the release windows themselves; the guard acts under its own name.
    flagsAs: (actor, source) => createFlagActions({ workspace, audit: queries.audit, backends, flags, bus, clock, actor, source }),
  });
  rings.seed();

  const summary = () => ({ id: workspace.id, name: workspace.name, kind: workspace.kind, backends: backends.all() });

  const handlers: WorkspaceHandlers = {
    'workspace:current': async () => summary(),
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
    // NaN and ±Inf cannot travel as JSON; a missing point is drawn as a gap.
    'canary:series': async (req) => ({
      series: (await canary.series(req)).series.map((s) => ({ ...s, points: s.points.filter(([, v]) => Number.isFinite(v)) })),
    }),
    'canary:judge': (req) => canary.verdict(req),
    'canary:markers': async (req) => ({ markers: canary.markers(req) }),
    'rollouts:list': async () => {
      const deploy = workspace.deploy;
      if (!deploy) throw new RingsideError('unavailable', 'No deploy backend is configured for this workspace.');
      return { rollouts: await backends.track('deploy', () => deploy.listRollouts()) };
    },
    ...ringHandlers(rings, rollouts, windows, deps.actor),
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

  /** Pick up changes made elsewhere: the server's event log, then the flags themselves. */
  async function poll(): Promise<void> {
    const { added } = await audit.flagServer.sync().catch(() => ({ added: 0 }));
    const observed = await audit.observeRollouts().catch(() => 0);
    if (added + observed > 0) bus.emit('state:changed', { domain: 'audit' });
    if ((await flags.refresh()) || added > 0) bus.emit('state:changed', { domain: 'flags' });
    // The stop-the-line guard and auto-advance: every plan under way against its verdict and rollout.
    await rings.poll();
  }

  return { workspace, handlers, poll, summary, dispose: () => workspace.dispose?.() };
}
export type Session = ReturnType<typeof createSession>;
