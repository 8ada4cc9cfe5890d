import { createCore } from '../createCore';
import { fakeFlagServer, testFlag } from '../testing/fakeFlagServer';
import { fakeClock } from '../testing/fakeWorkspace';
import type { Workspace } from '../workspace';

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
