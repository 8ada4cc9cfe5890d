import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AfterFactReview } from '../../../src-shared/domain/governance';
import type { PlanView } from '../../../src-shared/domain/plan';
import type { WorkspacePolicy } from '../../../src-shared/domain/workspaceConfig';
import { RingsideError } from '../../../src-shared/ipc/result';
import { ringWorld } from '../rings/testing/ringWorld';
import { fakeDeployGovernance, fakeFlagGovernance } from './testing/fakeGovernance';

const MIN = 60_000;
const ref = { namespace: 'shop', name: 'checkout' };
const flag = 'checkout.pricing';
type World = ReturnType<typeof ringWorld>;

/** Production, with production's flag changes behind change requests (the server says so) and approvals on rollouts. */
function production(world: World, policy: WorkspacePolicy) {
  const flags = fakeFlagGovernance({ changeRequestEnvironments: ['production'], api: false, apply: () => {}, now: world.clock.now });
  world.flags.provider.governance = flags.governance;
  world.deploy.provider.governance = fakeDeployGovernance(world.clock.now).governance;
  world.workspace.production = true;
  world.workspace.policy = policy;
  world.restart();
}
const reviews = async (world: World, includeAcknowledged = false) => (await world.call<{ reviews: AfterFactReview[] }>('reviews:list', { includeAcknowledged })).reviews;

describe('break-glass', () => {
  it('never holds a kill for a second person, lists it for review, and takes the acknowledgement only from someone else', async () => {
    const world = ringWorld();
    world.flagOn().enabled = true;
    production(world, { environments: {} }); // production defaults: operator in production
    await world.call('flags:setEnabled', { flag, environment: 'production', enabled: false, reason: 'error spike' });
    expect(world.flagOn().enabled).toBe(false);

    const [review] = await reviews(world);
    expect(review).toMatchObject({ backend: 'flags', target: flag, environment: 'production', action: 'flag.disabled', actor: 'ana', reason: 'error spike', acknowledgedBy: null });
    await expect(world.call('reviews:acknowledge', { id: review!.id })).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('someone else must acknowledge it') });
    await world.call('workspace:setIdentity', { actor: 'bea' });
    expect(await world.call('reviews:acknowledge', { id: review!.id, note: 'seen; incident 42' })).toMatchObject({ acknowledgedBy: 'bea', note: 'seen; incident 42' });
    await expect(world.call('reviews:acknowledge', { id: review!.id })).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('already acknowledged by bea') });
    expect(await reviews(world)).toEqual([]);
    expect(await reviews(world, true)).toEqual([expect.objectContaining({ id: review!.id, acknowledgedBy: 'bea' })]);

    const audit = await world.audit();
    expect(audit.find((e) => e.action === 'review.flagged')).toMatchObject({ actor: 'ana', objectId: flag, result: 'open' });
    expect(audit.find((e) => e.action === 'review.acknowledged')).toMatchObject({ actor: 'bea', objectId: flag, reason: 'seen; incident 42', result: 'acknowledged' });
  });

  it("refuses turning on where the server requires change requests, before the server is asked, and explains the server's own refusal of a kill", async () => {
    const world = ringWorld();
    production(world, { environments: { production: 'releaser' } });
    await expect(world.call('flags:setEnabled', { flag, environment: 'production', enabled: true, reason: 'release' })).rejects.toMatchObject({
      code: 'blocked',
      message: expect.stringContaining('Turning checkout.pricing on in production needs a second person: the flag server requires change requests in production'),
    });
    expect(world.flags.writes).toEqual([]);
    const blocked = await world.core.dispatch('flags:setRollout', { flag, environment: 'production', strategyId: 's1', rollout: 50, reason: 'more' });
    expect(blocked).toMatchObject({ ok: false, error: { code: 'blocked', permission: 'SKIP_CHANGE_REQUEST' } });

    // Where the token may not skip them, the server refuses kills too; Ringside says so and does not go around it.
    world.flagOn().enabled = true;
    world.flags.provider.setEnabled = async () => {
      throw new RingsideError('forbidden', 'Unleash answered 403: You need permission=SKIP_CHANGE_REQUEST to perform this action', null, 'SKIP_CHANGE_REQUEST');
    };
    const kill = await world.core.dispatch('flags:setEnabled', { flag, environment: 'production', enabled: false });
    expect(kill).toMatchObject({
      ok: false,
      error: { code: 'forbidden', permission: 'SKIP_CHANGE_REQUEST', message: expect.stringContaining('an approver must make the change in Unleash itself') },
    });
    expect(world.flagOn().enabled).toBe(true);
    expect(await reviews(world)).toEqual([]);
  });

  it('learns an environment requires change requests from a refused change when the server cannot list them', async () => {
    const world = ringWorld();
    world.flags.provider.governance = fakeFlagGovernance({ changeRequestEnvironments: null, api: false, apply: () => {}, now: world.clock.now }).governance;
    world.flagOn().enabled = true;
    world.restart();
    const scope = async () => (await world.call<{ scopes: { scope: string; fourEyes: boolean }[] }>('policy:get', {})).scopes.find((p) => p.scope === 'production');
    expect(await scope()).toMatchObject({ fourEyes: false });
    const setEnabled = world.flags.provider.setEnabled;
    world.flags.provider.setEnabled = async () => {
      throw new RingsideError('forbidden', 'Unleash answered 403', null, 'SKIP_CHANGE_REQUEST');
    };
    await expect(world.call('flags:setEnabled', { flag, environment: 'production', enabled: false })).rejects.toMatchObject({ code: 'forbidden' });
    expect(await scope()).toMatchObject({ fourEyes: true });
    // from now on a release there is held before the server is asked
    world.flags.provider.setEnabled = setEnabled;
    await expect(world.call('flags:setEnabled', { flag, environment: 'development', enabled: true })).resolves.toBeTruthy();
    world.flagOn().enabled = false;
    await expect(world.call('flags:setEnabled', { flag, environment: 'production', enabled: true, reason: 'release' })).rejects.toMatchObject({ code: 'blocked' });
    expect(world.flagOn().enabled).toBe(false);
  });

  it("lets the guard stop the line where the person at the console may only read, and lists its kill and abort for review", async () => {
    const world = ringWorld({ dataDir: mkdtempSync(join(tmpdir(), 'ringside-breakglass-')) });
    const plan = await world.call<PlanView>('plans:create', { releaseId: 'checkout-2.4.0' });
    await world.call('plans:advance', { planId: plan.plan.id });
    expect(world.flagOn().enabled).toBe(true);
    production(world, { environments: {}, defaultProfile: 'viewer' });
    await world.core.poll();

    // the person may not, whichever way they try
    await expect(world.call('flags:setEnabled', { flag, environment: 'production', enabled: false })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(world.call('rollouts:abort', ref)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(world.call('plans:rollback', { planId: plan.plan.id })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(world.call('plans:halt', { planId: plan.plan.id })).rejects.toMatchObject({ code: 'forbidden' });
    expect(world.deploy.calls).toEqual([]);

    world.metrics.control.canaryLevel = 5;
    world.clock.advance(MIN);
    await world.core.poll();
    expect(world.deploy.state.aborted).toBe(true);
    expect(world.flagOn().enabled).toBe(false);
    const open = await reviews(world);
    expect(open.map((r) => [r.backend, r.target, r.action, r.actor]).sort()).toEqual([
      ['deploy', 'shop/checkout', 'rollout.aborted', 'ringside-guard'],
      ['flags', flag, 'flag.disabled', 'ringside-guard'],
    ]);
    // anyone but the guard may acknowledge the guard's action
    expect(await world.call('reviews:acknowledge', { id: open[0]!.id })).toMatchObject({ acknowledgedBy: 'ana' });
  });
});
