import { createBackendTracker } from '../backends';
import { createCore } from '../createCore';
import { createEventBus } from '../events';
import { createWindowsService } from '../rings/windowsService';
import { createQueries, openStore } from '../store/index';
import { fakeFlagServer, testFlag } from '../testing/fakeFlagServer';
import { fakeClock } from '../testing/fakeWorkspace';
import type { Workspace } from '../workspace';
import { createFlagActions } from './flagActions';
import { createFlagService } from './flagService';

function setup() {
  const clock = fakeClock();
  const server = fakeFlagServer(
    [
      testFlag('checkout.pricing', { tags: [{ type: 'simple', value: 'incident-42' }] }),
      testFlag('search.ranking', { tags: [{ type: 'simple', value: 'incident-42' }] }),
      testFlag('profile.bio'),
    ],
    clock.now,
  );
  const workspace: Workspace = { id: 'w', name: 'W', kind: 'live', flags: server.provider, deploy: null, metrics: null, releases: [] };
  const core = createCore({ dataDir: ':memory:', version: 't', clock, actor: 'oncall', workspace: () => workspace, log: () => {} });
  const audit = async () => {
    const page = await core.dispatch('audit:page', { limit: 100 });
    if (!page.ok) throw new Error('audit');
    return (page.value as { events: { action: string; result: string | null; actor: string; reason: string | null; source: string }[] }).events.reverse();
  };
  return { core, server, clock, audit };
}

describe('kill switch', () => {
  it('turns a flag off, confirms it by read-back, and audits intent before outcome', async () => {
    const { core, server, audit } = setup();
    await core.dispatch('flags:list', {});
    const result = await core.dispatch('flags:setEnabled', { flag: 'checkout.pricing', environment: 'production', enabled: false });
    expect(result).toMatchObject({ ok: true, value: { enabled: false, confirmedAt: expect.any(Number) } });
    expect(server.flags.get('checkout.pricing')!.environments[1]!.enabled).toBe(false);
    expect((await audit()).map((e) => [e.action, e.result, e.actor])).toEqual([
      ['flag.disabled.requested', 'pending', 'oncall'],
      ['flag.disabled', 'confirmed', 'oncall'],
    ]);
  });

  it('never reports off when the server is down; the failed attempt is audited', async () => {
    const { core, server, audit } = setup();
    await core.dispatch('flags:list', {});
    server.faults.down = true;
    const result = await core.dispatch('flags:setEnabled', { flag: 'checkout.pricing', environment: 'production', enabled: false });
    expect(result).toMatchObject({ ok: false, error: { code: 'unavailable', message: expect.stringContaining('not answering') } });
    const listing = await core.dispatch('flags:list', {});
    expect(listing).toMatchObject({ ok: true, value: { stale: true, readOnlyReason: expect.stringContaining('cannot be reached') } });
    if (listing.ok) {
      const flag = (listing.value as { flags: { name: string; environments: { enabled: boolean }[] }[] }).flags.find((f) => f.name === 'checkout.pricing');
      expect(flag?.environments[1]?.enabled).toBe(true);
    }
    expect((await audit()).map((e) => [e.action, e.result?.slice(0, 7)])).toEqual([
      ['flag.disabled.requested', 'pending'],
      ['flag.disabled', 'failed:'],
    ]);
  });

  it('reports a change the read-back does not show as a conflict, not as done', async () => {
    const { core, server, audit } = setup();
    server.faults.ignoreWrites = true;
    const result = await core.dispatch('flags:setEnabled', { flag: 'checkout.pricing', environment: 'production', enabled: false });
    expect(result).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect((await audit()).at(-1)).toMatchObject({ action: 'flag.disabled', result: 'unconfirmed' });
  });

  it('treats turning on in production as a release that needs a reason', async () => {
    const { core, server, audit } = setup();
    await core.dispatch('flags:list', {});
    server.flags.get('profile.bio')!.environments[1]!.enabled = false;
    server.flags.get('profile.bio')!.environments[0]!.enabled = false;
    const refused = await core.dispatch('flags:setEnabled', { flag: 'profile.bio', environment: 'production', enabled: true });
    expect(refused).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringMatching(/^reason: .*is a release/) } });
    expect(server.flags.get('profile.bio')!.environments[1]!.enabled).toBe(false);
    const dev = await core.dispatch('flags:setEnabled', { flag: 'profile.bio', environment: 'development', enabled: true });
    expect(dev).toMatchObject({ ok: true });
    const released = await core.dispatch('flags:setEnabled', { flag: 'profile.bio', environment: 'production', enabled: true, reason: 'fix verified in canary' });
    expect(released).toMatchObject({ ok: true, value: { enabled: true } });
    expect((await audit()).at(-1)).toMatchObject({ action: 'flag.enabled', reason: 'fix verified in canary', result: 'confirmed' });
  });

  it('asks a reason to raise a rollout in production but not to lower it', async () => {
    const { core, server } = setup();
    await core.dispatch('flags:list', {});
    const raise = await core.dispatch('flags:setRollout', { flag: 'checkout.pricing', environment: 'production', strategyId: 's1', rollout: 50 });
    expect(raise).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const lower = await core.dispatch('flags:setRollout', { flag: 'checkout.pricing', environment: 'production', strategyId: 's1', rollout: 5 });
    expect(lower).toMatchObject({ ok: true, value: { rollout: 5 } });
    expect(server.flags.get('checkout.pricing')!.environments[1]!.strategies[0]!.rollout).toBe(5);
  });

  it('kills every flag with a tag and reports each one', async () => {
    const { core, server } = setup();
    server.faults.failFlag = 'search.ranking';
    const result = await core.dispatch('flags:killByTag', { tag: 'simple:incident-42', environment: 'production' });
    expect(result).toMatchObject({
      ok: true,
      value: {
        results: [
          { flag: 'checkout.pricing', ok: true, message: null },
          { flag: 'search.ranking', ok: false, message: expect.stringContaining('500') },
        ],
      },
    });
    expect(server.flags.get('profile.bio')!.environments[1]!.enabled).toBe(true);
  });
});

describe('changes made by others', () => {
  it('are synced from the event log once, shown with who made them, and trigger a flags update', async () => {
    const { core, server, clock } = setup();
    await core.poll();
    const seen: string[] = [];
    core.bus.onAny((event, payload) => seen.push(`${event}:${(payload as { domain: string }).domain}`));
    clock.advance(1000);
    server.changeByOther('marcus', 'search.ranking', 'production', false);
    await core.poll();
    await core.poll();
    expect(seen.filter((s) => s === 'state:changed:flags')).toHaveLength(1);
    const listing = await core.dispatch('flags:list', {});
    expect(listing).toMatchObject({
      ok: true,
      value: { changes: [{ flag: 'search.ranking', environment: 'production', by: 'marcus', action: 'flag.disabled', source: 'flag-server' }] },
    });
    const page = await core.dispatch('audit:page', { limit: 50 });
    expect(page.ok && (page.value as { events: unknown[] }).events).toHaveLength(1);
  });
});

/** The flag actions as the session builds them (real store, audit and release windows), for actions no channel exposes. */
function direct() {
  const clock = fakeClock(); // Friday 2027-01-15 09:00 in Berlin
  const strategy = (id: string, title: string, disabled: boolean) => ({ id, title, name: 'flexibleRollout', rollout: 100, constraintCount: 1, disabled });
  const ringed = testFlag('checkout.pricing');
  ringed.environments[1]!.strategies = [strategy('dev', 'Developers', false), strategy('staff', 'Employees', true)];
  ringed.environments[0]!.strategies = [strategy('dev-staff', 'Employees', true)];
  const server = fakeFlagServer([ringed], clock.now);
  const { db } = openStore({ file: ':memory:' });
  const queries = createQueries(db);
  const workspace: Workspace = { id: 'w', name: 'W', kind: 'live', flags: server.provider, deploy: null, metrics: null, releases: [] };
  const bus = createEventBus();
  const backends = createBackendTracker(workspace, queries.syncState, clock);
  const flags = createFlagService(workspace, queries.flagCache, queries.audit, backends, clock.now);
  const windows = createWindowsService({ workspace, store: queries.releasePlans, audit: queries.audit, bus, clock, actor: 'oncall' });
  windows.set({ timeZone: 'Europe/Berlin', weekly: [], freezes: [{ label: 'Launch freeze', from: '2027-01-15T00:00', to: '2027-01-15T18:00', reason: 'marketing launch' }] });
  const actions = createFlagActions({ workspace, audit: queries.audit, backends, flags, bus, clock, actor: 'oncall', releaseGate: windows.gatekeeper.check });
  const audit = () => queries.audit.page('w', 100).events.reverse().filter((e) => e.objectType === 'flag');
  const staff = () => server.flags.get('checkout.pricing')!.environments[1]!.strategies[1]!;
  return { server, flags, actions, audit, staff };
}

describe('one strategy of a flag (a ring audience)', () => {
  it('disables a strategy at once, confirmed by read-back, intent before outcome, even in a blackout', async () => {
    const { actions, audit, server } = direct();
    const done = await actions.setStrategyEnabled({ flag: 'checkout.pricing', environment: 'production', strategyId: 'dev', enabled: false });
    expect(done.state.strategies.find((s) => s.id === 'dev')).toMatchObject({ disabled: true });
    expect(server.flags.get('checkout.pricing')!.environments[1]!.strategies[0]!.disabled).toBe(true);
    expect(audit().map((e) => [e.action, e.result, (e.after as { disabled?: boolean }).disabled ?? null])).toEqual([
      ['flag.strategy.disabled.requested', 'pending', true],
      ['flag.strategy.disabled', 'confirmed', null],
    ]);
  });

  it('blocks enabling one in production during a blackout without an override, and asks a reason', async () => {
    const { actions, flags, staff, audit, server } = direct();
    await flags.list();
    const noReason = actions.setStrategyEnabled({ flag: 'checkout.pricing', environment: 'production', strategyId: 'staff', enabled: true });
    await expect(noReason).rejects.toMatchObject({ code: 'bad_request', message: expect.stringMatching(/^reason: enabling strategy "Employees" of checkout.pricing in production exposes its audience/) });
    const blocked = actions.setStrategyEnabled({ flag: 'checkout.pricing', environment: 'production', strategyId: 'staff', enabled: true, reason: 'Ring 1' });
    await expect(blocked).rejects.toMatchObject({
      code: 'blocked',
      message: expect.stringContaining('Enabling strategy "Employees" of checkout.pricing in production is blocked by a release blackout: Freeze "Launch freeze"'),
    });
    expect(staff().disabled).toBe(true);
    expect(audit()).toEqual([]);

    // Development is not a release.
    await actions.setStrategyEnabled({ flag: 'checkout.pricing', environment: 'development', strategyId: 'dev-staff', enabled: true });
    expect(server.flags.get('checkout.pricing')!.environments[0]!.strategies[0]!.disabled).toBe(false);

    await actions.setStrategyEnabled({ flag: 'checkout.pricing', environment: 'production', strategyId: 'staff', enabled: true, reason: 'Ring 1', blackoutOverride: 'CAB-12 approved' });
    expect(staff().disabled).toBe(false);
    expect(audit().at(-1)).toMatchObject({ action: 'flag.strategy.enabled', result: 'confirmed', reason: 'Ring 1' });
  });

  it('reports a write the read-back does not show as a conflict', async () => {
    const { actions, server, audit } = direct();
    server.faults.ignoreWrites = true;
    await expect(actions.setStrategyEnabled({ flag: 'checkout.pricing', environment: 'production', strategyId: 'dev', enabled: false })).rejects.toMatchObject({ code: 'conflict' });
    expect(audit().at(-1)).toMatchObject({ action: 'flag.strategy.disabled', result: 'unconfirmed' });
  });
});

describe('the lightest read-back', () => {
  it('confirms by readEnvironment when the provider has it, and keeps the constraints it left out in the cache', async () => {
    const clock = fakeClock();
    const guarded = testFlag('checkout.pricing');
    guarded.environments[1]!.strategies[0]!.constraintCount = 2;
    const server = fakeFlagServer([guarded], clock.now);
    const calls: string[] = [];
    const readState = server.provider.readState.bind(server.provider);
    const provider = {
      ...server.provider,
      readState: async (flag: string, environment: string) => {
        calls.push('readState');
        return readState(flag, environment);
      },
      // Like Unleash's per-environment read: no segments, so the count comes back short.
      readEnvironment: async (flag: string, environment: string) => {
        calls.push('readEnvironment');
        const state = await readState(flag, environment);
        return { state: { ...state, strategies: state.strategies.map((s) => ({ ...s, constraintCount: 0 })) }, complete: false };
      },
    };
    const workspace: Workspace = { id: 'w', name: 'W', kind: 'live', flags: provider, deploy: null, metrics: null, releases: [] };
    const core = createCore({ dataDir: ':memory:', version: 't', clock, actor: 'oncall', workspace: () => workspace, log: () => {} });
    await core.dispatch('flags:list', {});
    calls.length = 0;
    const result = await core.dispatch('flags:setEnabled', { flag: 'checkout.pricing', environment: 'production', enabled: false });
    expect(result).toMatchObject({ ok: true, value: { enabled: false } });
    expect(calls).toEqual(['readEnvironment']);
    const listing = await core.dispatch('flags:list', {});
    if (!listing.ok) throw new Error(listing.error.message);
    const flag = (listing.value as { flags: { name: string; environments: { enabled: boolean; strategies: { constraintCount: number }[] }[] }[] }).flags[0]!;
    expect(flag.environments[1]).toMatchObject({ enabled: false, strategies: [{ constraintCount: 2 }] });
    core.dispose();
  });
});
