import { fireEvent, screen, within } from '@testing-library/react';
import type { ScopePolicy } from '../../../../src-shared/domain/governance';
import type { Profile } from '../../../../src-shared/domain/workspaceConfig';
import { fail, ok } from '../../../../src-shared/ipc/result';
import { createFakeBridge } from '../../test/fakeBridge';
import { policyOf } from '../../test/fakeGovernance';
import { renderConsole, settle } from '../../test/renderConsole';

const row = (name: string) => within(screen.getAllByTestId('flag-row').find((r) => r.dataset.flag === name)!);
const button = (name: string) => screen.getByRole('button', { name }) as HTMLButtonElement;
const scope = (name: string, profile: Profile): ScopePolicy => ({ scope: name, profile, production: name === 'production', fourEyes: false });
const inProduction = (profile: Profile) => policyOf({ scopes: [scope('development', 'releaser'), scope('production', profile)] });

describe('kill switches mirror the profile and the server', () => {
  it('a viewer in production: Kill is disabled with the reason beside it, not only in a tooltip, and nothing is sent', async () => {
    const bridge = createFakeBridge({ 'policy:get': () => ok(inProduction('viewer')) });
    await renderConsole(bridge);
    const kill = button('Kill checkout.kill in production');
    expect(kill.disabled).toBe(true);
    expect(row('checkout.kill').getByTestId('flag-denied-production').textContent).toBe('Viewer profile in production: read only.');
    expect(kill.getAttribute('aria-describedby')).toBe(row('checkout.kill').getByTestId('flag-denied-production').id);
    expect((row('recs.rollout').getByLabelText('Rollout of recs.rollout in production') as HTMLInputElement).disabled).toBe(true);
    fireEvent.click(kill);
    await settle();
    expect(bridge.requestsTo('flags:setEnabled')).toEqual([]);
    // the kill by tag, too
    const bulk = within(screen.getByTestId('bulk-kill'));
    fireEvent.change(bulk.getByLabelText('Tag'), { target: { value: 'team:payments' } });
    expect((bulk.getByTestId('bulk-kill-button') as HTMLButtonElement).disabled).toBe(true);
    expect(bulk.getByText('Viewer profile in production: read only.')).toBeTruthy();
    // development is the releaser's: untouched
    expect(button('Kill checkout.kill in development').disabled).toBe(false);
    expect(row('checkout.kill').queryByTestId('flag-denied-development')).toBeNull();
  });

  it('an operator in production may kill and lower, not turn on or raise, and each refusal says so', async () => {
    const bridge = createFakeBridge({ 'policy:get': () => ok(inProduction('operator')) });
    await renderConsole(bridge);
    expect(button('Kill checkout.kill in production').disabled).toBe(false);
    expect(button('Turn on search.new-ranking in production').disabled).toBe(true);
    expect(row('search.new-ranking').getByTestId('flag-denied-production').textContent).toBe('Operator profile in production: may kill, not turn on.');

    const field = row('recs.rollout').getByLabelText('Rollout of recs.rollout in production');
    const set = button('Set rollout of recs.rollout in production');
    fireEvent.change(field, { target: { value: '60' } });
    expect(set.disabled).toBe(true);
    expect(row('recs.rollout').getByTestId('rollout-denied-production').textContent).toBe(
      'Operator profile in production: may kill and lower a rollout, not raise it.',
    );
    fireEvent.change(field, { target: { value: '10' } });
    expect(row('recs.rollout').queryByTestId('rollout-denied-production')).toBeNull();
    fireEvent.click(set);
    await settle();
    expect(bridge.requestsTo('flags:setRollout')).toEqual([{ flag: 'recs.rollout', environment: 'production', strategyId: 's1', rollout: 10 }]);

    fireEvent.click(button('Kill checkout.kill in production'));
    await settle();
    expect(bridge.requestsTo('flags:setEnabled')).toEqual([{ flag: 'checkout.kill', environment: 'production', enabled: false }]);
  });

  it("names what the server denied, with the server's permission", async () => {
    const policy = policyOf({
      capabilities: [
        { capability: 'flags.toggle', scope: 'production', allowed: false, reason: 'The token may not change production', permission: 'UPDATE_FEATURE_ENVIRONMENT' },
      ],
    });
    await renderConsole(createFakeBridge({ 'policy:get': () => ok(policy) }));
    expect(button('Kill checkout.kill in production').disabled).toBe(true);
    expect(row('checkout.kill').getByTestId('flag-denied-production').textContent).toBe(
      'The token may not change production (permission UPDATE_FEATURE_ENVIRONMENT).',
    );
  });

  it('offers "Request change" when the server requires change requests (SKIP_CHANGE_REQUEST), and sends one request', async () => {
    const bridge = createFakeBridge();
    const refusal = 'Unleash answered 403: this environment requires change requests (SKIP_CHANGE_REQUEST).';
    bridge.respond('flags:setEnabled', () => fail('forbidden', refusal, 'SKIP_CHANGE_REQUEST'));
    await renderConsole(bridge);
    fireEvent.click(button('Turn on search.new-ranking in production'));
    let dialog = within(screen.getByRole('dialog'));
    fireEvent.change(dialog.getByLabelText('Reason'), { target: { value: 'INC-42 fixed' } });
    fireEvent.click(dialog.getByRole('button', { name: 'Confirm' }));
    await settle();

    const error = within(row('search.new-ranking').getByTestId('flag-error-production'));
    expect(error.getByText(refusal)).toBeTruthy();
    expect(error.queryByRole('button', { name: 'Retry' })).toBeNull();
    fireEvent.click(error.getByRole('button', { name: 'Request change…' }));
    dialog = within(screen.getByRole('dialog', { name: 'Request a change: turn search.new-ranking on in production?' }));
    fireEvent.change(dialog.getByLabelText('Reason'), { target: { value: 'Release 2.4 after INC-42' } });
    fireEvent.click(dialog.getByRole('button', { name: 'Confirm' }));
    await settle();
    expect(bridge.requestsTo('changes:requestFlag')).toEqual([
      { flag: 'search.new-ranking', environment: 'production', enabled: true, reason: 'Release 2.4 after INC-42' },
    ]);
    expect(row('search.new-ranking').getByTestId('flag-change-requested-production').textContent).toBe(
      'Change request #100 in review: someone else approves it under Changes.',
    );
    expect(row('search.new-ranking').getByTestId('flag-state-production').textContent).toBe('off');
  });
});
