import { startFaultProxy } from '../../../test-harness/faultProxy';
import { unleashAdmin, type UnleashAdmin } from '../../../e2e/fixtures/unleashSeed';
import { startPostgres, type PostgresServer } from '../../../test-harness/postgres';
import { startUnleash, type UnleashServer } from '../../../test-harness/unleash';
import { createFlagServerSync, type SyncProgress } from '../../core/audit/flagServerSync';
import { createBackendTracker } from '../../core/backends';
import { fakeClock } from '../../core/testing/fakeWorkspace';
import { createQueries, openStore } from '../../core/store/index';
import type { Workspace } from '../../core/workspace';
import { createUnleashProvider } from './unleashProvider';

// The audit's flag server sync against a real unleash-server 7.5 over a real PostgreSQL.
let pg: PostgresServer;
let unleash: UnleashServer;
let admin: UnleashAdmin;

/** The server's own count of the project's events, and their ids. */
async function serverEvents(): Promise<number[]> {
  const ids: number[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = (await admin.call('GET', `/api/admin/search/events?project=IS:default&limit=1000&offset=${offset}`)) as { events: { id: number }[] };
    ids.push(...page.events.map((e) => e.id));
    if (page.events.length < 1000) return ids.sort((a, b) => a - b);
  }
}

async function toggle(flag: string, times: number) {
  for (let i = 0; i < times; i += 1) await admin.setEnabled(flag, 'development', i % 2 === 0);
}

function syncer(url: string, pageSize: number, onProgress?: (p: SyncProgress) => void) {
  const { db } = openStore({ file: ':memory:' });
  const queries = createQueries(db);
  const clock = fakeClock();
  const workspace: Workspace = {
    id: 'it',
    name: 'Integration',
    kind: 'live',
    flags: createUnleashProvider({ url, project: 'default', token: unleash.adminToken }),
    deploy: null,
    metrics: null,
    releases: [],
  };
  const backends = createBackendTracker(workspace, queries.syncState, clock);
  const sync = createFlagServerSync({ workspace, audit: queries.audit, backends, clock, pageSize, onProgress });
  const synced = () => {
    const ids: number[] = [];
    for (let offset = 0; ; offset += 500) {
      const page = queries.audit.search('it', { source: 'flag-server', limit: 500, offset });
      ids.push(...page.events.map((e) => e.id));
      if (page.events.length < 500) break;
    }
    return ids.length;
  };
  return { sync, queries, synced, backends };
}

beforeAll(async () => {
  pg = await startPostgres();
  unleash = await startUnleash({ databaseUrl: await pg.createDatabase() });
  admin = unleashAdmin(unleash.url, unleash.adminToken);
  await admin.createFlag({ name: 'audit.sync-a', enabledIn: ['development'] });
  await admin.createFlag({ name: 'audit.sync-b', type: 'kill-switch', enabledIn: [] });
  await toggle('audit.sync-a', 240);
}, 180_000);

afterAll(async () => {
  await unleash?.stop();
  await pg?.stop();
});

describe("the audit's sync of a real Unleash event log", () => {
  it('brings every event in once, and a re-sync after new events adds exactly those', async () => {
    const { sync, synced, queries } = syncer(unleash.url, 50);
    const before = await serverEvents();
    expect(before.length).toBeGreaterThan(240);
    expect(await sync.sync()).toEqual({ added: before.length, complete: true, cancelled: false });
    expect(synced()).toBe(before.length);
    expect(await sync.sync()).toMatchObject({ added: 0, complete: true });

    await admin.setEnabled('audit.sync-b', 'development', true);
    await admin.setEnabled('audit.sync-b', 'development', false);
    const after = await serverEvents();
    const outcome = await sync.sync();
    expect(outcome.added).toBe(after.length - before.length);
    expect(outcome.added).toBeGreaterThanOrEqual(2);
    const newest = queries.audit.search('it', { source: 'flag-server', objectId: 'audit.sync-b', limit: 10 }).events;
    // Newest first by the server's time; turning a flag on without a strategy also adds Unleash's default one.
    expect(newest[0]!.action).toBe('flag.disabled');
    expect(newest.map((e) => e.action)).toContain('flag.enabled');
    expect(newest[0]).toMatchObject({ environment: 'development', actor: expect.stringMatching(/\S/) });
    expect(synced()).toBe(after.length);
    expect(queries.audit.verify().ok).toBe(true);
  });

  it('an interrupted first sync keeps its pages and resumes below them without reading them again', async () => {
    const proxy = await startFaultProxy(unleash.url);
    try {
      let pages = 0;
      const { sync, synced, backends } = syncer(proxy.url, 40, () => {
        pages += 1;
        // After the third committed page the "network" breaks: the server now answers 503 through the proxy.
        if (pages === 3) proxy.set({ kind: 'status', status: 503, body: 'upstream connect error' });
      });
      const total = (await serverEvents()).length;
      await expect(sync.sync()).rejects.toThrow(/503/);
      expect(synced()).toBe(120);
      expect(sync.state().resumeFrom).toMatchObject({ count: 120 });
      expect(backends.status('flags').state).not.toBe('online');

      proxy.set({ kind: 'pass' });
      await admin.setEnabled('audit.sync-a', 'development', true); // the log moves on meanwhile
      const requestsBefore = proxy.requests;
      const outcome = await sync.sync();
      expect(outcome).toMatchObject({ complete: true, cancelled: false });
      const now = (await serverEvents()).length;
      expect(outcome.added).toBe(now - 120);
      expect(synced()).toBe(now);
      // From the top page straight to below the 120 already synced: ⌈(total + 1 - 120) / 40⌉ + 1 reads, not ⌈total / 40⌉ + 1.
      const resumedReads = proxy.requests - requestsBefore;
      expect(resumedReads).toBeLessThanOrEqual(Math.ceil((total + 1 - 120) / 40) + 2);
      expect(resumedReads).toBeLessThan(Math.ceil((total + 1) / 40));
    } finally {
      await proxy.close();
    }
  });
});
