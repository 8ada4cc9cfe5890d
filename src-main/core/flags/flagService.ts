import type { Environment, Flag } from '../../../src-shared/domain/flag';
import type { BackendTracker } from '../backends';
import type { FlagCacheQueries } from '../store/flagCache';
import type { Workspace } from '../workspace';

export interface FlagListing {
  flags: Flag[];
  environments: Environment[];
  fetchedAt: number | null;
  stale: boolean;
}

/** Flags live from the provider when it answers, else the cached snapshot marked stale with its age. */
export function createFlagService(workspace: Workspace, cache: FlagCacheQueries, backends: BackendTracker) {
  let fingerprint = '';

  async function list(): Promise<FlagListing> {
    const provider = workspace.flags;
    if (provider) {
      try {
        const snapshot = await backends.track('flags', () => provider.listFlags());
        cache.replace(workspace.id, snapshot.flags, snapshot.environments);
        return { ...snapshot, fetchedAt: backends.status('flags').lastSyncAt, stale: false };
      } catch {
        // Fall through to the cache; the backend status carries the reason.
      }
    }
    const cached = cache.read(workspace.id);
    return { ...cached, fetchedAt: backends.status('flags').lastSyncAt, stale: true };
  }

  /** Re-read the flags; true when anything a user sees has changed since the last refresh. */
  async function refresh(): Promise<boolean> {
    const listing = await list();
    const next = JSON.stringify([listing.flags, listing.environments, listing.stale]);
    const changed = next !== fingerprint;
    fingerprint = next;
    return changed;
  }

  return { list, refresh };
}
export type FlagService = ReturnType<typeof createFlagService>;
