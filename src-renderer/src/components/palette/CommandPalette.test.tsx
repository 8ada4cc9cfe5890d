import { fireEvent, screen, within } from '@testing-library/react';
import { ok } from '../../../../src-shared/ipc/result';
import { createFakeBridge } from '../../test/fakeBridge';
import { flagsListing, HOSTILE } from '../../test/fixtures';
import { renderConsole, settle } from '../../test/renderConsole';

const openPalette = () => {
  fireEvent.keyDown(window, { key: 'k', code: 'KeyK', ctrlKey: true });
  return screen.getByRole('dialog', { name: 'Command palette' });
};
const type = (text: string) => fireEvent.change(screen.getByRole('combobox', { name: 'Flag or command' }), { target: { value: text } });
const press = (key: string) => fireEvent.keyDown(screen.getByRole('combobox', { name: 'Flag or command' }), { key });

describe('command palette', () => {
  it('opens on Ctrl+K with focus in the search field and offers production kills first', async () => {
    await renderConsole();
    const palette = openPalette();
    expect(document.activeElement).toBe(within(palette).getByRole('combobox'));
    const options = within(palette).getAllByRole('option').map((o) => o.textContent);
    expect(options.slice(0, 2)).toEqual([
      expect.stringMatching(/^Kill checkout\.kill in production/),
      expect.stringMatching(/^Kill recs\.rollout in production/),
    ]);
    // a flag that is already off in an environment is never offered as a kill there
    expect(options.some((o) => o?.startsWith('Kill search.new-ranking in production'))).toBe(false);
  });

  it('finds a flag by part of its name, kills it with Enter and closes, the outcome staying as a toast', async () => {
    const { bridge } = await renderConsole();
    const palette = openPalette();
    type('recs');
    expect(within(palette).getAllByRole('option')[0]!.textContent).toMatch(/^Kill recs\.rollout in production/);
    press('Enter');
    expect(screen.queryByRole('dialog', { name: 'Command palette' })).toBeNull();
    await settle();
    expect(bridge.requestsTo('flags:setEnabled')).toEqual([{ flag: 'recs.rollout', environment: 'production', enabled: false }]);
    expect(screen.getByTestId('palette-outcome').textContent).toMatch(
      /^recs\.rollout is off in production \(confirmed \d\d:\d\d:\d\d\)$/,
    );
  });

  it('after a kill, more Enters act on nothing: focus is on the toast, not on a button behind the palette', async () => {
    const { bridge } = await renderConsole();
    // the riskiest opener: a Kill button, which Enter would press if focus went back to it
    const cellKill = screen.getByRole('button', { name: 'Kill checkout.kill in development' });
    cellKill.focus();
    openPalette();
    type('recs');
    press('Enter');
    await settle();
    const toast = screen.getByTestId('palette-toast');
    expect(document.activeElement).toBe(toast);
    fireEvent.keyDown(document.activeElement!, { key: 'Enter' });
    fireEvent.keyDown(document.activeElement!, { key: 'Enter' });
    await settle();
    expect(bridge.requestsTo('flags:setEnabled')).toHaveLength(1);
    expect(screen.queryByRole('dialog', { name: 'Command palette' })).toBeNull();

    // opened again, nothing is chosen until something is typed: Ctrl+K, Enter does nothing
    const again = openPalette();
    expect((within(again).getByRole('combobox') as HTMLInputElement).value).toBe('');
    expect(within(again).getAllByRole('option').some((o) => o.getAttribute('aria-selected') === 'true')).toBe(false);
    press('Enter');
    await settle();
    expect(bridge.requestsTo('flags:setEnabled')).toHaveLength(1);
    expect(screen.getByRole('dialog', { name: 'Command palette' })).toBeTruthy();
    // an arrow chooses deliberately
    press('ArrowDown');
    expect(within(again).getAllByRole('option')[0]!.getAttribute('aria-selected')).toBe('true');
  });

  it('keeps the outcome in the toast until dismissed, and Escape on it dismisses it', async () => {
    await renderConsole();
    openPalette();
    type('recs');
    press('Enter');
    await settle();
    const toast = screen.getByTestId('palette-toast');
    expect(toast.textContent).toContain('recs.rollout is off in production');
    fireEvent.keyDown(toast, { key: 'Escape' });
    expect(screen.queryByTestId('palette-toast')).toBeNull();
  });

  it('caps the typed query and shows a long one elided', async () => {
    await renderConsole();
    const palette = openPalette();
    type('q'.repeat(300));
    const input = within(palette).getByRole('combobox') as HTMLInputElement;
    expect(input.value).toHaveLength(200);
    const empty = within(palette).getByText(/^No flag that is on matches/);
    expect(empty.textContent!.length).toBeLessThan(100);
    expect(empty.textContent).toContain('…');
  });

  it('finds by tag and by description words, and moves with the arrow keys', async () => {
    const { bridge } = await renderConsole();
    const palette = openPalette();
    type('team:payments development');
    expect(within(palette).getAllByRole('option')[0]!.textContent).toMatch(/^Kill checkout\.kill in development/);
    type('incident');
    const options = within(palette).getAllByRole('option');
    expect(options[0]!.getAttribute('aria-selected')).toBe('true');
    press('ArrowDown');
    expect(options[1]!.getAttribute('aria-selected')).toBe('true');
    const { flag, env } = options[1]!.dataset;
    press('Enter');
    await settle();
    expect(bridge.requestsTo('flags:setEnabled')).toEqual([{ flag, environment: env, enabled: false }]);
    expect([flag, env]).not.toEqual([options[0]!.dataset.flag, options[0]!.dataset.env]);
  });

  it('says plainly when the kill failed, and never that the flag is off', async () => {
    const { bridge } = await renderConsole();
    bridge.failNext('flags:setEnabled', 'unauthorized', 'Unleash answered 401: the token was rejected.');
    openPalette();
    type('checkout');
    press('Enter');
    await settle();
    const outcome = screen.getByTestId('palette-outcome').textContent ?? '';
    expect(outcome).toBe('checkout.kill was NOT turned off in production: Unleash answered 401: the token was rejected.');
  });

  it('closes on Escape and gives focus back', async () => {
    await renderConsole();
    const opener = screen.getByRole('button', { name: 'Kill switches' });
    opener.focus();
    const palette = openPalette();
    fireEvent.keyDown(within(palette).getByRole('combobox'), { key: 'Escape' });
    expect(screen.queryByRole('dialog', { name: 'Command palette' })).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it('goes to a view by name', async () => {
    await renderConsole();
    openPalette();
    type('go to flag debt');
    press('Enter');
    await settle();
    expect(screen.queryByRole('dialog', { name: 'Command palette' })).toBeNull();
    expect(screen.getByRole('heading', { name: 'Flag debt' })).toBeTruthy();
  });

  it('offers no kill while changes are disabled, and says why', async () => {
    const bridge = createFakeBridge({
      'flags:list': () => ok(flagsListing({ stale: true, readOnlyReason: 'The flag server is unreachable.' })),
    });
    await renderConsole(bridge);
    const palette = openPalette();
    expect(palette.textContent).toContain('Kills are disabled: The flag server is unreachable.');
    expect(within(palette).getAllByRole('option').every((o) => !o.textContent?.startsWith('Kill'))).toBe(true);
  });

  it('shows a hostile description as text', async () => {
    const bridge = createFakeBridge({
      'flags:list': () =>
        ok(flagsListing({ flags: flagsListing().flags.map((f) => ({ ...f, description: HOSTILE })) })),
    });
    await renderConsole(bridge);
    const palette = openPalette();
    expect(palette.textContent).toContain(HOSTILE);
    expect(document.querySelector('img')).toBeNull();
  });
});
