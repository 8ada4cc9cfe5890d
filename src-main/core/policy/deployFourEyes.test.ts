import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PlanView } from '../../../src-shared/domain/plan';
import type { WorkspacePolicy } from '../../../src-shared/domain/workspaceConfig';
import { ringWorld } from '../rings/testing/ringWorld';
import { fakeDeployGovernance } from './testing/fakeGovernance';

const MIN = 60_000;
const ref = { namespace: 'shop', name: 'checkout' };
const releaser: WorkspacePolicy = { environments: { production: 'releaser' }, deployProfile: 'releaser' };

/** The ring world as a production workspace whose deploy backend keeps approvals (a fake of the port). */
function production(world: ReturnType<typeof ringWorld>, policy: WorkspacePolicy = releaser) {
  const gov = fakeDeployGovernance(world.clock.now);
  world.deploy.provider.governance = gov.governance;
  world.workspace.production = true;
  world.workspace.policy = policy;
  world.restart();
  return gov;
}
const as = (world: ReturnType<typeof ringWorld>, actor: string) => world.call('workspace:setIdentity', { actor });

describe('four-eyes on deploys', () => {
  it('blocks a promote without an approval, refuses the requester as approver, then promotes once on a second person’s approval', async () => {
    const world = ringWorld();
    const gov = production(world);
    await as(world, 'ana');
    await expect(world.call('rollouts:promote', { ...ref, reason: 'next step' })).rejects.toMatchObject({
      code: 'blocked',
      message: expect.stringMatching(/^Promoting shop\/checkout needs a second person: request approval/),
    });
    expect(world.deploy.calls).toEqual([]);

    const asked = await world.call<{ requestedBy: string; approvedBy: string | null }>('changes:requestRollout', { rollout: ref, action: 'promote', reason: 'Ring 1 looks good' });
    expect(asked).toMatchObject({ requestedBy: 'ana', approvedBy: null });
    await expect(world.call('changes:approveRollout', { rollout: ref })).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('a second person must approve it') });
    // refused by the core, before the deploy backend was asked
    expect(gov.calls).toEqual(['request promote by ana']);
    await expect(world.call('rollouts:promote', { ...ref, reason: 'next step' })).rejects.toMatchObject({ code: 'blocked', message: expect.stringContaining('waits for someone else to approve it') });

    await as(world, 'bea');
    expect(await world.call('changes:approveRollout', { rollout: ref })).toMatchObject({ approvedBy: 'bea', requestedBy: 'ana' });
    await as(world, 'ana');
    // approved for promote, not for a full promotion
    await expect(world.call('rollouts:promote', { ...ref, full: true, reason: 'all of it' })).rejects.toMatchObject({ code: 'blocked', message: expect.stringContaining('is for promote, not promoteFull') });
    await world.call('rollouts:promote', { ...ref, reason: 'next step' });
    expect(world.deploy.calls).toEqual(['promote']);
    expect(gov.calls.at(-1)).toBe('clear shop/checkout');
    expect(gov.held.size).toBe(0);
    // the approval is used up
    await expect(world.call('rollouts:promote', { ...ref, reason: 'again' })).rejects.toMatchObject({ code: 'blocked' });

    const audit = await world.audit();
    expect(audit.filter((e) => e.action.startsWith('rollout.')).map((e) => [e.action, e.actor, e.result])).toEqual([
      ['rollout.approvalAsked.requested', 'ana', 'asked'],
      ['rollout.approvalAsked', 'ana', 'done'],
      ['rollout.approved.requested', 'bea', 'asked'],
      ['rollout.approved', 'bea', 'done'],
      ['rollout.promoted.requested', 'ana', 'pending'],
      ['rollout.promoted', 'ana', 'confirmed'],
    ]);
  });

  it('asks and approves under the Kubernetes identity when the API says it, keeping the console name beside it', async () => {
    const world = ringWorld();
    const gov = production(world);
    gov.control.identity = 'system:serviceaccount:shop:ana';
    await as(world, 'ana');
    expect(await world.call('changes:requestRollout', { rollout: ref, action: 'promote', reason: 'Ring 1 looks good' })).toMatchObject({ requestedBy: 'system:serviceaccount:shop:ana' });
    // Another console name on the same credentials is still the same person to the cluster.
    await as(world, 'bea');
    await expect(world.call('changes:approveRollout', { rollout: ref })).rejects.toMatchObject({ code: 'conflict' });
    world.clock.advance(2 * MIN); // past the identity cache
    gov.control.identity = 'oidc:bea@example.com';
    expect(await world.call('changes:approveRollout', { rollout: ref })).toMatchObject({ approvedBy: 'oidc:bea@example.com' });
    const approved = (await world.audit()).find((e) => e.action === 'rollout.approved')!;
    expect(approved.after).toMatchObject({ by: 'oidc:bea@example.com', consoleActor: 'bea', kubernetesUser: 'oidc:bea@example.com', requestedBy: 'system:serviceaccount:shop:ana' });
  });

  it('refuses an approval for a rollout that changed since the request', async () => {
    const world = ringWorld();
    const gov = production(world);
    await as(world, 'ana');
    await world.call('changes:requestRollout', { rollout: ref, action: 'promote', reason: 'Ring 1 looks good' });
    gov.control.generation = 2;
    await as(world, 'bea');
    await expect(world.call('changes:approveRollout', { rollout: ref })).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('the request is void') });
  });

  it('holds auto-advance with the reason on the plan until a second person approves, then advances and clears the approval', async () => {
    const world = ringWorld({ dataDir: mkdtempSync(join(tmpdir(), 'ringside-foureyes-')) });
    const plan = await world.call<PlanView>('plans:create', { releaseId: 'checkout-2.4.0' });
    await world.call('plans:update', { planId: plan.plan.id, autoAdvance: true, rings: plan.plan.rings.map((r) => ({ ...r, bakeMs: 10 * MIN })) });
    await world.call('plans:advance', { planId: plan.plan.id });
    const gov = production(world);
    await world.core.poll();
    world.clock.advance(10 * MIN);
    await world.core.poll();
    await world.core.poll();
    const view = async () => (await world.call<{ plans: PlanView[] }>('plans:list')).plans[0]!;
    expect((await view()).run.ring).toBe(0);
    expect((await view()).advance).toEqual({ allowed: false, reason: expect.stringMatching(/^Auto-advance waits: Advancing .* to Ring 1 needs a second person/) });
    expect(world.deploy.calls).toEqual([]); // Ring 0 (5 %) needed no promotion; Ring 1 (25 %) does
    // recorded once, however often the poll finds it waiting
    expect((await world.audit()).filter((e) => e.action === 'plan.autoAdvance.held')).toHaveLength(1);
    // a person pressing Advance is held the same way
    await expect(world.call('plans:advance', { planId: plan.plan.id })).rejects.toMatchObject({ code: 'blocked' });

    await world.call('changes:requestRollout', { rollout: ref, action: 'advance', reason: 'Ring 0 held' });
    await as(world, 'bea');
    await world.call('changes:approveRollout', { rollout: ref });
    await world.core.poll();
    expect((await view()).run.ring).toBe(1);
    expect((await view()).rings[1]).toMatchObject({ enteredBy: 'ringside-auto' });
    expect(world.deploy.calls).toEqual(['promote']);
    expect(gov.held.size).toBe(0);
  });

  it('installs a gate only on an approval for installing it, which it then clears', async () => {
    const world = ringWorld({ dataDir: mkdtempSync(join(tmpdir(), 'ringside-gate-')) });
    const installed: string[] = [];
    world.deploy.provider.installAnalysisTemplate = async (at, template) => {
      const name = String((template.metadata as { name: string }).name);
      installed.push(name);
      return { name, namespace: at.namespace, operation: 'created', resourceVersion: '1', metrics: ['error_rate'], references: [], otherTemplates: [] };
    };
    const plan = await world.call<PlanView>('plans:create', { releaseId: 'checkout-2.4.0' });
    const gov = production(world);
    const install = () => world.call('plans:installGate', { planId: plan.plan.id, address: 'http://prometheus:9090' });
    await expect(install()).rejects.toMatchObject({ code: 'blocked', message: expect.stringContaining('needs a second person') });
    await world.call('changes:requestRollout', { rollout: ref, action: 'promote', reason: 'wrong action' });
    await as(world, 'bea');
    await world.call('changes:approveRollout', { rollout: ref });
    await expect(install()).rejects.toMatchObject({ code: 'blocked', message: expect.stringContaining('is for promote, not installGate') });
    expect(installed).toEqual([]);
    await world.call('changes:requestRollout', { rollout: ref, action: 'installGate', reason: 'gate for Ring 1' });
    await as(world, 'ana');
    await world.call('changes:approveRollout', { rollout: ref });
    await install();
    expect(installed).toHaveLength(1);
    expect(gov.held.size).toBe(0);
  });

  it('refuses an advance the deploy profile does not allow, before either layer moves', async () => {
    const world = ringWorld({ dataDir: mkdtempSync(join(tmpdir(), 'ringside-profile-')) });
    const plan = await world.call<PlanView>('plans:create', { releaseId: 'checkout-2.4.0' });
    production(world, { environments: {} }); // production defaults: operator for deploys and production
    await expect(world.call('plans:advance', { planId: plan.plan.id })).rejects.toMatchObject({ code: 'forbidden', message: expect.stringContaining('may not advance a release plan') });
    await expect(world.call('plans:update', { planId: plan.plan.id, autoAdvance: true })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(world.call('plans:installGate', { planId: plan.plan.id, address: 'http://prometheus:9090' })).rejects.toMatchObject({ code: 'forbidden' });
    expect(world.deploy.calls).toEqual([]);
    expect(world.flagOn().enabled).toBe(false);
  });
});
