import { fireEvent, screen, within } from '@testing-library/react';
import type { AfterFactReview, FlagChangeRequest, RolloutApproval } from '../../../../src-shared/domain/governance';
import { createFakeBridge, type HandlerMap } from '../../test/fakeBridge';
import { fakeGovernanceHandlers, ME, policyOf, type FakeGovernanceOptions } from '../../test/fakeGovernance';
import { NOW } from '../../test/fixtures';
import { renderConsole, settle } from '../../test/renderConsole';
import { ChangesView } from './ChangesView';

const flagRequest = (id: string, patch: Partial<FlagChangeRequest> = {}): FlagChangeRequest => ({
  id,
  flag: 'checkout.kill',
  environment: 'production',
  enabled: true,
  state: 'In review',
  requestedBy: 'ana',
  requestedAt: NOW - 60_000,
  approvedBy: [],
  ...patch,
});
const approval = (name: string, patch: Partial<RolloutApproval> = {}): RolloutApproval => ({
  rollout: { namespace: 'shop', name },
  action: 'promote',
  generation: 4,
  requestedBy: 'ana',
  requestedAt: NOW - 120_000,
  reason: 'canary healthy',
  approvedBy: null,
  approvedAt: null,
  stale: false,
  ...patch,
});
const review = (id: number, actor: string): AfterFactReview => ({
  id,
  backend: 'flags',
  target: `flag-${id}`,
  environment: 'production',
  action: 'flag.killed',
  actor,
  at: NOW - 300_000,
  reason: null,
  acknowledgedBy: null,
  acknowledgedAt: null,
  note: null,
});

async function renderChanges(options: FakeGovernanceOptions) {
  const bridge = createFakeBridge(fakeGovernanceHandlers(options) as Partial<HandlerMap>);
  await renderConsole(bridge, <ChangesView />);
  return bridge;
}
const flagRow = (id: string) => within(screen.getAllByTestId('flag-request').find((r) => r.dataset.id === id)!);
const rolloutRow = (name: string) => within(screen.getAllByTestId('rollout-approval').find((r) => r.dataset.rollout === `shop/${name}`)!);

describe('the Changes view', () => {
  it('lists flag change requests with state, requester and approvers; Approve sends one request however often pressed', async () => {
    const bridge = await renderChanges({ flagRequests: [flagRequest('12'), flagRequest('13', { state: 'Approved', approvedBy: ['lee'] })] });
    expect(flagRow('12').getByText('In review')).toBeTruthy();
    expect(flagRow('13').getByText('lee')).toBeTruthy();
    expect(flagRow('12').getByText('ana')).toBeTruthy();

    const hold = bridge.hold('changes:reviewFlag');
    const approve = flagRow('12').getByRole('button', { name: 'Approve change request 12: turn on checkout.kill in production' });
    fireEvent.click(approve);
    fireEvent.click(approve);
    fireEvent.keyDown(approve, { key: 'Enter' });
    await settle();
    expect(hold.waiting).toBe(1);
    hold.release();
    await settle();
    expect(bridge.requestsTo('changes:reviewFlag')).toEqual([{ id: '12', state: 'Approved' }]);
    expect(screen.getAllByTestId('flag-request').find((r) => r.dataset.id === '12')!.dataset.state).toBe('Approved');
  });

  it('applies an approved request and rejects another, each with its own channel call', async () => {
    const bridge = await renderChanges({ flagRequests: [flagRequest('13', { state: 'Approved', approvedBy: ['lee'] }), flagRequest('14')] });
    fireEvent.click(flagRow('13').getByRole('button', { name: /^Apply change request 13/ }));
    await settle();
    fireEvent.click(flagRow('14').getByRole('button', { name: /^Reject change request 14/ }));
    await settle();
    expect(bridge.requestsTo('changes:reviewFlag')).toEqual([
      { id: '13', state: 'Applied' },
      { id: '14', state: 'Rejected' },
    ]);
    expect(bridge.requestsTo('flags:list').length).toBeGreaterThan(1);
  });

  it('disables Approve on your own request with the reason beside it, and lets you cancel it', async () => {
    const bridge = await renderChanges({ flagRequests: [flagRequest('15', { requestedBy: ME })] });
    const approve = flagRow('15').getByRole('button', { name: /^Approve change request 15/ }) as HTMLButtonElement;
    expect(approve.disabled).toBe(true);
    expect(flagRow('15').getByText('You requested this; someone else must approve.')).toBeTruthy();
    expect(flagRow('15').queryByRole('button', { name: /^Reject/ })).toBeNull();
    fireEvent.click(approve);
    fireEvent.click(flagRow('15').getByRole('button', { name: /^Cancel request change request 15/ }));
    await settle();
    expect(bridge.requestsTo('changes:reviewFlag')).toEqual([{ id: '15', state: 'Cancelled' }]);
  });

  it("treats the flag server's name for your credentials as you, too", async () => {
    const bridge = createFakeBridge({
      ...(fakeGovernanceHandlers({ flagRequests: [flagRequest('16', { requestedBy: 'svc-ringside@unleash' })] }) as Partial<HandlerMap>),
      'policy:get': () => ({ ok: true, value: policyOf({ identity: { flags: 'svc-ringside@unleash', deploy: null } }) }),
    });
    await renderConsole(bridge, <ChangesView />);
    expect((flagRow('16').getByRole('button', { name: /^Approve/ }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('approves another person’s rollout request once; your own and a stale one are disabled with the reason', async () => {
    const bridge = await renderChanges({
      rolloutApprovals: [approval('checkout'), approval('search', { requestedBy: ME }), approval('recs', { stale: true })],
    });
    expect(rolloutRow('checkout').getByText('promote')).toBeTruthy();
    expect(rolloutRow('checkout').getByText('4')).toBeTruthy();
    expect((rolloutRow('search').getByRole('button', { name: /^Approve/ }) as HTMLButtonElement).disabled).toBe(true);
    expect(rolloutRow('search').getByText('You requested this; someone else must approve.')).toBeTruthy();
    expect(rolloutRow('recs').getByText('stale')).toBeTruthy();
    expect((rolloutRow('recs').getByRole('button', { name: /^Approve/ }) as HTMLButtonElement).disabled).toBe(true);
    expect(rolloutRow('recs').getByText('Stale: the rollout changed since generation 4; ask again.')).toBeTruthy();

    const approve = rolloutRow('checkout').getByRole('button', { name: 'Approve promote of shop/checkout' });
    fireEvent.click(approve);
    fireEvent.click(approve);
    await settle();
    expect(bridge.requestsTo('changes:approveRollout')).toEqual([{ rollout: { namespace: 'shop', name: 'checkout' } }]);
    expect(rolloutRow('checkout').getByText(`Approved by ${ME}.`)).toBeTruthy();
  });

  it('acknowledges a break-glass kill with a note, and shows the core’s refusal for your own', async () => {
    const bridge = await renderChanges({ reviews: [review(1, 'ana'), review(2, ME)] });
    const items = () => screen.getAllByTestId('review');
    const first = within(items()[0]!);
    fireEvent.change(first.getByLabelText('Note (audited, optional)'), { target: { value: 'checked with ana: INC-7' } });
    fireEvent.click(first.getByRole('button', { name: 'Acknowledge flag.killed flag-1 in production' }));
    await settle();
    expect(bridge.requestsTo('reviews:acknowledge')).toEqual([{ id: 1, note: 'checked with ana: INC-7' }]);
    expect(items().map((i) => i.dataset.id)).toEqual(['2']);

    fireEvent.click(within(items()[0]!).getByRole('button', { name: /^Acknowledge/ }));
    await settle();
    expect(bridge.requestsTo('reviews:acknowledge')[1]).toEqual({ id: 2 });
    expect(within(items()[0]!).getByText(`${ME} took this action; someone else must acknowledge it.`)).toBeTruthy();

    fireEvent.click(screen.getByRole('checkbox', { name: 'Show acknowledged ones too' }));
    await settle();
    expect(bridge.requestsTo('reviews:list').at(-1)).toEqual({ includeAcknowledged: true });
    expect(items().map((i) => [i.dataset.id, i.dataset.acknowledged])).toEqual([
      ['1', 'true'],
      ['2', 'false'],
    ]);
  });

  it('shows the profile per scope and what the servers denied, with the permission', async () => {
    const bridge = createFakeBridge({
      'policy:get': () => ({
        ok: true,
        value: policyOf({
          capabilities: [{ capability: 'flags.toggle', scope: 'production', allowed: false, reason: 'The token is read-only', permission: 'UPDATE_FEATURE_ENVIRONMENT' }],
        }),
      }),
    });
    await renderConsole(bridge, <ChangesView />);
    expect(screen.getByTestId('denied-capabilities').textContent).toBe(
      'flags.toggle in production: The token is read-only (permission UPDATE_FEATURE_ENVIRONMENT).',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Check again' }));
    await settle();
    expect(bridge.requestsTo('policy:get').at(-1)).toEqual({ refresh: true });
  });
});
