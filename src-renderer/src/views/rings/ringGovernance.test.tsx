import { fireEvent, screen, within } from '@testing-library/react';
import type { Profile } from '../../../../src-shared/domain/workspaceConfig';
import { fail, ok } from '../../../../src-shared/ipc/result';
import { createFakeBridge, type HandlerMap } from '../../test/fakeBridge';
import { policyOf, type Policy } from '../../test/fakeGovernance';
import { openStatus, planView } from '../../test/fakeRings';
import * as fixtures from '../../test/fixtures';
import { renderConsole, settle } from '../../test/renderConsole';
import { RingsView } from './RingsView';

const FOUR_EYES = 'Advancing payments-3ds needs a second person: four-eyes applies to deploys in this workspace.';
const deployAs = (profile: Profile, patch: Partial<Policy> = {}) =>
  policyOf({ scopes: [{ scope: 'deploy', profile, production: true, fourEyes: profile === 'releaser' }], ...patch });
const ready = planView(undefined, { advance: { allowed: true, reason: null } });

function bridgeFor(policy: Policy, overrides: Partial<HandlerMap> = {}) {
  return createFakeBridge({
    'policy:get': () => ok(policy),
    'plans:list': () => ok({ plans: [ready], unplanned: [], blackout: openStatus }),
    'rollouts:promote': () => ok(fixtures.rollouts[0]!),
    ...overrides,
  });
}
const button = (name: string | RegExp) => screen.getByRole('button', { name }) as HTMLButtonElement;
const consequence = (name: string) => button(name).parentElement!.textContent;

describe('rings mirror the deploy profile and Kubernetes', () => {
  it('an operator may halt and roll back, not advance, promote or install a gate, and each says why beside it', async () => {
    await renderConsole(bridgeFor(deployAs('operator')), <RingsView />);
    expect(button('Advance').disabled).toBe(true);
    expect(consequence('Advance')).toContain('Operator profile for deploys: may halt and roll back, not advance a ring.');
    expect(button('Halt').disabled).toBe(false);
    expect(button('Roll back').disabled).toBe(false);
    expect(button('Promote shop/checkout').disabled).toBe(true);
    expect(button('Promote shop/checkout').parentElement!.textContent).toContain('Operator profile for deploys: may halt and roll back, not promote a rollout.');
    expect(button('Install in the cluster').disabled).toBe(true);
    expect(button('Install in the cluster').parentElement!.textContent).toContain('Operator profile for deploys: may halt and roll back, not install a gate.');
  });

  it('a viewer may not even roll back', async () => {
    const { bridge } = await renderConsole(bridgeFor(deployAs('viewer')), <RingsView />);
    expect(button('Roll back').disabled).toBe(true);
    expect(consequence('Roll back')).toContain('Viewer profile for deploys: read only.');
    fireEvent.click(button('Roll back'));
    await settle();
    expect(bridge.requestsTo('plans:rollback')).toEqual([]);
  });

  it("says what Kubernetes denied in a namespace, with the verb and resource it names", async () => {
    const policy = deployAs('releaser', {
      capabilities: [{ capability: 'rollouts.patch', scope: 'shop', allowed: false, reason: 'SelfSubjectAccessReview: not allowed in shop', permission: 'patch rollouts.argoproj.io' }],
    });
    await renderConsole(bridgeFor(policy), <RingsView />);
    expect(button('Promote shop/checkout').disabled).toBe(true);
    expect(button('Promote shop/checkout').parentElement!.textContent).toContain(
      'SelfSubjectAccessReview: not allowed in shop (permission patch rollouts.argoproj.io).',
    );
    expect(consequence('Advance')).toContain('(permission patch rollouts.argoproj.io).');
  });

  it('sends one advance however often it is pressed, and offers "Request approval" when four-eyes holds it', async () => {
    const bridge = bridgeFor(deployAs('releaser'), { 'plans:advance': () => fail('blocked', FOUR_EYES, 'FOUR_EYES') });
    await renderConsole(bridge, <RingsView />);
    const hold = bridge.hold('plans:advance');
    fireEvent.click(button('Advance'));
    fireEvent.click(button('Advance'));
    await settle();
    expect(hold.waiting).toBe(1);
    hold.release();
    await settle();
    expect(bridge.requestsTo('plans:advance')).toHaveLength(1);

    const outcome = within(screen.getByTestId('plan-action-outcome'));
    expect(outcome.getByText(FOUR_EYES)).toBeTruthy();
    fireEvent.click(outcome.getByRole('button', { name: 'Request approval…' }));
    const dialog = within(screen.getByRole('dialog', { name: 'Request approval for the ring advance of shop/payments-3ds?' }));
    fireEvent.change(dialog.getByLabelText('Reason'), { target: { value: 'Ring 1 held its gate' } });
    fireEvent.click(dialog.getByRole('button', { name: 'Confirm' }));
    await settle();
    expect(bridge.requestsTo('changes:requestRollout')).toEqual([
      { rollout: { namespace: 'shop', name: 'payments-3ds' }, action: 'advance', reason: 'Ring 1 held its gate' },
    ]);
    expect(outcome.getByTestId('approval-requested').textContent).toContain('generation 7 of shop/payments-3ds');
  });

  it('promotes with a reason, and offers "Request approval" for a promotion four-eyes holds', async () => {
    const bridge = bridgeFor(deployAs('releaser'));
    await renderConsole(bridge, <RingsView />);
    fireEvent.click(button('Promote shop/checkout'));
    let dialog = within(screen.getByRole('dialog', { name: 'Promote shop/checkout?' }));
    fireEvent.change(dialog.getByLabelText('Reason'), { target: { value: 'canary healthy' } });
    fireEvent.click(dialog.getByRole('button', { name: 'Confirm' }));
    await settle();
    expect(bridge.requestsTo('rollouts:promote')).toEqual([{ namespace: 'shop', name: 'checkout', reason: 'canary healthy' }]);

    bridge.respond('rollouts:promote', () => fail('blocked', 'Promoting shop/checkout needs a second person (four-eyes).', 'FOUR_EYES'));
    fireEvent.click(button('Promote shop/checkout'));
    dialog = within(screen.getByRole('dialog', { name: 'Promote shop/checkout?' }));
    fireEvent.change(dialog.getByLabelText('Reason'), { target: { value: 'canary healthy' } });
    fireEvent.click(dialog.getByRole('button', { name: 'Confirm' }));
    await settle();
    fireEvent.click(button('Request approval…'));
    dialog = within(screen.getByRole('dialog', { name: 'Request approval for the promotion of shop/checkout?' }));
    fireEvent.change(dialog.getByLabelText('Reason'), { target: { value: 'canary healthy for 30 min' } });
    fireEvent.click(dialog.getByRole('button', { name: 'Confirm' }));
    await settle();
    expect(bridge.requestsTo('changes:requestRollout')).toEqual([
      { rollout: { namespace: 'shop', name: 'checkout' }, action: 'promote', reason: 'canary healthy for 30 min' },
    ]);
  });

  it('a blackout is still a blackout: no approval is offered for it', async () => {
    const blackout = 'Advancing is blocked by a release blackout: Freeze "Launch" until Fri 18:00. Kills and rollbacks stay allowed; to go ahead anyway, give an override reason.';
    await renderConsole(bridgeFor(deployAs('releaser'), { 'plans:advance': () => fail('blocked', blackout) }), <RingsView />);
    fireEvent.click(button('Advance'));
    await settle();
    expect(screen.getByText(blackout)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Request approval…' })).toBeNull();
  });
});
