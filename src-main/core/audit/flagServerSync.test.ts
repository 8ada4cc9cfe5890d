import type { FlagServerEvent } from '../../../src-shared/domain/flag';
import { RingsideError } from '../../../src-shared/ipc/result';
import { createBackendTracker } from '../backends';
import type { FlagProvider } from '../ports';
import { auditQueries } from '../store/audit';
import { openStore } from '../store/db';
import { syncStateQueries } from '../store/syncState';
import { fakeClock } from '../testing/fakeWorkspace';
import type { Workspace } from '../workspace';
import { createFlagServerSync, SYNC_KEYS, type SyncProgress } from './flagServerSync';

/** A server event log paged newest first by offset, as Unleash's event search pages it. */
function pagedLog(count: number) {
  const log: FlagServerEvent[] = [];
  const add = (n: number) => {
    for (let i = 0; i < n; i += 1) {
      const id = log.length + 1;
      log.push({ id, type: 'feature-environment-disabled', createdBy: `user-${id % 7}`, createdAt: 1_000 + id, flag: `flag-${id % 13}`, environment: 'production', data: { n: id }, preData: null });
    }
  };
  add(count);
  const requests: { offset: number; limit: number }[] = [];
  const faults = { failAtRequest: null as number | null, beforeAnswer: null as ((request: number) => void) | null };
  const provider: FlagProvider = {
    provider: 'paged',
    listFlags: async () => ({ flags: [], environments: [] }),
    readState: async () => ({ environment: 'production', enabled: false, strategies: [] }),
    setEnabled: async () => {},
    setRollout: async () => {},
    setStrategyEnabled: async () => {},
    featureTypes: async () => [],
    eventsSince: async () => {
      throw new Error('a paged provider is read by pages');
    },
    async eventPage(offset, limit) {
      requests.push({ offset, limit });
      faults.beforeAnswer?.(requests.length);
      if (faults.failAtRequest === requests.length) throw new RingsideError('unavailable', 'The flag server stopped answering.');
      const newestFirst = [...log].reverse();
      return { events: structuredClone(newestFirst.slice(offset, offset + limit)), total: log.length };
    },
  };
  return { provider, add, requests, faults };
}

function setup(count: number, pageSize = 100) {
  const { db } = openStore({ file: ':memory:' });
  const audit = auditQueries(db);
  const clock = fakeClock();
  const log = pagedLog(count);
  const workspace: Workspace = { id: 'w', name: 'W', kind: 'live', flags: log.provider, deploy: null, metrics: null, releases: [] };
  const backends = createBackendTracker(workspace, syncStateQueries(db), clock);
  const progress: SyncProgress[] = [];
  const sync = createFlagServerSync({ workspace, audit, backends, clock, pageSize, onProgress: (p) => progress.push(p) });
  // Each fake event carries its server id in its data, so the audit rows say which events they are.
  const externalIds = () =>
    audit
      .search('w', { source: 'flag-server', limit: 500 })
      .events.concat(audit.search('w', { source: 'flag-server', limit: 500, offset: 500 }).events)
      .concat(audit.search('w', { source: 'flag-server', limit: 500, offset: 1_000 }).events)
      .map((e) => (e.after as { n: number }).n)
      .sort((a, b) => a - b);
  return { audit, log, sync, progress, externalIds, clock };
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('flag server sync into the audit', () => {
  it('syncs a long log page by page, each event once, reporting progress to the end', async () => {
    const { sync, externalIds, progress, audit } = setup(1_050);
    expect(await sync.sync()).toEqual({ added: 1_050, complete: true, cancelled: false });
    expect(externalIds()).toEqual(range(1, 1_050));
    expect(progress.at(0)).toEqual({ done: 100, total: 1_050 });
    expect(progress.at(-1)).toEqual({ done: 1_050, total: 1_050 });
    expect(sync.state()).toMatchObject({ cursor: 1_050, resumeFrom: null, syncedAt: expect.any(Number) });
    expect(audit.verify().ok).toBe(true);
  });

  it('a re-sync adds nothing; after new events it adds only those, reading one small page', async () => {
    const { sync, log, externalIds } = setup(300);
    await sync.sync();
    const before = log.requests.length;
    expect(await sync.sync()).toMatchObject({ added: 0, complete: true });
    log.add(7);
    expect(await sync.sync()).toMatchObject({ added: 7, complete: true });
    expect(externalIds()).toEqual(range(1, 307));
    expect(log.requests.slice(before)).toEqual([{ offset: 0, limit: 50 }, { offset: 0, limit: 50 }]);
  });

  it('keeps the pages committed before a failure and resumes below them without reading them again', async () => {
    const { sync, log, externalIds, audit } = setup(1_000);
    log.faults.failAtRequest = 5;
    await expect(sync.sync()).rejects.toThrow(/stopped answering/);
    expect(externalIds()).toEqual(range(601, 1_000));
    expect(sync.state().resumeFrom).toEqual({ top: 1_000, low: 601, count: 400 });

    log.faults.failAtRequest = null;
    log.add(30); // the log moved on while we were away
    const resumedFrom = log.requests.length;
    expect(await sync.sync()).toEqual({ added: 630, complete: true, cancelled: false });
    expect(externalIds()).toEqual(range(1, 1_030));
    // 30 new on top, then a jump straight to the earlier run's lowest event: 601..1000 are not read again.
    const offsets = log.requests.slice(resumedFrom).map((r) => r.offset);
    expect(offsets).toEqual([0, 429, 529, 629, 729, 829, 929, 1_029]);
    expect(audit.verify().ok).toBe(true);
  });

  it('walks on instead of jumping when the log no longer matches the resume point', async () => {
    const { sync, log, externalIds, audit } = setup(500);
    log.faults.failAtRequest = 3;
    await expect(sync.sync()).rejects.toThrow();
    // Pretend the earlier run counted wrong: the landing check must catch it and nothing may be skipped.
    audit.setSyncValues('w', { [SYNC_KEYS.count]: 150 });
    log.faults.failAtRequest = null;
    expect(await sync.sync()).toMatchObject({ added: 300, complete: true });
    expect(externalIds()).toEqual(range(1, 500));
  });

  it('does not lose events that arrive while a long sync runs', async () => {
    const { sync, log, externalIds } = setup(450);
    log.faults.beforeAnswer = (n) => {
      if (n === 2 || n === 4) log.add(25);
    };
    expect(await sync.sync()).toMatchObject({ added: 450, complete: true });
    expect(externalIds()).toEqual(range(1, 450));
    log.faults.beforeAnswer = null;
    // The 50 that arrived meanwhile sit above the cursor: the next poll takes exactly those.
    expect(await sync.sync()).toMatchObject({ added: 50, complete: true });
    expect(externalIds()).toEqual(range(1, 500));
    expect(await sync.sync()).toMatchObject({ added: 0 });
  });

  it('cancels after the current page, stays paused through polls, and resumes where it stopped', async () => {
    const { sync, log, externalIds, progress } = setup(1_000);
    log.faults.beforeAnswer = (n) => {
      if (n === 3) sync.cancel();
    };
    expect(await sync.sync()).toEqual({ added: 200, complete: false, cancelled: true });
    // The progress of a stopped sync ends where it stopped: nothing shows a bar that will not move.
    expect(progress.at(-1)).toEqual({ done: 200, total: 200 });
    expect(externalIds()).toEqual(range(801, 1_000));
    expect(sync.state()).toMatchObject({ paused: true, running: false });
    log.faults.beforeAnswer = null;

    const requestsBefore = log.requests.length;
    expect(await sync.sync()).toMatchObject({ added: 0, cancelled: true });
    expect(log.requests.length).toBe(requestsBefore);

    expect(await sync.sync({ resume: true })).toEqual({ added: 800, complete: true, cancelled: false });
    expect(externalIds()).toEqual(range(1, 1_000));
    expect(sync.state()).toMatchObject({ paused: false, resumeFrom: null, cursor: 1_000 });
  });

  it('joins a sync already running instead of starting a second one', async () => {
    const { sync, log } = setup(250);
    const [a, b] = await Promise.all([sync.sync(), sync.sync()]);
    expect(a).toBe(b);
    expect(log.requests.map((r) => r.offset)).toEqual([0, 100, 200]);
  });
});
