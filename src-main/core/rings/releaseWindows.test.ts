import type { PlanView, ReleaseWindows } from '../../../src-shared/domain/plan';
import { ringWorld } from './testing/ringWorld';
import { formatLocal } from './zoneTime';

// The fake clock starts at 1_800_000_000_000: Friday 2027-01-15 08:00 UTC, 09:00 in Berlin.
const HOUR = 3_600_000;
const freeze: ReleaseWindows = {
  timeZone: 'Europe/Berlin',
  weekly: [],
  freezes: [{ label: 'Launch freeze', from: '2027-01-15T00:00', to: '2027-01-15T18:00', reason: 'marketing launch' }],
};

async function frozen() {
  const world = ringWorld();
  const { plan } = await world.call<PlanView>('plans:create', { releaseId: 'checkout-2.4.0' });
  const answer = await world.call<{ status: { blocked: boolean; endsAtLocal: string } }>('windows:set', freeze);
  expect(answer.status).toMatchObject({ blocked: true, endsAtLocal: 'Fri 2027-01-15 18:00 Europe/Berlin' });
  return { ...world, planId: plan.id };
}

describe('release windows and blackouts', () => {
  it('the fake clock is where these tests think it is', () => {
    expect(formatLocal(1_800_000_000_000, 'Europe/Berlin')).toBe('Fri 2027-01-15 09:00 Europe/Berlin');
  });

  it('blocks advancing a ring inside a freeze, naming it and when it ends', async () => {
    const world = await frozen();
    const listing = await world.call<{ plans: PlanView[]; blackout: { blocked: boolean } }>('plans:list');
    expect(listing.blackout.blocked).toBe(true);
    expect(listing.plans[0]!.advance).toMatchObject({ allowed: false, reason: expect.stringContaining('Launch freeze') });
    await expect(world.call('plans:advance', { planId: world.planId })).rejects.toMatchObject({
      code: 'blocked',
      message: expect.stringMatching(/Advancing checkout 2\.4\.0 to Ring 0 is blocked by a release blackout: Freeze "Launch freeze" \(marketing launch\) until Fri 2027-01-15 18:00 Europe\/Berlin/),
    });
    expect(world.flagOn().enabled).toBe(false);
    expect(world.deploy.calls).toEqual([]);
  });

  it('allows advancing outside the window', async () => {
    const world = await frozen();
    world.clock.advance(9 * HOUR); // 18:00 Berlin: the freeze has ended
    const view = await world.call<PlanView>('plans:advance', { planId: world.planId });
    expect(view.run.ring).toBe(0);
    expect(world.flagOn().enabled).toBe(true);
  });

  it('blocks turning a flag on in production and promoting a rollout inside the window', async () => {
    const world = await frozen();
    await world.call('flags:list');
    await expect(
      world.call('flags:setEnabled', { flag: 'checkout.pricing', environment: 'production', enabled: true, reason: 'launch' }),
    ).rejects.toMatchObject({ code: 'blocked', message: expect.stringContaining('Turning checkout.pricing on in production is blocked') });
    await expect(world.call('rollouts:promote', { namespace: 'shop', name: 'checkout' })).rejects.toMatchObject({ code: 'blocked' });
    expect(world.flagOn().enabled).toBe(false);
    expect(world.deploy.calls).toEqual([]);
    // Development is not a release.
    await world.call('flags:setEnabled', { flag: 'checkout.pricing', environment: 'development', enabled: true });
  });

  it('blocks raising a production rollout inside the window, lets it through with an audited override, and never blocks lowering it', async () => {
    const world = await frozen();
    await world.call('flags:list');
    const rollout = () => world.flagOn().strategies[0]!.rollout;
    const raise = { flag: 'checkout.pricing', environment: 'production', strategyId: 's1', rollout: 50, reason: 'Ring 2' };
    await expect(world.call('flags:setRollout', raise)).rejects.toMatchObject({
      code: 'blocked',
      message: expect.stringContaining('Raising the rollout of checkout.pricing in production to 50% is blocked'),
    });
    expect(rollout()).toBe(25);

    await world.call('flags:setRollout', { flag: 'checkout.pricing', environment: 'production', strategyId: 's1', rollout: 10 });
    expect(rollout()).toBe(10);

    await world.call('flags:setRollout', { ...raise, blackoutOverride: 'INC-78: capacity test signed off' });
    expect(rollout()).toBe(50);
    const overrides = (await world.audit()).filter((e) => e.action === 'blackout.overridden');
    expect(overrides.map((e) => e.reason)).toEqual(['INC-78: capacity test signed off']);
  });

  it('always allows kills, aborts and roll backs inside the window', async () => {
    const world = await frozen();
    world.flagOn().enabled = true;
    await world.call('flags:list');
    await world.call('flags:setEnabled', { flag: 'checkout.pricing', environment: 'production', enabled: false });
    expect(world.flagOn().enabled).toBe(false);
    await world.call('rollouts:abort', { namespace: 'shop', name: 'checkout', reason: 'errors' });
    expect(world.deploy.state.aborted).toBe(true);
  });

  it('lets an override with a reason through, and audits it', async () => {
    const world = await frozen();
    await world.call('flags:list');
    await world.call('flags:setEnabled', {
      flag: 'checkout.pricing',
      environment: 'production',
      enabled: true,
      reason: 'hotfix',
      blackoutOverride: 'INC-77: the fix must ship now',
    });
    expect(world.flagOn().enabled).toBe(true);
    const view = await world.call<PlanView>('plans:advance', { planId: world.planId, blackoutOverride: 'INC-77 sign-off by the CTO' });
    expect(view.run.ring).toBe(0);
    const overrides = (await world.audit()).filter((e) => e.action === 'blackout.overridden');
    expect(overrides.map((e) => [e.reason, e.actor])).toEqual([
      ['INC-77: the fix must ship now', 'ana'],
      ['INC-77 sign-off by the CTO', 'ana'],
    ]);
    expect(overrides[1]!.after).toMatchObject({ what: 'Advancing checkout 2.4.0 to Ring 0', blackout: expect.stringContaining('Launch freeze') });
  });

  it('holds auto-advance during a blackout and resumes it after', async () => {
    const world = ringWorld();
    const { plan } = await world.call<PlanView>('plans:create', { releaseId: 'checkout-2.4.0' });
    await world.call('plans:update', { planId: plan.id, autoAdvance: true, rings: plan.rings.map((r) => ({ ...r, bakeMs: 0 })) });
    await world.call('plans:advance', { planId: plan.id });
    await world.call('windows:set', freeze);
    await world.core.poll();
    await world.core.poll();
    expect((await world.call<{ plans: PlanView[] }>('plans:list')).plans[0]!.run.ring).toBe(0);
    world.clock.advance(9 * HOUR);
    await world.core.poll();
    expect((await world.call<{ plans: PlanView[] }>('plans:list')).plans[0]!.run.ring).toBe(1);
  });

  it('refuses an unknown time zone with a specific error and keeps the saved windows', async () => {
    const world = await frozen();
    await expect(world.call('windows:set', { ...freeze, timeZone: 'Europe/Atlantis' })).rejects.toMatchObject({
      code: 'bad_request',
      message: expect.stringContaining('"Europe/Atlantis" is not an IANA time zone'),
    });
    expect((await world.call<{ windows: ReleaseWindows }>('windows:get')).windows.timeZone).toBe('Europe/Berlin');
  });
});
