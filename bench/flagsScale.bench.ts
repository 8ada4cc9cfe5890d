import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { startFaultProxy } from '../test-harness/faultProxy';
import { startPostgres, type PostgresServer } from '../test-harness/postgres';
import { startUnleash, type UnleashServer } from '../test-harness/unleash';
import { seedFlags } from '../test-harness/unleashBulkSeed';
import { unleashAdmin } from '../e2e/fixtures/unleashSeed';
import { buildCrashWriter } from '../src-main/core/store/auditCrashHarness';
import { createCore } from '../src-main/core/createCore';
import { workspaceFromDefinition } from '../src-main/adapters/workspaceDefinition';
import { once, record } from './results';
import { ms, summarize } from './stats';

// Flags at real size against real unleash-server 7.5 instances (2,000 and 50 flags), each behind
// a request-counting proxy: the first listing, an idle poll, RSS after long polling, kill latency.
const SIZES = [2_000, 50];
const POLL_MINUTES = Number(process.env.BENCH_POLL_MINUTES ?? 10);
const KILLS = 50;
let pg: PostgresServer;
const servers: UnleashServer[] = [];

beforeAll(async () => {
  pg = await startPostgres();
});
afterAll(async () => {
  for (const s of servers) await s.stop();
  await pg?.stop();
});

interface Figures {
  flags: number;
  firstListMs: number;
  firstListRequests: number;
  idleRequestsPerPoll: number;
  rssMb: number;
  shownFlags: number;
  kill: { median: number; p95: number };
}

function pollChild(bundle: string, url: string, token: string, durationMs: number): Promise<{ firstListMs: number; flags: number; rssMb: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundle, url, '1000', String(durationMs)], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, RINGSIDE_UNLEASH_TOKEN: token },
    });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
    child.on('error', reject);
    child.on('close', (code) => {
      const lines = out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, number>);
      if (code !== 0 || lines.length < 2) return reject(new Error(`poll child exited ${code}: ${err}`));
      resolve({ firstListMs: lines[0]!.firstListMs!, flags: lines[1]!.flags!, rssMb: lines[1]!.rssMb! });
    });
  });
}

it(`flags at real size: ${SIZES.join(' and ')} flags, ${POLL_MINUTES} min of polling at 1 s`, async () => {
  const bundle = await buildCrashWriter(fileURLToPath(new URL('../test-harness/pollChild.ts', import.meta.url)));
  const worlds = [];
  for (const size of SIZES) {
    const unleash = await startUnleash({ databaseUrl: await pg.createDatabase() });
    servers.push(unleash);
    await seedFlags(unleash.url, unleash.adminToken, { count: size });
    worlds.push({ size, unleash, proxy: await startFaultProxy(unleash.url) });
  }

  const figures: Figures[] = [];
  for (const { size, unleash, proxy } of worlds) {
    // The first listing, in process, through the proxy.
    const core = createCore({
      dataDir: ':memory:',
      version: 'bench',
      actor: 'bench',
      log: () => {},
      workspace: () =>
        workspaceFromDefinition({ id: 'b', name: 'B', flags: { provider: 'unleash', url: proxy.url, project: 'default', tokenEnv: 'T' } }, { T: unleash.adminToken }),
    });
    proxy.resetCounts();
    let t = performance.now();
    const listed = await core.dispatch('flags:list', {});
    const firstListMs = performance.now() - t;
    if (!listed.ok) throw new Error(listed.error.message);
    const firstListRequests = proxy.count();
    // Idle polls: the first one syncs the event log; then count ten.
    await core.poll();
    await core.poll();
    proxy.resetCounts();
    for (let i = 0; i < 10; i += 1) await core.poll();
    const idleRequestsPerPoll = proxy.count() / 10;
    // Kill latency: console call to confirmed, flag turned back on between kills.
    const admin = unleashAdmin(unleash.url, unleash.adminToken);
    const name = (listed.value as { flags: { name: string }[] }).flags.at(-1)!.name;
    await admin.setEnabled(name, 'production', true);
    const kills: number[] = [];
    for (let i = 0; i < KILLS; i += 1) {
      t = performance.now();
      const r = await core.dispatch('flags:setEnabled', { flag: name, environment: 'production', enabled: false });
      kills.push(performance.now() - t);
      if (!r.ok) throw new Error(r.error.message);
      await admin.setEnabled(name, 'production', true);
    }
    core.dispose();
    figures.push({ flags: size, firstListMs, firstListRequests, idleRequestsPerPoll, rssMb: 0, shownFlags: 0, kill: summarize(kills) });
  }

  // RSS after long polling: one child process per size, side by side, each polling its own server at 1 s.
  const children = await Promise.all(
    worlds.map(({ unleash, proxy }) => {
      proxy.resetCounts();
      return pollChild(bundle, proxy.url, unleash.adminToken, POLL_MINUTES * 60_000);
    }),
  );
  children.forEach((c, i) => {
    figures[i]!.rssMb = c.rssMb;
    figures[i]!.shownFlags = c.flags;
  });
  const polled = worlds.map(({ proxy }) => proxy.count());
  for (const { proxy } of worlds) await proxy.close();

  console.log(
    [
      `flags at real size against unleash-server 7.5 on 127.0.0.1 (2 cores):`,
      ...figures.map((f, i) =>
        [
          `  ${f.flags} flags:`,
          `    first listing          ${ms(f.firstListMs)} in ${f.firstListRequests} requests`,
          `    idle poll              ${f.idleRequestsPerPoll.toFixed(1)} requests`,
          `    ${POLL_MINUTES} min polling at 1 s  RSS ${f.rssMb.toFixed(0)} MB, ${polled[i]} requests in all (${(polled[i]! / (POLL_MINUTES * 60)).toFixed(2)}/s), ${f.shownFlags} flags shown`,
          `    kill, call to confirmed median ${ms(f.kill.median)}  p95 ${ms(f.kill.p95)}`,
        ].join('\n'),
      ),
    ].join('\n'),
  );
  const group = 'flags at real size (real Unleash)';
  figures.forEach((f, i) => {
    const id = `flags.${f.flags}`;
    record({ id: `${id}.first`, group, figure: `${f.flags.toLocaleString('en')} flags: first listing (${f.firstListRequests} requests)`, unit: 'ms', ringside: once(f.firstListMs) });
    record({
      id: `${id}.idle`,
      group,
      figure: `${f.flags.toLocaleString('en')} flags: requests per idle poll`,
      unit: 'requests',
      ringside: once(f.idleRequestsPerPoll),
      target: { text: '1 request', measured: f.idleRequestsPerPoll, op: '<=', value: 1 },
    });
    record({
      id: `${id}.rss`,
      group,
      figure: `${f.flags.toLocaleString('en')} flags: RSS after ${POLL_MINUTES} min of polling at 1 s`,
      unit: 'MB',
      ringside: once(f.rssMb),
      note: `${(polled[i]! / (POLL_MINUTES * 60)).toFixed(2)} requests/s over those minutes, ${f.shownFlags} flags shown`,
    });
    record({ id: `${id}.kill`, group, figure: `${f.flags.toLocaleString('en')} flags: kill, console call to confirmed (${KILLS} kills)`, unit: 'ms', ringside: { median: f.kill.median, p95: f.kill.p95 } });
  });
  expect(figures.map((f) => f.shownFlags)).toEqual(SIZES);
}, (POLL_MINUTES + 15) * 60_000);
