import { startFaultProxy, type FaultProxy } from '../../../test-harness/faultProxy';
import { startPostgres, type PostgresServer } from '../../../test-harness/postgres';
import { startUnleash, type UnleashServer } from '../../../test-harness/unleash';
import { unleashAdmin, type UnleashAdmin } from '../../../e2e/fixtures/unleashSeed';
import { createCore } from '../../core/createCore';
import { workspaceFromDefinition } from '../workspaceDefinition';
import { createUnleashProvider } from './unleashProvider';

// The kill's read-back against a real unleash-server 7.5, counted by a proxy in front of it: one
// environment's state by the per-environment read, the whole detail where that route is missing.
let pg: PostgresServer;
let unleash: UnleashServer;
let admin: UnleashAdmin;
let proxy: FaultProxy;

const envRoute = /\/projects\/default\/features\/[^/]+\/environments\/production$/;
const detailRoute = /\/projects\/default\/features\/[^/]+$/;

beforeAll(async () => {
  pg = await startPostgres();
  unleash = await startUnleash({ databaseUrl: await pg.createDatabase() });
  admin = unleashAdmin(unleash.url, unleash.adminToken);
  for (const name of ['envread.a', 'envread.b', 'envread.c', 'envread.kill']) {
    await admin.createFlag({ name, type: 'kill-switch', enabledIn: ['production'] });
  }
  proxy = await startFaultProxy(unleash.url);
}, 120_000);

afterAll(async () => {
  await proxy?.close();
  await unleash?.stop();
  await pg?.stop();
});

beforeEach(() => {
  proxy.clear();
  proxy.resetCounts();
});

const provider = () => createUnleashProvider({ url: proxy.url, project: 'default', token: unleash.adminToken, timeoutMs: 5_000 });

describe('readEnvironment against a real Unleash', () => {
  it('reads one environment by its own route, the same state the whole detail shows, marked incomplete for its segments', async () => {
    const p = provider();
    const light = await p.readEnvironment('envread.a', 'production');
    expect(proxy.count({ method: 'GET', path: envRoute })).toBe(1);
    expect(proxy.count({ method: 'GET', path: detailRoute })).toBe(0);
    const whole = await p.readState('envread.a', 'production');
    expect(light.state).toEqual(whole);
    expect(light.state.enabled).toBe(true);
    expect(light.state.strategies.length).toBeGreaterThan(0);
    // Unleash 7.5 lists no segments on this route: the count may be short, and says so.
    expect(light.complete).toBe(false);

    await admin.setEnabled('envread.a', 'production', false);
    expect((await p.readEnvironment('envread.a', 'production')).state.enabled).toBe(false);
  });

  it.each([404, 405])('falls back to the whole detail, and stays there, when the server answers %i for the route', async (status) => {
    proxy.fault({ kind: 'status', status, body: '{"message":"no such route"}', match: { method: 'GET', path: envRoute } });
    const p = provider();
    const first = await p.readEnvironment('envread.b', 'production');
    expect(first).toEqual({ state: await p.readState('envread.b', 'production'), complete: true });
    expect(proxy.count({ method: 'GET', path: envRoute })).toBe(1);
    proxy.resetCounts();
    const again = await p.readEnvironment('envread.b', 'production');
    expect(again.state.enabled).toBe(true);
    expect(proxy.count({ method: 'GET', path: envRoute })).toBe(0);
    expect(proxy.count({ method: 'GET', path: detailRoute })).toBe(1);
  });

  it('a flag that is gone is not_found, and the route is still used afterwards', async () => {
    const p = provider();
    await expect(p.readEnvironment('envread.missing', 'production')).rejects.toMatchObject({ code: 'not_found' });
    await expect(p.readEnvironment('envread.c', 'nowhere')).rejects.toMatchObject({ code: 'not_found' });
    proxy.resetCounts();
    await p.readEnvironment('envread.c', 'production');
    expect(proxy.count({ method: 'GET', path: envRoute })).toBe(1);
    expect(proxy.count({ method: 'GET', path: detailRoute })).toBe(0);
  });

  it('a confirmed kill from the console sends exactly one write and one read', async () => {
    const core = createCore({
      dataDir: ':memory:',
      version: 'test',
      actor: 'oncall',
      log: () => {},
      workspace: () =>
        workspaceFromDefinition(
          { id: 'envread', name: 'Env read', flags: { provider: 'unleash', url: proxy.url, project: 'default', tokenEnv: 'T' } },
          { T: unleash.adminToken },
        ),
    });
    try {
      const listed = await core.dispatch('flags:list', {});
      if (!listed.ok) throw new Error(listed.error.message);
      for (const round of [1, 2]) {
        proxy.resetCounts();
        const killed = await core.dispatch('flags:setEnabled', { flag: 'envread.kill', environment: 'production', enabled: false });
        expect(killed, `round ${round}`).toMatchObject({ ok: true, value: { enabled: false } });
        // The first kill of a session also asks, once a minute, which environments need change requests (policy, cached).
        const sent = proxy.log.map((r) => `${r.method} ${r.path}`).filter((r) => round > 1 || !r.endsWith('/change-requests/config'));
        expect(sent, `round ${round}`).toEqual([
          'POST /api/admin/projects/default/features/envread.kill/environments/production/off',
          'GET /api/admin/projects/default/features/envread.kill/environments/production',
        ]);
        await admin.setEnabled('envread.kill', 'production', true);
      }
      // Both rows of each kill, in order: intent, then the confirmed outcome naming it.
      const audit = await core.dispatch('audit:search', { objectId: 'envread.kill', limit: 10 });
      if (!audit.ok) throw new Error(audit.error.message);
      const rows = [...(audit.value as { events: { id: number; action: string; result: string | null }[] }).events].sort((a, b) => a.id - b.id);
      expect(rows.map((r) => `${r.action} ${r.result}`)).toEqual([
        'flag.disabled.requested pending',
        'flag.disabled confirmed',
        'flag.disabled.requested pending',
        'flag.disabled confirmed',
      ]);
    } finally {
      core.dispose();
    }
  });
});
