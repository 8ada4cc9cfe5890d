import { performance } from 'node:perf_hooks';
import { startPostgres, type PostgresServer } from '../test-harness/postgres';
import { startUnleash, type UnleashServer } from '../test-harness/unleash';
import { unleashAdmin } from '../e2e/fixtures/unleashSeed';
import { createCore } from '../src-main/core/createCore';
import { workspaceFromDefinition } from '../src-main/adapters/workspaceDefinition';
import { ms, summarize } from './stats';

const KILLS = Number(process.env.BENCH_KILLS ?? 200);
let pg: PostgresServer;
let unleash: UnleashServer;

beforeAll(async () => {
  pg = await startPostgres();
  unleash = await startUnleash({ databaseUrl: await pg.createDatabase() });
});
afterAll(async () => {
  await unleash?.stop();
  await pg?.stop();
});

it(`kill-switch overhead over ${KILLS} kills against a real Unleash`, async () => {
  const admin = unleashAdmin(unleash.url, unleash.adminToken);
  await admin.createFlag({ name: 'bench.kill', type: 'kill-switch', enabledIn: ['production'] });
  const core = createCore({
    dataDir: ':memory:',
    version: 'bench',
    actor: 'bench',
    log: () => {},
    workspace: () =>
      workspaceFromDefinition(
        { id: 'bench', name: 'Bench', flags: { provider: 'unleash', url: unleash.url, project: 'default', tokenEnv: 'T' } },
        { T: unleash.adminToken },
      ),
  });
  await core.dispatch('flags:list', {});
  const offPath = `${unleash.url}/api/admin/projects/default/features/bench.kill/environments/production/off`;

  const consoleMs: number[] = [];
  const directMs: number[] = [];
  for (let i = 0; i < KILLS; i += 1) {
    // The console: audited intent, POST off, read-back confirming the state, audited outcome.
    let t = performance.now();
    const result = await core.dispatch('flags:setEnabled', { flag: 'bench.kill', environment: 'production', enabled: false });
    consoleMs.push(performance.now() - t);
    if (!result.ok) throw new Error(result.error.message);
    await admin.setEnabled('bench.kill', 'production', true);

    // A direct HTTP call to the same endpoint, unconfirmed.
    t = performance.now();
    const res = await fetch(offPath, { method: 'POST', headers: { authorization: unleash.adminToken } });
    await res.arrayBuffer();
    directMs.push(performance.now() - t);
    await admin.setEnabled('bench.kill', 'production', true);
  }
  core.dispose();

  const c = summarize(consoleMs);
  const d = summarize(directMs);
  const overhead = summarize(consoleMs.map((v, i) => v - directMs[i]!));
  console.log(
    [
      `kill switch, ${KILLS} kills against unleash-server 7.5 on 127.0.0.1:`,
      `  console call to confirmed state  median ${ms(c.median)}  p95 ${ms(c.p95)}`,
      `  direct POST .../off (no confirm) median ${ms(d.median)}  p95 ${ms(d.p95)}`,
      `  overhead (paired difference)     median ${ms(overhead.median)}  p95 ${ms(overhead.p95)}`,
    ].join('\n'),
  );
  expect(c.n).toBe(KILLS);
});
