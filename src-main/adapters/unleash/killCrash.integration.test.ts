import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPostgres, type PostgresServer } from '../../../test-harness/postgres';
import { startUnleash, type UnleashServer } from '../../../test-harness/unleash';
import { seedFlags, type SeedFlagsResult } from '../../../test-harness/unleashBulkSeed';
import { unleashAdmin } from '../../../e2e/fixtures/unleashSeed';
import { buildCrashWriter, lcg } from '../../core/store/auditCrashHarness';
import { createCore } from '../../core/createCore';
import { createQueries, openStore } from '../../core/store/index';
import type { AuditEvent } from '../../../src-shared/domain/audit';
import { workspaceFromDefinition } from '../workspaceDefinition';

// A console SIGKILLed again and again while it kills flags in a real Unleash; at each start it
// settles what the last run left open. Afterwards no intent is open, each reconciled outcome
// matches the server, and every kill a run acknowledged is off on the server.
const RUNS = 25;
const PER_RUN = 16;
let pg: PostgresServer;
let unleash: UnleashServer;
let seed: SeedFlagsResult;
let writer: string;
const dataDir = mkdtempSync(join(tmpdir(), 'ringside-killcrash-'));

beforeAll(async () => {
  pg = await startPostgres();
  unleash = await startUnleash({ databaseUrl: await pg.createDatabase() });
  seed = await seedFlags(unleash.url, unleash.adminToken, { count: RUNS * PER_RUN * 2 });
  writer = await buildCrashWriter(fileURLToPath(new URL('../../../test-harness/killCrash/killWriter.ts', import.meta.url)));
}, 240_000);

afterAll(async () => {
  await unleash?.stop();
  await pg?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

function runWriter(flags: string[], killAfterMs: number): Promise<{ acked: string[]; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writer, dataDir, unleash.url, flags.join(',')], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, RINGSIDE_UNLEASH_TOKEN: unleash.adminToken },
    });
    const acked: string[] = [];
    let buffered = '';
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        if (line === 'ready') timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
        if (line.startsWith('ack ')) acked.push(line.slice(4));
      }
    });
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      clearTimeout(timer);
      resolve({ acked, signal, stderr });
    });
  });
}

describe('SIGKILL during kills, then restart', () => {
  it(`leaves no intent pending after ${RUNS} crashes, and each reconciled outcome matches the server`, async () => {
    // Only flags on in production (even indexes) are killed, each by one run only.
    const targets = seed.names.filter((name) => seed.expected.production![name]!.enabled);
    const random = lcg(0x5eed);
    const acked = new Set<string>();
    let killed = 0;
    for (let run = 0; run < RUNS; run += 1) {
      const flags = targets.slice(run * PER_RUN, (run + 1) * PER_RUN);
      const outcome = await runWriter(flags, 10 + Math.floor(random() * 120));
      expect(outcome.stderr).toBe('');
      if (outcome.signal === 'SIGKILL') killed += 1;
      for (const flag of outcome.acked) acked.add(flag);
    }
    expect(killed).toBeGreaterThan(RUNS / 2);

    // The last start: settle what the last crash left.
    const core = createCore({
      dataDir,
      version: 'test',
      actor: 'oncall',
      log: () => {},
      workspace: () =>
        workspaceFromDefinition({ id: 'crash', name: 'Crash', flags: { provider: 'unleash', url: unleash.url, project: 'default', tokenEnv: 'T' } }, { T: unleash.adminToken }),
    });
    await core.poll();
    core.dispose();

    const { db } = openStore({ file: join(dataDir, 'ringside.db') });
    const queries = createQueries(db);
    expect(queries.openIntents.count('crash')).toBe(0);
    const rows: AuditEvent[] = [];
    for (let before: number | undefined; ; ) {
      const page = queries.audit.page('crash', 500, before);
      rows.push(...page.events.filter((e) => e.source === 'console'));
      if (page.events.length < 500) break;
      before = page.events.at(-1)!.id;
    }
    db.close();

    const admin = unleashAdmin(unleash.url, unleash.adminToken);
    const reconciled = rows.filter((r) => r.result === 'confirmed after restart' || r.result === 'not applied');
    const confirmed = rows.filter((r) => r.result === 'confirmed').map((r) => r.objectId);
    let mismatches = 0;
    for (const row of reconciled) {
      const server = await admin.state(row.objectId, 'production');
      if ((row.result === 'confirmed after restart') !== !server.enabled) mismatches += 1;
    }
    for (const flag of new Set([...acked, ...confirmed])) {
      if ((await admin.state(flag, 'production')).enabled) mismatches += 1;
    }
    console.log(
      `kill crash: ${RUNS} runs, ${killed} SIGKILLed, ${acked.size} kills acknowledged, ${reconciled.length} intents reconciled ` +
        `(${reconciled.filter((r) => r.result === 'confirmed after restart').length} confirmed after restart, ` +
        `${reconciled.filter((r) => r.result === 'not applied').length} not applied), ${mismatches} mismatches`,
    );
    expect(reconciled.length).toBeGreaterThan(0);
    expect(mismatches).toBe(0);
    // Each intent has exactly one outcome.
    const intents = rows.filter((r) => r.action.endsWith('.requested')).map((r) => r.id);
    const outcomes = rows.filter((r) => !r.action.endsWith('.requested')).map((r) => (r.after as { intentId: number }).intentId);
    expect(outcomes.sort((a, b) => a - b)).toEqual(intents.sort((a, b) => a - b));
  });
});
