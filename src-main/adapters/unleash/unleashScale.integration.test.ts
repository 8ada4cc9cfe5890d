import type { Flag } from '../../../src-shared/domain/flag';
import { startFaultProxy } from '../../../test-harness/faultProxy';
import { startPostgres, type PostgresServer } from '../../../test-harness/postgres';
import { startUnleash, type UnleashServer } from '../../../test-harness/unleash';
import { seedFlags, type SeedFlagsResult } from '../../../test-harness/unleashBulkSeed';
import { unleashAdmin } from '../../../e2e/fixtures/unleashSeed';
import { createCore, type Core } from '../../core/createCore';
import { workspaceFromDefinition } from '../workspaceDefinition';
import { createUnleashProvider } from './unleashProvider';

// A real unleash-server 7.5 holding more flags than 20 pages of its feature search, behind a proxy that counts requests.
const COUNT = 2_050;
let pg: PostgresServer;
let unleash: UnleashServer;
let seed: SeedFlagsResult;
let proxy: Awaited<ReturnType<typeof startFaultProxy>>;

beforeAll(async () => {
  pg = await startPostgres();
  unleash = await startUnleash({ databaseUrl: await pg.createDatabase() });
  seed = await seedFlags(unleash.url, unleash.adminToken, { count: COUNT });
  proxy = await startFaultProxy(unleash.url);
}, 240_000);

afterAll(async () => {
  await proxy?.close();
  await unleash?.stop();
  await pg?.stop();
});

const coreVia = (url: string, pollMs: number): Core =>
  createCore({
    dataDir: ':memory:',
    version: 'test',
    actor: 'oncall',
    log: () => {},
    pollMs,
    workspace: () =>
      workspaceFromDefinition({ id: 'scale', name: 'Scale', flags: { provider: 'unleash', url, project: 'default', tokenEnv: 'T' } }, { T: unleash.adminToken }),
  });

async function listing(core: Core): Promise<Flag[]> {
  const r = await core.dispatch('flags:list', {});
  if (!r.ok) throw new Error(r.error.message);
  return (r.value as { flags: Flag[] }).flags;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe(`Unleash at real size: ${COUNT} flags`, () => {
  it('lists every flag with its state and strategies in 21 search pages and one export per environment', async () => {
    proxy.resetCounts();
    const provider = createUnleashProvider({ url: proxy.url, project: 'default', token: unleash.adminToken });
    const { flags, environments } = await provider.listFlags();
    expect(flags).toHaveLength(COUNT);
    expect(new Set(flags.map((f) => f.name))).toEqual(new Set(seed.names));
    expect(environments.map((e) => e.name).sort()).toEqual(['development', 'production']);
    for (const flag of flags) {
      for (const env of ['development', 'production']) {
        const state = flag.environments.find((e) => e.environment === env)!;
        expect({ flag: flag.name, env, enabled: state.enabled, rollout: state.strategies[0]?.rollout }).toEqual({
          flag: flag.name,
          env,
          enabled: seed.expected[env]![flag.name]!.enabled,
          rollout: seed.expected[env]![flag.name]!.rollout,
        });
      }
    }
    expect(proxy.count({ path: /\/api\/admin\/search\/features$/ })).toBe(Math.ceil(COUNT / 100));
    expect(proxy.count({ path: /\/features-batch\/export$/ })).toBe(2);
    expect(proxy.count()).toBe(Math.ceil(COUNT / 100) + 2);
    // Each page asked for the server's own cap.
    expect(proxy.log.filter((r) => r.path.endsWith('/search/features')).every((r) => r.query.includes('limit=100'))).toBe(true);
  });

  it('polls quietly: one request per idle poll, a change to flag 1,999 shown within two polls, one poll in flight at most', async () => {
    const core = coreVia(proxy.url, 300);
    expect(await listing(core)).toHaveLength(COUNT);
    // The first poll syncs the event log the seeding wrote, page by page.
    await vi.waitFor(async () => {
      const status = await core.dispatch('audit:status', {});
      expect(status.ok && (status.value as { flagSync: { cursor: number | null } }).flagSync.cursor).toBeTruthy();
    }, { timeout: 60_000, interval: 200 });
    await sleep(1_000);
    proxy.resetCounts();
    await sleep(3_000); // about ten idle polls
    const events = proxy.count({ path: /\/search\/events$/ });
    expect(events).toBeGreaterThanOrEqual(5);
    expect(proxy.count()).toBe(events); // nothing but the event log
    expect(proxy.maxInFlight).toBe(1);

    const admin = unleashAdmin(unleash.url, unleash.adminToken);
    const target = 'bulk.flag-1999';
    const before = seed.expected.production![target]!.enabled;
    proxy.resetCounts();
    const changedAt = Date.now();
    await admin.setEnabled(target, 'production', !before);
    await vi.waitFor(async () => {
      const flag = (await listing(core)).find((f) => f.name === target)!;
      expect(flag.environments.find((e) => e.environment === 'production')!.enabled).toBe(!before);
    }, { timeout: 5_000, interval: 50 });
    const shownAfterMs = Date.now() - changedAt;
    console.log(`change to ${target} shown after ${shownAfterMs} ms at a 300 ms poll; requests meanwhile: ${proxy.count()}`);
    expect(shownAfterMs).toBeLessThan(5_000);
    // The change cost its flag's detail and tags, not a listing.
    expect(proxy.count({ path: /\/search\/features$/ })).toBe(0);
    expect(proxy.count({ path: new RegExp(`/features/${target}$`) })).toBeGreaterThanOrEqual(1);
    core.dispose();
  });

  it('never has two polls in flight when the server answers slower than the interval', async () => {
    const core = coreVia(proxy.url, 200);
    await listing(core);
    await sleep(1_500);
    proxy.fault({ kind: 'delay', ms: 700 });
    proxy.resetCounts();
    await sleep(4_000);
    proxy.clear();
    core.dispose();
    // Every request of a poll waits 700 ms, the interval is 200 ms: still one at a time.
    expect(proxy.maxInFlight).toBe(1);
    expect(proxy.count()).toBeGreaterThan(2);
    expect(proxy.count()).toBeLessThanOrEqual(Math.ceil(4_000 / 900) + 1);
  });
});
