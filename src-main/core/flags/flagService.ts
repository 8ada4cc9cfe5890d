import type { Environment, Flag, FlagEnvironmentState } from '../../../src-shared/domain/flag';
import type { FlagChange } from '../../../src-shared/domain/flagDebt';
import type { BackendTracker } from '../backends';
import type { AuditQueries } from '../store/audit';
import type { FlagCacheQueries } from '../store/flagCache';
import type { Workspace } from '../workspace';

/** A listing this recent is served again rather than re-read (a poll's event and the reload it triggers). */
const FRESH_MS = 1000;

export interface FlagListing {
  flags: Flag[];
  environments: Environment[];
  fetchedAt: number | null;
  stale: boolean;
  readOnlyReason: string | null;
  changes: FlagChange[];
}

/** Flags live from the provider when it answers, else the cached snapshot marked stale with its age. */
export function createFlagService(
  workspace: Workspace,
  cache: FlagCacheQueries,
  audit: AuditQueries,
  backends: BackendTracker,
  now: () => number,
) {
  let fingerprint = '';
  let fetchedAt = 0;
  let current: { flags: Flag[]; environments: Environment[] } = cache.read(workspace.id);

  function readOnlyReason(stale: boolean): string | null {
    if (!workspace.flags) return 'No flag backend is configured for this workspace.';
    if (!stale) return null;
    const status = backends.status('flags');
    return `The flag server cannot be reached (${status.message ?? 'no answer'}); changes are disabled until it answers.`;
  }

  async function list(): Promise<FlagListing> {
    const provider = workspace.flags;
    let stale = true;
    if (provider && now() - fetchedAt < FRESH_MS && backends.status('flags').state === 'online') {
      stale = false; // a poll or a reload read the server a moment ago: one round of requests is enough
    } else if (provider) {
      try {
        current = await backends.track('flags', () => provider.listFlags());
        cache.replace(workspace.id, current.flags, current.environments);
        fetchedAt = now();
        stale = false;
      } catch {
        // Fall through to the cache; the backend status carries the reason.
        current = cache.read(workspace.id);
        fetchedAt = 0;
      }
    }
    return {
      ...current,
      fetchedAt: backends.status('flags').lastSyncAt,
      stale,
      readOnlyReason: readOnlyReason(stale),
      changes: audit.latestFlagChanges(workspace.id),
    };
  }

  /** Re-read the flags; true when anything a user sees has changed since the last refresh. */
  async function refresh(): Promise<boolean> {
    fetchedAt = 0;
    const listing = await list();
    const next = JSON.stringify([listing.flags, listing.environments, listing.stale, listing.changes]);
    const changed = next !== fingerprint;
    fingerprint = next;
    return changed;
  }

  /** Record a state the server just confirmed, without waiting for a full re-read. */
  function applyState(flagName: string, state: FlagEnvironmentState): void {
    const flag = current.flags.find((f) => f.name === flagName);
    if (!flag) return;
    flag.environments = flag.environments.map((e) => (e.environment === state.environment ? state : e));
    cache.replace(workspace.id, current.flags, current.environments);
  }

  return {
    list,
    refresh,
    applyState,
    /** The last known state of a flag in an environment (the "before" of an audited change). */
    cachedState: (flag: string, environment: string) =>
      current.flags.find((f) => f.name === flag)?.environments.find((e) => e.environment === environment) ?? null,
    environments: () => current.environments,
    flags: () => current.flags,
  };
}
export type FlagService = ReturnType<typeof createFlagService>;
