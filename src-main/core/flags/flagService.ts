import type { Environment, Flag, FlagEnvironmentState } from '../../../src-shared/domain/flag';
import type { FlagChange } from '../../../src-shared/domain/flagDebt';
import type { BackendTracker } from '../backends';
import type { FlagProvider } from '../ports';
import type { AuditQueries } from '../store/audit';
import type { FlagCacheQueries } from '../store/flagCache';
import type { Workspace } from '../workspace';
import { readOnlySentence } from './readOnlyReason';
import { byName, cellKey, fromSummary, keepConfirmed, summaryDiffers, type ConfirmedCell } from './flagSnapshot';

/** Without a poller, a listing this recent is served again rather than re-read. */
const FRESH_MS = 1000;
/** Everything is re-listed this often, to catch what the event log missed. */
export const RESYNC_MS = 5 * 60_000;
/** More flags than this named by one poll's events are cheaper to resync than to read one by one. */
const NAMED_MAX = 50;
/**
 * Events older than the last whole read (less this margin, for a server clock that runs behind
 * ours) are already in the snapshot: a first sync of a long event log names every flag, and they
 * need no second read right after the listing.
 */
const EVENT_SKEW_MS = 60_000;
/** A confirmed cell outlives any read that could have started before it. */
const CONFIRMED_TTL_MS = 10 * 60_000;

export interface FlagListing {
  flags: Flag[];
  environments: Environment[];
  fetchedAt: number | null;
  stale: boolean;
  readOnlyReason: string | null;
  changes: FlagChange[];
}

export interface FlagServiceOptions {
  /** A poller keeps the snapshot fresh: a listing is then served from memory, never re-read per call. */
  polled?: boolean;
  resyncMs?: number;
}

/**
 * The workspace's flags: a snapshot in memory and in SQLite, loaded once, then kept fresh by the
 * poll from the flags the server's event log names, with a cheap resync now and then. Reads never
 * overlap (one in flight, joined by any other caller), and a cell the console confirmed is never
 * undone by a read that began before the confirmation.
 */
export function createFlagService(
  workspace: Workspace,
  cache: FlagCacheQueries,
  audit: AuditQueries,
  backends: BackendTracker,
  now: () => number,
  options: FlagServiceOptions = {},
) {
  const resyncMs = options.resyncMs ?? RESYNC_MS;
  const cached = cache.read(workspace.id);
  const flags = new Map<string, Flag>(cached.flags.map((f) => [f.name, f]));
  let environments: Environment[] = cached.environments;
  /** when the snapshot was last read whole from the server (0: not in this session), and when that read began */
  let loadedAt = 0;
  let loadStartedAt = 0;
  /** when any read last succeeded */
  let readAt = 0;
  let version = 0;
  const confirmed = new Map<string, ConfirmedCell>();
  let reading: Promise<boolean> | null = null;

  const sorted = () => [...flags.values()].sort(byName);

  function store(next: Flag[], removed: string[], whole: boolean, startedAt: number): boolean {
    let changed = false;
    for (const name of removed) changed = flags.delete(name) || changed;
    const written: Flag[] = [];
    for (const raw of next) {
      const flag = keepConfirmed(raw, startedAt, confirmed);
      const before = flags.get(flag.name);
      if (!before || JSON.stringify(before) !== JSON.stringify(flag)) {
        changed = true;
        written.push(flag);
      }
      flags.set(flag.name, flag);
    }
    if (whole) {
      const seen = new Set(next.map((f) => f.name));
      for (const name of [...flags.keys()]) if (!seen.has(name)) changed = flags.delete(name) || changed;
      if (changed) cache.replace(workspace.id, sorted(), environments);
    } else if (written.length > 0 || removed.length > 0) {
      cache.patch(workspace.id, written, removed);
    }
    if (changed) version += 1;
    return changed;
  }

  /** Everything, from nothing: the provider's full listing. */
  async function loadWhole(provider: FlagProvider): Promise<boolean> {
    const startedAt = now();
    const snapshot = await backends.track('flags', () => provider.listFlags());
    const envsChanged = JSON.stringify(snapshot.environments) !== JSON.stringify(environments);
    environments = snapshot.environments;
    const changed = store(snapshot.flags, [], true, startedAt) || envsChanged;
    if (envsChanged && !changed) cache.replace(workspace.id, sorted(), environments);
    loadedAt = readAt = now();
    loadStartedAt = startedAt;
    return changed;
  }

  /** The cheap listing compared with the snapshot; only flags that differ are read whole. */
  async function resync(provider: FlagProvider): Promise<boolean> {
    if (!provider.listSummaries || !provider.readFlags || flags.size === 0) return loadWhole(provider);
    const startedAt = now();
    const summary = await backends.track('flags', () => provider.listSummaries!());
    const differing = summary.flags.filter((s) => summaryDiffers(s, flags.get(s.name))).map((s) => s.name);
    const fresh = differing.length > 0 ? await backends.track('flags', () => provider.readFlags!(differing)) : { flags: [], missing: [] };
    const freshByName = new Map(fresh.flags.map((f) => [f.name, f]));
    const missing = new Set(fresh.missing);
    const next = summary.flags
      .filter((s) => !missing.has(s.name))
      .map((s) => freshByName.get(s.name) ?? fromSummary(s, flags.get(s.name)!));
    const envsChanged = JSON.stringify(summary.environments) !== JSON.stringify(environments);
    environments = summary.environments;
    const changed = store(next, [], true, startedAt) || envsChanged;
    if (envsChanged && !changed) cache.replace(workspace.id, sorted(), environments);
    loadedAt = readAt = now();
    loadStartedAt = startedAt;
    return changed;
  }

  async function readNamed(provider: FlagProvider, names: string[]): Promise<boolean> {
    const startedAt = now();
    const fresh = await backends.track('flags', () => provider.readFlags!(names));
    readAt = now();
    return store(fresh.flags, fresh.missing, false, startedAt);
  }

  /** One read at a time: a caller arriving while one runs waits for it instead of starting its own. */
  function single(read: () => Promise<boolean>): Promise<boolean> {
    if (reading) return reading;
    reading = read().finally(() => {
      reading = null;
    });
    return reading;
  }

  function prune() {
    const oldest = now() - CONFIRMED_TTL_MS;
    for (const [key, cell] of confirmed) if (cell.at < oldest) confirmed.delete(key);
  }

  const stale = () => Boolean(workspace.flags) && (loadedAt === 0 || backends.status('flags').state !== 'online');

  async function list(): Promise<FlagListing> {
    const provider = workspace.flags;
    // While the poll waits out a failing server (its backoff or Retry-After), a reload asks nothing either.
    const waiting = (backends.status('flags').retryAt ?? 0) > now();
    const due = !waiting && (loadedAt === 0 || (!options.polled && now() - readAt >= FRESH_MS));
    if (provider && due) {
      // A warm cache (from SQLite) resyncs cheaply; an empty one is listed whole.
      await single(() => (flags.size > 0 && provider.readFlags ? resync(provider) : loadWhole(provider))).catch(() => {
        // The cache is served marked stale; the backend status carries the reason.
      });
    }
    return {
      flags: sorted(),
      environments,
      fetchedAt: backends.status('flags').lastSyncAt,
      stale: stale(),
      readOnlyReason: readOnlySentence(workspace.flags !== null, stale(), backends.status('flags'), now(), backends.failing('flags').retryAfterMs),
      changes: audit.latestFlagChanges(workspace.id),
    };
  }

  /**
   * The poll's part: the flags the server's events named since the last poll are read again,
   * everything is resynced when due, and nothing is sent when nothing changed. True when anything
   * a user sees changed.
   */
  async function refresh(named: Iterable<[flag: string, eventAt: number]> = []): Promise<boolean> {
    const provider = workspace.flags;
    if (!provider) return false;
    prune();
    return single(async () => {
      const names = [...named].filter(([, at]) => at >= loadStartedAt - EVENT_SKEW_MS).map(([name]) => name);
      const before = version;
      const staleBefore = stale();
      if (loadedAt === 0) await (flags.size > 0 && provider.readFlags ? resync(provider) : loadWhole(provider));
      else if (!provider.readFlags) await loadWhole(provider);
      else if (now() - loadedAt >= resyncMs || names.length > NAMED_MAX) await resync(provider);
      else if (names.length > 0) await readNamed(provider, names);
      return version !== before || staleBefore !== stale();
    });
  }

  /** Record a state the server just confirmed, without waiting for a full re-read. */
  function applyState(flagName: string, state: FlagEnvironmentState, confirmedAt = now()): void {
    confirmed.set(cellKey(flagName, state.environment), { at: confirmedAt, state });
    const flag = flags.get(flagName);
    if (!flag) return;
    const next = { ...flag, environments: flag.environments.map((e) => (e.environment === state.environment ? state : e)) };
    flags.set(flagName, next);
    version += 1;
    cache.patch(workspace.id, [next]);
  }

  return {
    list,
    refresh,
    applyState,
    /** The last known state of a flag in an environment (the "before" of an audited change). */
    cachedState: (flag: string, environment: string) => flags.get(flag)?.environments.find((e) => e.environment === environment) ?? null,
    environments: () => environments,
    flags: () => sorted(),
  };
}
export type FlagService = ReturnType<typeof createFlagService>;
