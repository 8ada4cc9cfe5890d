import { startPostgres, type PostgresServer } from '../../../test-harness/postgres';
import { startUnleash, type UnleashServer } from '../../../test-harness/unleash';
import { startFaultProxy } from '../../../test-harness/faultProxy';
import { unleashAdmin, type UnleashAdmin } from '../../../e2e/fixtures/unleashSeed';
import { createCore, type Core } from '../../core/createCore';
import type { Flag } from '../../../src-shared/domain/flag';
import type { PlanView } from '../../../src-shared/domain/plan';
import type { Workspace } from '../../core/workspace';
import { connectWorkspace, demoWorkspace, workspaceFromDefinition } from '../workspaceDefinition';
import { memorySecretStore } from '../../core/ports/secretStore';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createUnleashProvider } from './unleashProvider';

// A real unleash-server 7.5 over a real PostgreSQL, both started here from a clean state.
let pg: PostgresServer;
let unleash: UnleashServer;
let admin: UnleashAdmin;
const HOSTILE = `<img src=x onerror=alert(1)> "quotes" & {braces} '; DROP TABLE flags; --`;

const coreFor = (url: string, token: string, timeoutMs?: number): Core =>
  createCore({
    dataDir: ':memory:',
    version: 'test',
    actor: 'oncall',
    log: () => {},
    workspace: () =>
      workspaceFromDefinition(
        { id: 'it', name: 'Integration', flags: { provider: 'unleash', url, project: 'default', tokenEnv: 'T', timeoutMs } },
        { T: token },
      ),
  });

async function value<T>(core: Core, channel: string, payload: unknown = {}): Promise<T> {
  const result = await core.dispatch(channel, payload);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

beforeAll(async () => {
  pg = await startPostgres();
  unleash = await startUnleash({ databaseUrl: await pg.createDatabase() });
  admin = unleashAdmin(unleash.url, unleash.adminToken);
  await admin.createFlag({ name: 'checkout.pricing', description: 'New pricing engine', tags: [{ type: 'simple', value: 'incident-42' }, { type: 'simple', value: 'owner:team-pay' }], rollout: 25, enabledIn: ['production', 'development'] });
  await admin.createFlag({ name: 'search.ranking', type: 'experiment', tags: [{ type: 'simple', value: 'incident-42' }], enabledIn: ['production'] });
  await admin.createFlag({ name: 'profile.bio', type: 'kill-switch', description: HOSTILE, tags: [{ type: 'incident', value: 'INC-7 "} or vector(1) #' }], enabledIn: ['production'] });
  await admin.createFlag({ name: 'payments.3ds', type: 'release', enabledIn: [] });
}, 120_000);

afterAll(async () => {
  await unleash?.stop();
  await pg?.stop();
});

describe('Unleash adapter against a real unleash-server 7.5', () => {
  it('lists flags with type, description, creator, tags, lifecycle, per-environment state and rollout %', async () => {
    const provider = createUnleashProvider({ url: unleash.url, project: 'default', token: unleash.adminToken });
    // Unleash records a new flag's lifecycle stage asynchronously, about a second after creation.
    const flags = await vi.waitFor(
      async () => {
        const listed = (await provider.listFlags()).flags;
        expect(listed.find((f) => f.name === 'checkout.pricing')?.lifecycleStage).toEqual(expect.any(String));
        return listed;
      },
      { timeout: 15_000, interval: 250 },
    );
    const pricing = flags.find((f) => f.name === 'checkout.pricing') as Flag;
    expect(pricing).toMatchObject({
      type: 'release',
      description: 'New pricing engine',
      createdBy: expect.any(String),
      lifecycleStage: expect.any(String),
      tags: expect.arrayContaining([{ type: 'simple', value: 'owner:team-pay' }]),
    });
    const prod = pricing.environments.find((e) => e.environment === 'production');
    expect(prod).toMatchObject({ enabled: true, strategies: [{ name: 'flexibleRollout', rollout: 25, constraintCount: 0 }] });
    expect(flags.find((f) => f.name === 'profile.bio')).toMatchObject({
      description: HOSTILE,
      tags: [{ type: 'incident', value: 'INC-7 "} or vector(1) #' }],
    });
  });

  it('kills, re-enables with a reason and changes a rollout, each confirmed on the server itself', async () => {
    const core = coreFor(unleash.url, unleash.adminToken);
    const listing = await value<{ flags: Flag[] }>(core, 'flags:list');
    const strategyId = listing.flags.find((f) => f.name === 'checkout.pricing')!.environments.find((e) => e.environment === 'production')!.strategies[0]!.id;

    const killed = await value<{ enabled: boolean; confirmedAt: number }>(core, 'flags:setEnabled', { flag: 'checkout.pricing', environment: 'production', enabled: false });
    expect(killed.enabled).toBe(false);
    expect(await admin.state('checkout.pricing', 'production')).toMatchObject({ enabled: false });

    const refused = await core.dispatch('flags:setEnabled', { flag: 'checkout.pricing', environment: 'production', enabled: true });
    expect(refused).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await admin.state('checkout.pricing', 'production')).toMatchObject({ enabled: false });

    await value(core, 'flags:setEnabled', { flag: 'checkout.pricing', environment: 'production', enabled: true, reason: 'fix deployed' });
    expect(await admin.state('checkout.pricing', 'production')).toMatchObject({ enabled: true });

    await value(core, 'flags:setRollout', { flag: 'checkout.pricing', environment: 'production', strategyId, rollout: 60, reason: 'canary healthy' });
    expect(await admin.state('checkout.pricing', 'production')).toMatchObject({ rollout: '60' });
    core.dispose();
  });

  it('bulk-kills every flag with a tag, with a result per flag', async () => {
    const core = coreFor(unleash.url, unleash.adminToken);
    const { results } = await value<{ results: { flag: string; ok: boolean }[] }>(core, 'flags:killByTag', { tag: 'simple:incident-42', environment: 'production' });
    expect(results.map((r) => [r.flag, r.ok]).sort()).toEqual([['checkout.pricing', true], ['search.ranking', true]]);
    expect(await admin.state('checkout.pricing', 'production')).toMatchObject({ enabled: false });
    expect(await admin.state('search.ranking', 'production')).toMatchObject({ enabled: false });
    expect(await admin.state('profile.bio', 'production')).toMatchObject({ enabled: true });
    core.dispose();
  });

  it("syncs the server's event log once, and a re-sync after new events adds only those, naming who acted", async () => {
    const core = coreFor(unleash.url, unleash.adminToken);
    await core.poll();
    const first = await value<{ events: unknown[] }>(core, 'audit:page', { limit: 500 });
    expect(first.events.length).toBeGreaterThan(5);
    await core.poll();
    expect((await value<{ events: unknown[] }>(core, 'audit:page', { limit: 500 })).events).toHaveLength(first.events.length);
    await admin.setEnabled('payments.3ds', 'development', true);
    await core.poll();
    const after = await value<{ events: { action: string; objectId: string; actor: string; source: string }[] }>(core, 'audit:page', { limit: 500 });
    const added = after.events.slice(0, after.events.length - first.events.length);
    expect(added.length).toBeGreaterThanOrEqual(1);
    expect(added.every((e) => e.objectId === 'payments.3ds' && e.source === 'flag-server')).toBe(true);
    expect(added).toContainEqual(expect.objectContaining({ action: 'flag.enabled', environment: 'development' }));
    expect(added.every((e) => e.actor.length > 0 && e.actor !== 'unknown')).toBe(true);
    const listing = await value<{ changes: { flag: string; by: string }[] }>(core, 'flags:list');
    expect(listing.changes).toContainEqual(expect.objectContaining({ flag: 'payments.3ds', environment: 'development', by: added[0]!.actor }));
    core.dispose();
  });

  it('reads feature types and their lifetimes for the debt board', async () => {
    const core = coreFor(unleash.url, unleash.adminToken);
    const { rows } = await value<{ rows: { flag: string; lifetimeDays: number | null; temporary: boolean; reasons: string[] }[] }>(core, 'flags:debt');
    expect(rows.find((r) => r.flag === 'checkout.pricing')).toMatchObject({ lifetimeDays: 40, temporary: true });
    expect(rows.find((r) => r.flag === 'profile.bio')).toMatchObject({ lifetimeDays: null, temporary: false, reasons: ['no-owner'] });
    core.dispose();
  });
});

describe('one strategy per ring audience, against the real server', () => {
  const FLAG = 'payments.rings';
  type ServerStrategy = { id: string; title: string; disabled: boolean; constraints: { contextName: string; values?: string[] }[]; parameters: { rollout: string } };
  /** The server's own strategies of the flag in production, by title. */
  const serverStrategies = async () => {
    const detail = (await admin.call('GET', `/api/admin/projects/default/features/${FLAG}`)) as { environments: { name: string; enabled: boolean; strategies: ServerStrategy[] }[] };
    const prod = detail.environments.find((e) => e.name === 'production')!;
    return { enabled: prod.enabled, byTitle: Object.fromEntries(prod.strategies.map((s) => [s.title, s])) };
  };

  beforeAll(async () => {
    await admin.call('POST', '/api/admin/projects/default/features', { name: FLAG, type: 'release', description: 'rings' });
    const audience = (title: string, operator: string, values: string[]) =>
      admin.call('POST', `/api/admin/projects/default/features/${FLAG}/environments/production/strategies`, {
        name: 'flexibleRollout',
        title,
        parameters: { rollout: '100', stickiness: 'default', groupId: FLAG },
        constraints: [{ contextName: 'userId', operator, values, caseInsensitive: true, inverted: false }],
      });
    await audience('Developers', 'IN', ['dev-1', 'dev-2']);
    await audience('Employees', 'STR_ENDS_WITH', ['@shop.example']);
  });

  it('maps titles and the disabled flag, disables one strategy by JSON patch and enables it again, confirmed on the server', async () => {
    const provider = createUnleashProvider({ url: unleash.url, project: 'default', token: unleash.adminToken });
    const listed = (await provider.listFlags()).flags.find((f) => f.name === FLAG)!.environments.find((e) => e.environment === 'production')!;
    expect(listed.strategies.map((s) => [s.title, s.disabled, s.constraintCount, s.rollout])).toEqual([
      ['Developers', false, 1, 100],
      ['Employees', false, 1, 100],
    ]);
    const employees = listed.strategies.find((s) => s.title === 'Employees')!;

    await provider.setStrategyEnabled(FLAG, 'production', employees.id, false);
    const back = await provider.readState(FLAG, 'production');
    expect(back.strategies.map((s) => [s.title, s.disabled])).toEqual([['Developers', false], ['Employees', true]]);
    const truth = await serverStrategies();
    expect(truth.byTitle.Employees).toMatchObject({ id: employees.id, disabled: true, parameters: { rollout: '100' } });
    // Only the one field changed: the audience's constraint is still there.
    expect(truth.byTitle.Employees!.constraints).toEqual([expect.objectContaining({ contextName: 'userId', values: ['@shop.example'] })]);
    expect(truth.byTitle.Developers).toMatchObject({ disabled: false });

    await provider.setStrategyEnabled(FLAG, 'production', employees.id, true);
    expect((await serverStrategies()).byTitle.Employees).toMatchObject({ disabled: false });
    await expect(provider.setStrategyEnabled(FLAG, 'development', employees.id, false)).rejects.toMatchObject({ code: 'not_found' });
    expect((await serverStrategies()).byTitle.Employees).toMatchObject({ disabled: false });
  });

  it('entering Ring 0 disables the employees before turning the flag on, in the server’s own event order', async () => {
    const provider = createUnleashProvider({ url: unleash.url, project: 'default', token: unleash.adminToken });
    const ids = Object.fromEntries((await provider.readState(FLAG, 'production')).strategies.map((s) => [s.title, s.id]));
    const workspace: Workspace = {
      id: 'rings-it',
      name: 'Rings',
      kind: 'live',
      flags: provider,
      deploy: null,
      metrics: null,
      releases: [{ release: { id: 'pay-2.0', service: 'payments', version: '2.0', flag: FLAG, rollout: null, startedAt: 0, metrics: [] }, queries: {} }],
    };
    const core = createCore({ dataDir: ':memory:', version: 't', actor: 'ana', log: () => {}, workspace: () => workspace });
    const plan = await value<PlanView>(core, 'plans:create', { releaseId: 'pay-2.0' });
    const ring = (i: number, strategy: string) => ({ ...plan.plan.rings[i]!, exposure: { audience: strategy, strategyId: null, rollout: null, strategyIds: [ids[strategy]!] } });
    await value(core, 'plans:update', { planId: plan.plan.id, rings: [ring(0, 'Developers'), ring(1, 'Employees')] });
    const before = await admin.call('GET', `/api/admin/search/events?feature=IS:${FLAG}&limit=1`);
    expect((await serverStrategies()).enabled).toBe(false);

    await value(core, 'plans:advance', { planId: plan.plan.id });
    const truth = await serverStrategies();
    expect(truth.enabled).toBe(true);
    expect(truth.byTitle.Developers).toMatchObject({ disabled: false });
    expect(truth.byTitle.Employees).toMatchObject({ disabled: true });
    const newest = (before as { events: { id: number }[] }).events[0]!.id;
    const after = (await admin.call('GET', `/api/admin/search/events?feature=IS:${FLAG}&limit=20`)) as { events: { id: number; type: string; environment?: string }[] };
    const since = after.events.filter((e) => e.id > newest).sort((a, b) => a.id - b.id).map((e) => e.type);
    expect(since).toEqual(['feature-strategy-update', 'feature-environment-enabled']);
    const audit = await value<{ events: { action: string; result: string }[] }>(core, 'audit:page', { limit: 20 });
    expect(audit.events.filter((e) => e.action.startsWith('flag.')).map((e) => [e.action, e.result]).reverse()).toEqual([
      ['flag.strategy.disabled.requested', 'pending'],
      ['flag.strategy.disabled', 'confirmed'],
      ['flag.enabled.requested', 'pending'],
      ['flag.enabled', 'confirmed'],
    ]);
    core.dispose();
  });

  it('turns the flag off by itself when its last enabled strategy is disabled (why a ring never leaves none)', async () => {
    const provider = createUnleashProvider({ url: unleash.url, project: 'default', token: unleash.adminToken });
    const developers = (await provider.readState(FLAG, 'production')).strategies.find((s) => s.title === 'Developers')!;
    await provider.setStrategyEnabled(FLAG, 'production', developers.id, false);
    const truth = await serverStrategies();
    expect(truth.enabled).toBe(false);
    expect(Object.values(truth.byTitle).every((s) => s.disabled)).toBe(true);
  });
});

describe('the settings form (workspace:connect)', () => {
  it('refuses a rejected token without saving anything, then connects, survives a restart and switches back to demo', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ringside-connect-'));
    const secrets = memorySecretStore();
    const start = () =>
      createCore({ dataDir, version: 't', log: () => {}, secrets, workspace: demoWorkspace(1), demo: demoWorkspace(1), connect: connectWorkspace, restoreSaved: true });
    let core = start();
    const bad = await core.dispatch('workspace:connect', { name: 'Staging', flags: { url: unleash.url, project: 'default', token: '*:*.wrong' } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await value(core, 'workspace:current')).toMatchObject({ id: 'demo' });

    const good = await value<{ id: string; backends: { kind: string; configured: boolean }[] }>(core, 'workspace:connect', {
      name: 'Staging',
      flags: { url: unleash.url, project: 'default', token: unleash.adminToken },
    });
    expect(good).toMatchObject({ id: 'staging', kind: 'live' });
    expect(JSON.stringify(good)).not.toContain(unleash.adminToken);
    expect((await value<{ flags: Flag[] }>(core, 'flags:list')).flags.map((f) => f.name)).toContain('profile.bio');
    core.dispose();

    core = start();
    expect(await value(core, 'workspace:current')).toMatchObject({ id: 'staging', name: 'Staging' });
    expect(await value(core, 'workspace:useDemo')).toMatchObject({ id: 'demo' });
    expect(await secrets.get('workspace:staging:unleash-token')).toBeNull();
    core.dispose();
  });
});

describe('faults against the real server', () => {
  it('a revoked token gives 401 advice, is never retried, and the failed attempt is audited', async () => {
    const core = coreFor(unleash.url, '*:*.revoked0000');
    const result = await core.dispatch('flags:setEnabled', { flag: 'profile.bio', environment: 'production', enabled: false });
    expect(result).toMatchObject({ ok: false, error: { code: 'unauthorized', message: expect.stringContaining('Unleash answered 401: the token was rejected') } });
    const audit = await value<{ events: { action: string; result: string }[] }>(core, 'audit:page', { limit: 10 });
    expect(audit.events[0]).toMatchObject({ action: 'flag.disabled', result: expect.stringMatching(/^failed: Unleash answered 401/) });
    expect(await admin.state('profile.bio', 'production')).toMatchObject({ enabled: true });
    core.dispose();
  });

  it('a slow answer, a 500 from a proxy and a body that is not JSON each give their own error and never a false "off"', async () => {
    const proxy = await startFaultProxy(unleash.url);
    const core = coreFor(proxy.url, unleash.adminToken, 500);
    await value(core, 'flags:list');
    const attempt = () => core.dispatch('flags:setEnabled', { flag: 'profile.bio', environment: 'production', enabled: false });

    proxy.set({ kind: 'delay', ms: 1500 });
    expect(await attempt()).toMatchObject({ ok: false, error: { code: 'timeout', message: expect.stringContaining('did not answer within 0.5 s') } });
    proxy.set({ kind: 'status', status: 500 });
    expect(await attempt()).toMatchObject({ ok: false, error: { code: 'unavailable', message: expect.stringContaining('answered 500') } });
    proxy.set({ kind: 'garbage' });
    expect(await attempt()).toMatchObject({ ok: false, error: { code: 'bad_response', message: expect.stringContaining('not JSON') } });

    proxy.set({ kind: 'pass' });
    await new Promise((r) => setTimeout(r, 1200)); // let the delayed request land before reading the truth
    const truth = await admin.state('profile.bio', 'production');
    const listing = await value<{ flags: Flag[] }>(core, 'flags:list');
    const shown = listing.flags.find((f) => f.name === 'profile.bio')!.environments.find((e) => e.environment === 'production')!;
    expect(shown.enabled).toBe(truth.enabled);
    const audit = await value<{ events: { action: string; result: string }[] }>(core, 'audit:page', { limit: 20 });
    expect(audit.events.filter((e) => e.action === 'flag.disabled' && e.result.startsWith('failed'))).toHaveLength(3);
    await proxy.close();
    core.dispose();
  });

  it('a server stopped mid-session: cached flags with a read-only reason, the kill refused, the attempt audited', async () => {
    const core = coreFor(unleash.url, unleash.adminToken);
    await value(core, 'flags:list');
    await unleash.stop({ graceMs: 0 });
    const result = await core.dispatch('flags:setEnabled', { flag: 'profile.bio', environment: 'production', enabled: false });
    expect(result).toMatchObject({ ok: false, error: { code: 'unavailable', message: expect.stringContaining('cannot be reached') } });
    const listing = await value<{ stale: boolean; readOnlyReason: string; flags: Flag[] }>(core, 'flags:list');
    expect(listing.stale).toBe(true);
    expect(listing.readOnlyReason).toMatch(/cannot be reached/);
    expect(listing.flags.find((f) => f.name === 'profile.bio')!.environments.find((e) => e.environment === 'production')!.enabled).toBe(true);
    core.dispose();
  });
});
