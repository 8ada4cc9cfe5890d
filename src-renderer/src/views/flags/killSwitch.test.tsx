import { fireEvent, screen, within } from '@testing-library/react';
import { ok } from '../../../../src-shared/ipc/result';
import { createFakeBridge } from '../../test/fakeBridge';
import { FAKE_ACTOR } from '../../test/fakeFlagServer';
import { flagsListing } from '../../test/fixtures';
import { renderConsole, settle } from '../../test/renderConsole';

const row = (name: string) => within(screen.getAllByTestId('flag-row').find((r) => r.dataset.flag === name)!);
const stateIn = (name: string, env: string) => row(name).getByTestId(`flag-state-${env}`).textContent;

describe('kill switch', () => {
  it('kills with one click and no dialog: pending until the server confirms, then off with the time', async () => {
    const bridge = createFakeBridge();
    await renderConsole(bridge);
    const hold = bridge.hold('flags:setEnabled');
    fireEvent.click(row('checkout.kill').getByRole('button', { name: 'Kill checkout.kill in production' }));
    await settle();

    expect(screen.queryByRole('dialog')).toBeNull();
    expect(hold.waiting).toBe(1);
    expect(stateIn('checkout.kill', 'production')).toBe('pending');
    expect(bridge.requestsTo('flags:setEnabled')).toEqual([{ flag: 'checkout.kill', environment: 'production', enabled: false }]);

    hold.release();
    await settle();
    expect(stateIn('checkout.kill', 'production')).toBe('off');
    expect(row('checkout.kill').getByTestId('flag-confirmed-production').textContent).toMatch(/^confirmed \d\d:\d\d:\d\d$/);
    expect(row('checkout.kill').getByTestId('flag-change-production').textContent).toContain(`off by ${FAKE_ACTOR}`);
    // the other environment was not touched
    expect(stateIn('checkout.kill', 'development')).toBe('on');
  });

  it('never shows off after a failure: back to the true state with the error and a Retry that works', async () => {
    const bridge = createFakeBridge();
    await renderConsole(bridge);
    bridge.failNext('flags:setEnabled', 'unavailable', 'Unleash at 127.0.0.1:4242 is not answering; nothing was changed.');
    fireEvent.click(row('checkout.kill').getByRole('button', { name: 'Kill checkout.kill in production' }));
    await settle();

    expect(stateIn('checkout.kill', 'production')).toBe('on');
    const error = row('checkout.kill').getByTestId('flag-error-production');
    expect(error.textContent).toContain('Unleash at 127.0.0.1:4242 is not answering; nothing was changed.');
    expect(row('checkout.kill').queryByTestId('flag-confirmed-production')).toBeNull();

    fireEvent.click(within(error).getByRole('button', { name: 'Retry' }));
    await settle();
    expect(bridge.requestsTo('flags:setEnabled')).toHaveLength(2);
    expect(stateIn('checkout.kill', 'production')).toBe('off');
    expect(row('checkout.kill').getByTestId('flag-error-production').textContent).toBe('');
  });

  it('asks for a reason before turning a flag on in production, and sends it', async () => {
    const bridge = createFakeBridge();
    await renderConsole(bridge);
    fireEvent.click(row('search.new-ranking').getByRole('button', { name: 'Turn on search.new-ranking in production' }));
    const dialog = screen.getByRole('dialog', { name: 'Release search.new-ranking in production?' });
    const confirm = within(dialog).getByRole('button', { name: 'Confirm' }) as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    expect(bridge.requestsTo('flags:setEnabled')).toHaveLength(0);

    fireEvent.change(within(dialog).getByLabelText('Reason'), { target: { value: 'INC-42 fixed, re-releasing' } });
    expect(confirm.disabled).toBe(false);
    fireEvent.click(confirm);
    await settle();
    expect(bridge.requestsTo('flags:setEnabled')).toEqual([
      { flag: 'search.new-ranking', environment: 'production', enabled: true, reason: 'INC-42 fixed, re-releasing' },
    ]);
    expect(stateIn('search.new-ranking', 'production')).toBe('on');
  });

  it('turns a flag on outside production without asking, and Cancel sends nothing in production', async () => {
    const bridge = createFakeBridge();
    await renderConsole(bridge);
    fireEvent.click(row('recs.rollout').getByRole('button', { name: 'Turn on recs.rollout in development' }));
    await settle();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(stateIn('recs.rollout', 'development')).toBe('on');

    fireEvent.click(row('search.new-ranking').getByRole('button', { name: 'Turn on search.new-ranking in production' }));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Cancel' }));
    await settle();
    expect(bridge.requestsTo('flags:setEnabled')).toHaveLength(1);
    expect(stateIn('search.new-ranking', 'production')).toBe('off');
  });

  it('asks for a reason to raise a production rollout, but lowers it at once', async () => {
    const bridge = createFakeBridge();
    await renderConsole(bridge);
    const field = () => row('recs.rollout').getByLabelText('Rollout of recs.rollout in production');
    fireEvent.change(field(), { target: { value: '10' } });
    fireEvent.click(row('recs.rollout').getByRole('button', { name: 'Set rollout of recs.rollout in production' }));
    await settle();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(bridge.requestsTo('flags:setRollout')).toEqual([
      { flag: 'recs.rollout', environment: 'production', strategyId: 's1', rollout: 10 },
    ]);
    expect(stateIn('recs.rollout', 'production')).toBe('on 10%');

    fireEvent.change(field(), { target: { value: '60' } });
    fireEvent.click(row('recs.rollout').getByRole('button', { name: 'Set rollout of recs.rollout in production' }));
    const dialog = screen.getByRole('dialog', { name: 'Raise rollout of recs.rollout in production?' });
    fireEvent.change(within(dialog).getByLabelText('Reason'), { target: { value: 'Ring 2 healthy' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Confirm' }));
    await settle();
    expect(bridge.requestsTo('flags:setRollout')[1]).toEqual({
      flag: 'recs.rollout', environment: 'production', strategyId: 's1', rollout: 60, reason: 'Ring 2 healthy',
    });
    expect(stateIn('recs.rollout', 'production')).toBe('on 60%');
  });

  it('offers an override with a reason when a blackout blocks a release, and sends it with the change', async () => {
    const bridge = createFakeBridge();
    await renderConsole(bridge);
    const blocked = 'Turning search.new-ranking on in production is blocked by a release blackout: Freeze "Launch" until Fri 18:00';
    bridge.failNext('flags:setEnabled', 'blocked', blocked);
    fireEvent.click(row('search.new-ranking').getByRole('button', { name: 'Turn on search.new-ranking in production' }));
    let dialog = screen.getByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('Reason'), { target: { value: 'launch' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Confirm' }));
    await settle();

    const error = row('search.new-ranking').getByTestId('flag-error-production');
    expect(error.textContent).toContain(blocked);
    expect(within(error).queryByRole('button', { name: 'Retry' })).toBeNull();
    fireEvent.click(within(error).getByRole('button', { name: 'Override…' }));
    dialog = screen.getByRole('dialog', { name: 'Override the release blackout for search.new-ranking in production?' });
    fireEvent.change(within(dialog).getByLabelText('Reason'), { target: { value: 'INC-9: the fix must ship now' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Confirm' }));
    await settle();

    expect(bridge.requestsTo('flags:setEnabled')[1]).toEqual({
      flag: 'search.new-ranking', environment: 'production', enabled: true, reason: 'launch', blackoutOverride: 'INC-9: the fix must ship now',
    });
    expect(stateIn('search.new-ranking', 'production')).toBe('on');
  });

  it('disables every change and says why when the console is offline', async () => {
    const reason = 'Unleash is unreachable; showing the cache from 22:10.';
    const bridge = createFakeBridge({ 'flags:list': () => ok(flagsListing({ stale: true, readOnlyReason: reason })) });
    await renderConsole(bridge);
    expect(screen.getByTestId('flags-read-only').textContent).toContain(reason);
    const kill = row('checkout.kill').getByRole('button', { name: 'Kill checkout.kill in production' }) as HTMLButtonElement;
    expect(kill.disabled).toBe(true);
    expect(kill.title).toBe(reason);
    fireEvent.click(kill);
    await settle();
    expect(bridge.requestsTo('flags:setEnabled')).toHaveLength(0);
  });

  it('kills every flag with a tag in one environment and lists the result per flag', async () => {
    const bridge = createFakeBridge();
    await renderConsole(bridge);
    const bar = within(screen.getByTestId('bulk-kill'));
    fireEvent.change(bar.getByLabelText('Tag'), { target: { value: 'team:payments' } });
    fireEvent.change(bar.getByLabelText('Environment'), { target: { value: 'production' } });
    fireEvent.click(bar.getByRole('button', { name: 'Kill 2 flags in production: checkout.kill and recs.rollout' }));
    fireEvent.click(within(screen.getByRole('dialog', { name: 'Kill 2 flags tagged team:payments in production?' })).getByRole('button', { name: 'Kill 2 flags' }));
    await settle();

    expect(bridge.requestsTo('flags:killByTag')).toEqual([{ tag: 'team:payments', environment: 'production' }]);
    const results = screen.getByTestId('bulk-kill-results').textContent ?? '';
    expect(results).toContain('2 of 2 flags tagged team:payments turned off in production');
    expect(results).toMatch(/checkout\.kill: off \(confirmed \d\d:\d\d:\d\d\)/);
    expect(stateIn('checkout.kill', 'production')).toBe('off');
    expect(stateIn('recs.rollout', 'production')).toBe('off');
    expect(stateIn('checkout.kill', 'development')).toBe('on');
  });
});
