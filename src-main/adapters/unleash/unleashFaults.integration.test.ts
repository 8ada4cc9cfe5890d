import type { Flag } from '../../../src-shared/domain/flag';
import { startFaultProxy, type FaultRule } from '../../../test-harness/faultProxy';
import { startPostgres, type PostgresServer } from '../../../test-harness/postgres';
import { startUnleash, type UnleashServer } from '../../../test-harness/unleash';
import { unleashAdmin, type UnleashAdmin } from '../../../e2e/fixtures/unleashSeed';
import { createCore, type Core } from '../../core/createCore';
import { workspaceFromDefinition } from '../workspaceDefinition';

// Kills through a fault-injecting proxy in front of a real unleash-server 7.5: per fault, what the
// console answered, what it shows, what the server really holds and what the audit says.
let pg: PostgresServer;
let unleash: UnleashServer;
let admin: UnleashAdmin;
let proxy: Awaited<ReturnType<typeof startFaultProxy>>;
let core: Core;

const off = (flag: string) => new RegExp(`/features/${flag.replace('.', '\\.')}/environments/production/off$`);
/** The read-back that confirms a kill: Unleash's per-environment read of the flag. */
const readBack = (flag: string) => new RegExp(`/projects/default/features/${flag.replace('.', '\\.')}/environments/production$`);

interface Case {
  name: string;
  fault: (flag: string) => FaultRule;
  answer: 'ok' | string;
  /** the state the console shows and the server holds afterwards */
  server: 'off' | 'on';
  audit: RegExp;
}

const cases: Case[] = [
  { name: '401 on the kill', fault: (f) => ({ kind: 'status', status: 401, body: 'bad token', match: { method: 'POST', path: off(f) } }), answer: 'unauthorized', server: 'on', audit: /^failed: Unleash answered 401: the token was rejected/ },
  { name: '403 on the kill', fault: (f) => ({ kind: 'status', status: 403, match: { method: 'POST', path: off(f) } }), answer: 'forbidden', server: 'on', audit: /^failed: Unleash answered 403/ },
  { name: '429 with Retry-After: 1, once', fault: (f) => ({ kind: 'status', status: 429, headers: { 'retry-after': '1' }, times: 1, match: { method: 'POST', path: off(f) } }), answer: 'ok', server: 'off', audit: /^confirmed$/ },
  { name: '429 without Retry-After, once', fault: (f) => ({ kind: 'status', status: 429, times: 1, match: { method: 'POST', path: off(f) } }), answer: 'ok', server: 'off', audit: /^confirmed$/ },
  { name: '429 asking to wait 30 s', fault: (f) => ({ kind: 'status', status: 429, headers: { 'retry-after': '30' }, match: { method: 'POST', path: off(f) } }), answer: 'rate_limited', server: 'on', audit: /^failed: Unleash answered 429: it is rate limiting Ringside\. It asks to wait 30 s\./ },
  { name: '500 once', fault: (f) => ({ kind: 'status', status: 500, times: 1, match: { method: 'POST', path: off(f) } }), answer: 'ok', server: 'off', audit: /^confirmed$/ },
  { name: '503 throughout', fault: (f) => ({ kind: 'status', status: 503, match: { method: 'POST', path: off(f) } }), answer: 'unavailable', server: 'on', audit: /^failed: Unleash answered 503/ },
  { name: 'hang', fault: (f) => ({ kind: 'hang', match: { method: 'POST', path: off(f) } }), answer: 'timeout', server: 'on', audit: /^failed: Unleash at .* did not answer within 1\.5 s/ },
  { name: 'connection reset, once', fault: (f) => ({ kind: 'reset', times: 1, match: { method: 'POST', path: off(f) } }), answer: 'ok', server: 'off', audit: /^confirmed$/ },
  { name: 'read-back cut off mid-body, once', fault: (f) => ({ kind: 'cutoff', times: 1, match: { method: 'GET', path: readBack(f) } }), answer: 'ok', server: 'off', audit: /^confirmed$/ },
  { name: 'kill applied, answer lost', fault: (f) => ({ kind: 'applyThenLose', times: 1, match: { method: 'POST', path: off(f) } }), answer: 'ok', server: 'off', audit: /^confirmed$/ },
  { name: 'stale read-back, once', fault: (f) => ({ kind: 'stale', times: 1, match: { method: 'GET', path: readBack(f) } }), answer: 'ok', server: 'off', audit: /^confirmed$/ },
  { name: 'a proxy answering HTML to the kill', fault: (f) => ({ kind: 'garbage', match: { method: 'POST', path: off(f) } }), answer: 'conflict', server: 'on', audit: /^unconfirmed$/ },
];

const flagOf = (i: number) => `fault.case-${String(i).padStart(2, '0')}`;

beforeAll(async () => {
  pg = await startPostgres();
  unleash = await startUnleash({ databaseUrl: await pg.createDatabase() });
  admin = unleashAdmin(unleash.url, unleash.adminToken);
  for (let i = 0; i < cases.length; i += 1) await admin.createFlag({ name: flagOf(i), type: 'kill-switch', enabledIn: ['production'] });
  proxy = await startFaultProxy(unleash.url);
  core = createCore({
    dataDir: ':memory:',
    version: 'test',
    actor: 'oncall',
    log: () => {},
    workspace: () =>
      workspaceFromDefinition(
        { id: 'faults', name: 'Faults', flags: { provider: 'unleash', url: proxy.url, project: 'default', tokenEnv: 'T', timeoutMs: 1_500 } },
        { T: unleash.adminToken },
      ),
  });
  const first = await core.dispatch('flags:list', {});
  if (!first.ok) throw new Error(first.error.message);
}, 120_000);

afterAll(async () => {
  core?.dispose();
  await proxy?.close();
  await unleash?.stop();
  await pg?.stop();
});

describe('kills under faults, against a real Unleash through a fault proxy', () => {
  const falseOffs: string[] = [];
  afterAll(() => expect(falseOffs).toEqual([]));

  cases.forEach((c, i) => {
    it(`${c.name}: answers ${c.answer}, shows and holds ${c.server}, audits it`, async () => {
      const flag = flagOf(i);
      proxy.clear();
      proxy.fault(c.fault(flag));
      const result = await core.dispatch('flags:setEnabled', { flag, environment: 'production', enabled: false });
      proxy.clear();
      if (c.answer === 'ok') expect(result).toMatchObject({ ok: true, value: { enabled: false } });
      else expect(result).toMatchObject({ ok: false, error: { code: c.answer } });

      const real = await admin.state(flag, 'production');
      expect(real.enabled).toBe(c.server === 'on');
      const listed = await core.dispatch('flags:list', {});
      if (!listed.ok) throw new Error(listed.error.message);
      const shown = (listed.value as { flags: Flag[] }).flags.find((f) => f.name === flag)!.environments.find((e) => e.environment === 'production')!;
      // What the console shows right after the answer (before any poll): never off unless confirmed.
      if (!shown.enabled && real.enabled) falseOffs.push(c.name);
      expect(shown.enabled).toBe(c.answer === 'ok' ? false : true);

      const page = await core.dispatch('audit:search', { text: '', objectId: flag, limit: 10 });
      if (!page.ok) throw new Error(page.error.message);
      const rows = (page.value as { events: { action: string; result: string | null; source: string }[] }).events.filter((e) => e.source === 'console');
      expect(rows.map((r) => r.action)).toEqual(['flag.disabled', 'flag.disabled.requested']);
      expect(rows[0]!.result).toMatch(c.audit);
    });
  });
});
