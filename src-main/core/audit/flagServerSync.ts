import type { FlagServerEvent } from '../../../src-shared/domain/flag';
import type { BackendTracker } from '../backends';
import { FLAG_SERVER, toAuditEvent } from '../flags/eventSync';
import type { Clock, FlagProvider } from '../ports';
import type { AuditQueries } from '../store/audit';
import type { Workspace } from '../workspace';

/** Unleash answers at most 1,000 events a page; 500 keeps each commit short. */
export const SYNC_PAGE = 500;

/**
 * The sync's bookkeeping, kept beside the cursor in sync_cursor and written in the same transaction
 * as each page's rows. `cursor`: every event id up to it is synced. `top`/`low`/`count`: an
 * interrupted run synced every event from `top` down to `low` (`count` of them), contiguously.
 */
export const SYNC_KEYS = {
  cursor: FLAG_SERVER,
  top: `${FLAG_SERVER}#resume-top`,
  low: `${FLAG_SERVER}#resume-low`,
  count: `${FLAG_SERVER}#resume-count`,
  syncedAt: `${FLAG_SERVER}#synced-at`,
  paused: `${FLAG_SERVER}#paused`,
} as const;

export interface SyncOutcome {
  /** rows new to the audit (a re-sync adds none) */
  added: number;
  /** the whole log up to its newest event is in the audit */
  complete: boolean;
  cancelled: boolean;
}

export interface SyncProgress {
  done: number;
  total: number | null;
}

export interface FlagServerSyncDeps {
  workspace: Workspace;
  audit: AuditQueries;
  backends: BackendTracker;
  clock: Clock;
  pageSize?: number;
  /** Called after each committed page of a sync that spans more than one page. */
  onProgress?: (progress: SyncProgress) => void;
  /** Called with each committed batch of events new to the audit: the flags they name changed on the server. */
  onEvents?: (events: FlagServerEvent[]) => void;
}

class Cancelled extends Error {}

/** Stop waiting for a page the moment the sync is cancelled; the page's answer is then ignored. */
function abortable<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new Cancelled());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new Cancelled());
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * The flag server's event log into the audit table: incremental by event id, idempotent (each
 * event once, by its server id), committed page by page so an interrupted or cancelled first sync
 * resumes where it stopped instead of starting over.
 */
export function createFlagServerSync(deps: FlagServerSyncDeps) {
  const { workspace, audit, backends, clock } = deps;
  const size = deps.pageSize ?? SYNC_PAGE;
  const rowsOf = (events: FlagServerEvent[]) =>
    events.map((event) => ({ externalId: String(event.id), event: toAuditEvent(workspace.id, event) }));
  const values = () => audit.syncValues(workspace.id, Object.values(SYNC_KEYS));

  /** Providers without pages (the demo, small logs): everything since the cursor in one commit. */
  async function wholeSync(provider: FlagProvider, signal: AbortSignal): Promise<SyncOutcome> {
    const cursor = values()[SYNC_KEYS.cursor] ?? null;
    const events = await abortable(backends.track('flags', () => provider.eventsSince(cursor)), signal);
    const newest = Math.max(cursor ?? 0, ...events.map((e) => e.id));
    const added = audit.appendSyncPage(workspace.id, rowsOf(events), {
      [SYNC_KEYS.cursor]: events.length || cursor !== null ? newest : null,
      [SYNC_KEYS.syncedAt]: clock.now(),
    });
    if (events.length > 0) deps.onEvents?.(events);
    return { added, complete: true, cancelled: false };
  }

  /**
   * Walk the log newest first from offset 0 until the cursor. Each page commits its rows with the
   * resume point; meeting an earlier run's resume range jumps past it (checked: the event found
   * there must be that range's lowest, else the walk just goes on and the store drops duplicates).
   */
  async function pagedSync(provider: FlagProvider & Required<Pick<FlagProvider, 'eventPage'>>, signal: AbortSignal): Promise<SyncOutcome> {
    const stored = values();
    const cursor = stored[SYNC_KEYS.cursor] ?? null;
    const top = stored[SYNC_KEYS.top];
    const low = stored[SYNC_KEYS.low];
    const resume = top !== null && low !== null ? { top, low, count: stored[SYNC_KEYS.count] ?? 0 } : null;
    let offset = 0;
    let run: { top: number; low: number; count: number } | null = null;
    let merged = false;
    let landing: { expect: number; otherwise: number } | null = null;
    let added = 0;
    let pages = 0;
    let reported = false;

    try {
      for (;;) {
        // A poll of a synced log usually finds a handful of new events: ask for a small page first.
        const limit = pages === 0 && cursor !== null ? Math.min(50, size) : size;
        const page = await abortable(backends.track('flags', () => provider.eventPage(offset, limit)), signal);
        pages += 1;
        let events = page.events;
        if (landing) {
          // After a jump the first event must be the earlier run's lowest, or the log changed under us.
          if (events[0]?.id !== landing.expect) {
            offset = landing.otherwise;
            landing = null;
            continue;
          }
          events = events.slice(1);
          landing = null;
        }
        const fresh: FlagServerEvent[] = [];
        let reachedCursor = false;
        let jumpTo: number | null = null;
        for (const [i, event] of events.entries()) {
          if (cursor !== null && event.id <= cursor) {
            reachedCursor = true;
            break;
          }
          if (resume && !merged && event.id === resume.top && resume.count > 0) {
            merged = true;
            const at = offset + (page.events.length - events.length) + i;
            run = { top: run?.top ?? resume.top, low: resume.low, count: (run?.count ?? 0) + resume.count };
            jumpTo = at + resume.count - 1;
            landing = { expect: resume.low, otherwise: at + 1 };
            break;
          }
          fresh.push(event);
          // Events that arrived mid-sync shift pages down: a re-read event is not counted twice.
          if (!run) run = { top: event.id, low: event.id, count: 1 };
          else if (event.id < run.low) {
            run.low = event.id;
            run.count += 1;
          }
        }
        const ended = reachedCursor || (jumpTo === null && page.events.length < limit);
        const keepEarlierResume = resume !== null && !merged;
        const bookkeeping: Record<string, number | null> = ended
          ? {
              [SYNC_KEYS.cursor]: Math.max(cursor ?? 0, run?.top ?? 0, resume?.top ?? 0) || null,
              [SYNC_KEYS.top]: null,
              [SYNC_KEYS.low]: null,
              [SYNC_KEYS.count]: null,
              [SYNC_KEYS.syncedAt]: clock.now(),
            }
          : keepEarlierResume || !run
            ? {}
            : { [SYNC_KEYS.top]: run.top, [SYNC_KEYS.low]: run.low, [SYNC_KEYS.count]: run.count };
        added += audit.appendSyncPage(workspace.id, rowsOf(fresh), bookkeeping);
        if (fresh.length > 0) deps.onEvents?.(fresh);
        offset = jumpTo ?? offset + page.events.length;
        const long = pages > 1 || (cursor === null && (page.total ?? 0) > limit);
        if (long) {
        reported = true;
        deps.onProgress?.(ended ? { done: offset, total: offset } : { done: offset, total: cursor === null ? page.total : null });
      }
        if (ended) return { added, complete: true, cancelled: false };
        if (signal.aborted) throw new Cancelled();
      }
    } catch (error) {
      // A stopped sync's progress ends where it stopped, so no one waits on a bar that will not move.
      if (reported) deps.onProgress?.({ done: offset, total: offset });
      // Pages committed before a cancel stay; say how many rows they added.
      if (error instanceof Cancelled) return { added, complete: false, cancelled: true };
      throw error;
    }
  }

  let running: { promise: Promise<SyncOutcome>; controller: AbortController } | null = null;

  return {
    /** Sync now, or join the sync already running; a paused sync stays paused unless `resume`. */
    sync(options: { resume?: boolean } = {}): Promise<SyncOutcome> {
      const provider = workspace.flags;
      if (!provider) return Promise.resolve({ added: 0, complete: true, cancelled: false });
      if (options.resume) audit.setSyncValues(workspace.id, { [SYNC_KEYS.paused]: null });
      else if (values()[SYNC_KEYS.paused]) return Promise.resolve({ added: 0, complete: false, cancelled: true });
      if (running) return running.promise;
      const controller = new AbortController();
      const work = provider.eventPage
        ? pagedSync(provider as FlagProvider & Required<Pick<FlagProvider, 'eventPage'>>, controller.signal)
        : wholeSync(provider, controller.signal);
      const promise = work
        .catch((error: unknown) => {
          if (error instanceof Cancelled) return { added: 0, complete: false, cancelled: true };
          throw error;
        })
        .finally(() => {
          running = null;
        });
      running = { promise, controller };
      return promise;
    },
    /** Stop the running sync after its current page (already committed pages stay) and pause polling it. */
    cancel(): boolean {
      audit.setSyncValues(workspace.id, { [SYNC_KEYS.paused]: clock.now() });
      if (!running) return false;
      running.controller.abort();
      return true;
    },
    state() {
      const v = values();
      return {
        running: running !== null,
        paused: v[SYNC_KEYS.paused] !== null,
        syncedAt: v[SYNC_KEYS.syncedAt],
        cursor: v[SYNC_KEYS.cursor],
        resumeFrom: v[SYNC_KEYS.top] !== null ? { top: v[SYNC_KEYS.top]!, low: v[SYNC_KEYS.low]!, count: v[SYNC_KEYS.count] ?? 0 } : null,
      };
    },
  };
}
export type FlagServerSync = ReturnType<typeof createFlagServerSync>;
