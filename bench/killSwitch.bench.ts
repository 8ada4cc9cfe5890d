import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startPostgres, type PostgresServer } from '../test-harness/postgres';
import { startUnleash, type UnleashServer } from '../test-harness/unleash';
import { unleashAdmin } from '../e2e/fixtures/unleashSeed';
import { createCore } from '../src-main/core/createCore';
import { workspaceFromDefinition } from '../src-main/adapters/workspaceDefinition';
import { quick, record, stat } from './results';
import { ms, summarize } from './stats';

const KILLS = Number(process.env.BENCH_KILLS ?? (quick ? 50 : 200));
const WARMUP = Math.min(10, Math.floor(KILLS / 10));
const FLAG = 'bench.kill';
const ENV = 'production';
let pg: PostgresServer;
let unleash: UnleashServer;
// A real data directory: the audit rows go to SQLite in WAL on disk, as in the app.
const dataDir = mkdtempSync(join(tmpdir(), 'ringside-killbench-'));

beforeAll(async () => {
  pg = await startPostgres();
  unleash = await startUnleash({ databaseUrl: await pg.createDatabase() });
});
afterAll(async () => {
  await unleash?.stop();
  await pg?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

it(`kill-switch overhead over ${KILLS} kills against a real Unleash`, async () => {
  const admin = unleashAdmin(unleash.url, unleash.adminToken);
  await admin.createFlag({ name: FLAG, type: 'kill-switch', enabledIn: [ENV] });
  const core = createCore({
    dataDir,
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
  const envPath = `${unleash.url}/api/admin/projects/default/features/${FLAG}/environments/${ENV}`;
  const headers = { authorization: unleash.adminToken };
  // fetch (undici) keeps its connection alive between calls: the floor a client could reach.
  const post = async () => (await fetch(`${envPath}/off`, { method: 'POST', headers })).arrayBuffer();
  const readBack = async () => {
    const state = (await (await fetch(envPath, { headers })).json()) as { enabled: boolean };
    if (state.enabled) throw new Error('the direct read-back shows the flag still on');
  };

  const consoleMs: number[] = [];
  const postReadMs: number[] = [];
  const postMs: number[] = [];
  for (let i = 0; i < WARMUP + KILLS; i += 1) {
    // (1) The console: audited intent, POST off, read-back confirming the state, audited outcome.
    let t = performance.now();
    const result = await core.dispatch('flags:setEnabled', { flag: FLAG, environment: ENV, enabled: false });
    const consoleKill = performance.now() - t;
    if (!result.ok) throw new Error(result.error.message);
    await admin.setEnabled(FLAG, ENV, true);

    // (2) The same write and the lightest read that shows it, back to back, straight to the server.
    t = performance.now();
    await post();
    await readBack();
    const postRead = performance.now() - t;
    await admin.setEnabled(FLAG, ENV, true);

    // (3) The write alone, unconfirmed.
    t = performance.now();
    await post();
    const postOnly = performance.now() - t;
    await admin.setEnabled(FLAG, ENV, true);

    if (i < WARMUP) continue;
    consoleMs.push(consoleKill);
    postReadMs.push(postRead);
    postMs.push(postOnly);
  }
  core.dispose();

  const c = summarize(consoleMs);
  const a = summarize(postReadMs);
  const d = summarize(postMs);
  const overheadMs = consoleMs.map((v, i) => v - postReadMs[i]!);
  const o = summarize(overheadMs);
  console.log(
    [
      `kill switch, ${KILLS} kills (after ${WARMUP} warm-up) against unleash-server 7.5 on 127.0.0.1, interleaved:`,
      `  (1) console call to confirmed state   median ${ms(c.median)}  p95 ${ms(c.p95)}`,
      `  (2) direct POST off + GET environment median ${ms(a.median)}  p95 ${ms(a.p95)}`,
      `  (3) direct POST off alone             median ${ms(d.median)}  p95 ${ms(d.p95)}`,
      `  overhead (1) − (2), paired            median ${ms(o.median)}  p95 ${ms(o.p95)}`,
      `  extra time at p95, p95(1) − p95(2)    ${ms(c.p95 - a.p95)}`,
    ].join('\n'),
  );

  const group = 'kill switch';
  const note = `${KILLS} kills against unleash-server 7.5 on 127.0.0.1, interleaved in one run; audit in SQLite (WAL) on disk`;
  const anchor = { name: 'direct POST off + GET of the environment (fetch, keep-alive)', stat: stat(postReadMs) };
  record({ id: 'kill.console', group, figure: 'kill, console call to confirmed', unit: 'ms', ringside: stat(consoleMs), anchor, note });
  // Ringside's extra time at p95: the console's p95 beside the direct calls' p95. The p95 of the
  // paired differences is printed too; it adds the jitter of two independent HTTP round trips
  // (the direct calls' own p95 is well above their median), so it overstates what Ringside adds.
  const extraP95 = c.p95 - a.p95;
  record({
    id: 'kill.extra',
    group,
    figure: "kill, Ringside's extra time at p95 (console p95 − direct POST + GET p95)",
    unit: 'ms',
    ringside: { median: c.median - a.median, p95: extraP95 },
    anchor: null,
    target: { text: 'extra time at p95 ≤ 5 ms', measured: extraP95, op: '<=', value: 5 },
    note: `${note}; the median column is console median − direct median`,
  });
  record({
    id: 'kill.overhead',
    group,
    figure: "kill, paired difference console − direct, per kill",
    unit: 'ms',
    ringside: stat(overheadMs),
    anchor: null,
    note: `${note}; its p95 carries both round trips' jitter (direct POST + GET alone: median ${a.median.toFixed(1)}, p95 ${a.p95.toFixed(1)} ms)`,
  });
  record({ id: 'kill.directPost', group, figure: 'kill, direct POST off alone (unconfirmed)', unit: 'ms', ringside: stat(postMs), anchor: null, note });
  expect(c.n).toBe(KILLS);
});
