import type { FlagServerEvent } from '../../../src-shared/domain/flag';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BackendKind } from '../../../src-shared/domain/backend';
import type { DoraReport } from '../../../src-shared/domain/dora';
import { RingsideError } from '../../../src-shared/ipc/result';
import type { BackendTracker } from '../backends';
import type { EventBus } from '../events';
import type { Clock } from '../ports';
import type { AuditQueries } from '../store/audit';
import type { AuditFilter } from '../store/auditSearch';
import type { Workspace } from '../workspace';
import { verifyInChunks } from './chainCheck';
import { computeDora, DORA_ACTIONS, weekStart, WEEK_MS } from './dora';
import { writeExport, type ExportFormat } from './export';
import { pruneExports } from './exportRetention';
import { createFlagServerSync } from './flagServerSync';
import { createRolloutObserver } from './rolloutObserver';

export interface AuditServiceDeps {
  workspace: Workspace;
  audit: AuditQueries;
  backends: BackendTracker;
  bus: EventBus;
  clock: Clock;
  /** where exports are written (the data folder's exports/); null when the console keeps no files */
  exportsDir: string | null;
  /** the flag server's events as the sync commits them (the poll re-reads the flags they name) */
  onFlagEvents?: (events: FlagServerEvent[]) => void;
}

/** Which backend feeds which audit source, for the offline banner's "last synced" per source. */
const FED_BY: [source: string, backend: BackendKind][] = [
  ['flag-server', 'flags'],
  ['rollout', 'deploy'],
  ['canary', 'metrics'],
];

/** URL path under which serve mode offers a finished export (behind its per-run token). */
export const EXPORT_ROUTE = '/api/exports/';

/** The audit's own work in a session: syncing sources in, verifying, exporting, DORA figures. */
export function createAuditService(deps: AuditServiceDeps) {
  const { workspace, audit, backends, bus, clock } = deps;
  const flagServer = createFlagServerSync({
    workspace,
    audit,
    backends,
    clock,
    onProgress: ({ done, total }) => bus.emit('sync:progress', { source: 'flags', done, total }),
    onEvents: deps.onFlagEvents,
  });
  const deploy = workspace.deploy;
  const rollouts = deploy ? createRolloutObserver({ workspace: workspace.id, audit, clock, provider: deploy.provider }) : null;
  // Exports left from earlier runs past the retention go at start, as after each new export.
  if (deps.exportsDir) pruneExports(deps.exportsDir);

  /** Read the rollouts and record what changed since the last poll; rows appended. */
  async function observeRollouts(): Promise<number> {
    if (!deploy || !rollouts) return 0;
    return rollouts.observe(await backends.track('deploy', () => deploy.listRollouts()));
  }

  function status() {
    const flagSync = flagServer.state();
    const sources = FED_BY.map(([source, backend]) => {
      const s = backends.status(backend);
      // The flag server's events count as synced when a whole sync finished, not at any flag read.
      const lastSyncAt = source === 'flag-server' && s.configured ? flagSync.syncedAt : s.lastSyncAt;
      return { source, backend, configured: s.configured, state: s.state, lastSyncAt, message: s.message };
    });
    return {
      offline: sources.some((s) => s.configured && (s.state === 'offline' || s.state === 'error')),
      sources,
      flagSync,
      events: audit.count(workspace.id),
    };
  }

  async function exportFiltered(filter: AuditFilter, format: ExportFormat) {
    if (!deps.exportsDir) throw new RingsideError('unavailable', 'This console keeps no data folder (in-memory mode), so it cannot write an export.');
    mkdirSync(deps.exportsDir, { recursive: true, mode: 0o700 });
    const now = clock.now();
    const stamp = new Date(now).toISOString().replace(/[-:]/g, '').replace(/\..+$/, '').replace('T', '-');
    const slug = workspace.id.toLowerCase().replace(/[^a-z0-9]+/g, '-').slice(0, 40) || 'workspace';
    const fileName = `audit-${slug}-${stamp}-${randomBytes(3).toString('hex')}.${format}`;
    const path = join(deps.exportsDir, fileName);
    const chain = { ...(await verifyInChunks(audit)), verifiedAt: clock.now() };
    try {
      const written = await writeExport({ audit, workspace: workspace.id, filter, format, file: path, chain, now });
      pruneExports(deps.exportsDir, { spare: fileName });
      return { fileName, path, downloadPath: `${EXPORT_ROUTE}${fileName}`, ...written, chain };
    } catch (error) {
      throw new RingsideError('unavailable', `The export could not be written to ${path}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  function dora(weeks: number, failureWindowMs: number): DoraReport {
    const now = clock.now();
    const from = weekStart(now) - (weeks - 1) * WEEK_MS;
    // One window earlier too: a release just before the range can fail inside it.
    const events = audit.withActions(workspace.id, DORA_ACTIONS, from - failureWindowMs, now);
    const releases = workspace.releases.map(({ release }) => ({ id: release.id, flag: release.flag, rollout: release.rollout }));
    return computeDora(events, { now, weeks, failureWindowMs, releases });
  }

  return {
    flagServer,
    observeRollouts,
    status,
    verify: () => verifyInChunks(audit),
    exportFiltered,
    dora,
  };
}
export type AuditService = ReturnType<typeof createAuditService>;
