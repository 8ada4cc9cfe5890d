import { act, fireEvent, screen, within } from '@testing-library/react';
import { formatClockSeconds } from '../../format/time';
import { createFakeBridge } from '../../test/fakeBridge';
import { createFakeFlagServer } from '../../test/fakeFlagServer';
import { renderConsole, settle } from '../../test/renderConsole';

const row = (name: string) => within(screen.getAllByTestId('flag-row').find((r) => r.dataset.flag === name)!);
const stateIn = (name: string, env: string) => row(name).getByTestId(`flag-state-${env}`).textContent;
const retryIn = (name: string, env: string) => row(name).queryByTestId(`flag-retry-${env}`);
const UNAVAILABLE = 'Unleash at 127.0.0.1:4242 is not answering; nothing was changed.';

async function consoleWithRetries() {
  const server = createFakeFlagServer();
  const bridge = createFakeBridge(server.handlers);
  await renderConsole(bridge);
  /** Main moved the retry on and said so: the renderer reloads the flags. */
  const advance = async (flag: string, env: string, patch: Parameters<typeof server.advanceRetry>[2]) => {
    server.advanceRetry(flag, env, patch);
    act(() => bridge.emit('state:changed', { domain: 'flags' }));
    await settle();
  };
  return { bridge, advance };
}

async function failedKill(bridge: ReturnType<typeof createFakeBridge>, flag: string, code: 'unavailable' | 'timeout' | 'rate_limited' | 'unauthorized') {
  bridge.failNext('flags:setEnabled', code, code === 'unauthorized' ? 'Unleash answered 401: the token was rejected.' : UNAVAILABLE);
  fireEvent.click(row(flag).getByRole('button', { name: `Kill ${flag} in production` }));
  await settle();
  return row(flag).getByTestId('flag-error-production');
}

describe('a kill that keeps trying', () => {
  it('offers Keep trying after a passing failure, shows each attempt with the next time and last error, and Cancel stops it', async () => {
    const { bridge, advance } = await consoleWithRetries();
    const error = await failedKill(bridge, 'checkout.kill', 'unavailable');
    expect(within(error).getByRole('button', { name: 'Retry' })).toBeTruthy();
    fireEvent.click(within(error).getByRole('button', { name: 'Keep trying' }));
    await settle();

    expect(bridge.requestsTo('flags:keepTrying')).toEqual([{ flag: 'checkout.kill', environment: 'production' }]);
    expect(row('checkout.kill').getByTestId('flag-error-production').textContent).toBe('');
    expect(retryIn('checkout.kill', 'production')!.textContent).toMatch(/^retrying · next \d\d:\d\d:\d\d/);
    expect(stateIn('checkout.kill', 'production')).toBe('on');

    const next = Date.now() + 14_000;
    await advance('checkout.kill', 'production', { attempts: 3, nextAttemptAt: next, lastError: 'Unleash answered 503' });
    const retry = retryIn('checkout.kill', 'production')!;
    expect(retry.dataset.state).toBe('trying');
    expect(retry.textContent).toContain(`retrying · attempt 3 · next ${formatClockSeconds(next)}`);
    expect(retry.textContent).toContain('last error: Unleash answered 503');
    expect(stateIn('checkout.kill', 'production')).toBe('on');

    fireEvent.click(within(retry).getByRole('button', { name: 'Cancel' }));
    await settle();
    expect(bridge.requestsTo('flags:cancelRetry')).toEqual([{ flag: 'checkout.kill', environment: 'production' }]);
    const cancelled = retryIn('checkout.kill', 'production')!;
    expect(cancelled.dataset.state).toBe('cancelled');
    expect(cancelled.textContent).toMatch(/^retrying cancelled \d\d:\d\d:\d\d; the flag is as the server has it$/);
    expect(within(cancelled).queryByRole('button')).toBeNull();
    expect(stateIn('checkout.kill', 'production')).toBe('on');
  });

  it('shows off only once the server confirmed the retried kill, and why it stopped when someone else changed the flag', async () => {
    const { bridge, advance } = await consoleWithRetries();
    for (const flag of ['checkout.kill', 'recs.rollout']) {
      const error = await failedKill(bridge, flag, flag === 'checkout.kill' ? 'timeout' : 'rate_limited');
      fireEvent.click(within(error).getByRole('button', { name: 'Keep trying' }));
      await settle();
    }
    const endedAt = Date.now();
    await advance('checkout.kill', 'production', { state: 'confirmed', attempts: 4, nextAttemptAt: null, endedAt });
    expect(stateIn('checkout.kill', 'production')).toBe('off');
    expect(retryIn('checkout.kill', 'production')!.textContent).toBe(`kill confirmed ${formatClockSeconds(endedAt)} after 4 attempts`);

    const message = 'alice turned it on in Unleash at 14:02:31; stopped trying';
    await advance('recs.rollout', 'production', { state: 'stopped', nextAttemptAt: null, endedAt, message });
    expect(retryIn('recs.rollout', 'production')!.textContent).toBe(message);
    expect(stateIn('recs.rollout', 'production')).toBe('on 25%');

    // Turned on again on the server since: the old confirmation no longer speaks for the cell.
    await bridge.api.flags.setEnabled({ flag: 'checkout.kill', environment: 'production', enabled: true, reason: 'INC-7 over' });
    act(() => bridge.emit('state:changed', { domain: 'flags' }));
    await settle();
    expect(stateIn('checkout.kill', 'production')).toBe('on');
    expect(retryIn('checkout.kill', 'production')).toBeNull();
  });

  it('offers no Keep trying when the failure will not pass, and says so when main refuses to keep trying', async () => {
    const { bridge } = await consoleWithRetries();
    let error = await failedKill(bridge, 'checkout.kill', 'unauthorized');
    expect(within(error).getByRole('button', { name: 'Retry' })).toBeTruthy();
    expect(within(error).queryByRole('button', { name: 'Keep trying' })).toBeNull();

    error = await failedKill(bridge, 'recs.rollout', 'unavailable');
    bridge.failNext('flags:keepTrying', 'conflict', 'recs.rollout is already off in production.');
    fireEvent.click(within(error).getByRole('button', { name: 'Keep trying' }));
    await settle();
    error = row('recs.rollout').getByTestId('flag-error-production');
    expect(error.textContent).toContain('Could not keep trying: recs.rollout is already off in production.');
    expect(retryIn('recs.rollout', 'production')).toBeNull();
    expect(stateIn('recs.rollout', 'production')).toBe('on 25%');
  });

  it('palette: Keep trying after its kill failed for a passing reason, then the state of every kill being retried', async () => {
    const { bridge, advance } = await consoleWithRetries();
    const openPalette = () => {
      fireEvent.keyDown(window, { key: 'k', code: 'KeyK', ctrlKey: true });
      return within(screen.getByRole('dialog', { name: 'Command palette' }));
    };
    const palette = openPalette();
    const field = palette.getByRole('combobox', { name: 'Flag or command' });
    bridge.failNext('flags:setEnabled', 'rate_limited', 'Unleash answered 429: too many requests; nothing was changed.');
    fireEvent.change(field, { target: { value: 'checkout' } });
    fireEvent.keyDown(field, { key: 'Enter' });
    await settle();
    // the palette closed with the Enter; the outcome and its Keep trying live on in the toast
    expect(screen.queryByRole('dialog', { name: 'Command palette' })).toBeNull();
    const toast = within(screen.getByTestId('palette-toast'));
    const outcome = () => screen.getByTestId('palette-outcome').textContent;
    expect(outcome()).toBe('checkout.kill was NOT turned off in production: Unleash answered 429: too many requests; nothing was changed.');

    fireEvent.click(toast.getByRole('button', { name: 'Keep trying' }));
    await settle();
    expect(bridge.requestsTo('flags:keepTrying')).toEqual([{ flag: 'checkout.kill', environment: 'production' }]);
    expect(outcome()).toMatch(/^checkout\.kill is NOT off yet in production: retrying · next \d\d:\d\d:\d\d$/);
    expect(toast.queryByRole('button', { name: 'Keep trying' })).toBeNull();
    const reopened = openPalette();
    const listed = reopened.getAllByTestId('palette-retry');
    expect(listed.map((li) => li.dataset.state)).toEqual(['trying']);
    expect(listed[0]!.textContent).toContain('checkout.kill in production: retrying');

    const endedAt = Date.now();
    await advance('checkout.kill', 'production', { state: 'confirmed', attempts: 2, nextAttemptAt: null, endedAt });
    expect(outcome()).toBe(`checkout.kill is off in production (kill confirmed ${formatClockSeconds(endedAt)} after 2 attempts)`);
    expect(reopened.getAllByTestId('palette-retry').map((li) => li.dataset.state)).toEqual(['confirmed']);
  });

  it('palette: no Keep trying after a failure that will not pass', async () => {
    const { bridge } = await consoleWithRetries();
    fireEvent.keyDown(window, { key: 'k', code: 'KeyK', ctrlKey: true });
    const palette = within(screen.getByRole('dialog', { name: 'Command palette' }));
    bridge.failNext('flags:setEnabled', 'forbidden', 'Unleash answered 403: this token may not change production.');
    fireEvent.change(palette.getByRole('combobox'), { target: { value: 'checkout' } });
    fireEvent.keyDown(palette.getByRole('combobox'), { key: 'Enter' });
    await settle();
    expect(screen.getByTestId('palette-outcome').textContent).toContain('was NOT turned off');
    expect(within(screen.getByTestId('palette-toast')).queryByRole('button', { name: 'Keep trying' })).toBeNull();
  });
});
