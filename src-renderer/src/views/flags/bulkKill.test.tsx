import { act, fireEvent, screen, within } from '@testing-library/react';
import { fail, ok } from '../../../../src-shared/ipc/result';
import { createFakeBridge } from '../../test/fakeBridge';
import { flagsListing } from '../../test/fixtures';
import { renderConsole, settle } from '../../test/renderConsole';

const bar = () => within(screen.getByTestId('bulk-kill'));
const killButton = () => screen.getByTestId('bulk-kill-button') as HTMLButtonElement;
const tagSelect = () => bar().getByLabelText('Tag') as HTMLSelectElement;
const shownFlags = () => screen.queryAllByTestId('flag-row').map((r) => r.dataset.flag);

describe('bulk kill by tag', () => {
  it('arrives with no tag chosen and nothing armed', async () => {
    await renderConsole();
    expect(tagSelect().value).toBe('');
    expect(killButton().disabled).toBe(true);
    expect(killButton().textContent).toBe('Choose a tag to kill its flags');
    expect(killButton().classList.contains('danger')).toBe(false);
  });

  it('names the count and the flags, asks once listing them, and Cancel sends nothing', async () => {
    const { bridge } = await renderConsole();
    fireEvent.change(tagSelect(), { target: { value: 'team:payments' } });
    expect(killButton().disabled).toBe(false);
    expect(killButton().textContent).toBe('Kill 2 flags in production: checkout.kill and recs.rollout');

    fireEvent.click(killButton());
    const dialog = screen.getByRole('dialog', { name: 'Kill 2 flags tagged team:payments in production?' });
    expect(within(dialog).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['checkout.kill', 'recs.rollout']);
    // focus starts on Cancel: the Enter that opened the dialog, pressed again, kills nothing
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await settle();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(bridge.requestsTo('flags:killByTag')).toEqual([]);
  });

  it('sends one request on confirmation, then shows the results as a toast and disarms itself', async () => {
    const { bridge } = await renderConsole();
    fireEvent.change(tagSelect(), { target: { value: 'team:payments' } });
    fireEvent.click(killButton());
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Kill 2 flags' }));
    await settle();
    expect(bridge.requestsTo('flags:killByTag')).toEqual([{ tag: 'team:payments', environment: 'production' }]);
    expect(tagSelect().value).toBe('');
    expect(killButton().disabled).toBe(true);
    // the results are over the page, not in the view above the table
    const toast = screen.getByTestId('bulk-kill-toast');
    expect(toast.textContent).toContain('2 of 2 flags tagged team:payments turned off in production');
    expect(screen.getByRole('region', { name: 'Kill switches' }).contains(toast)).toBe(false);
    fireEvent.click(within(toast).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByTestId('bulk-kill-toast')).toBeNull();
  });

  it('is disabled, and says so, when no flag with the tag is on there', async () => {
    await renderConsole();
    const note = tagSelect().querySelectorAll('option')[1]!.value;
    expect(note.startsWith('note:')).toBe(true);
    fireEvent.change(tagSelect(), { target: { value: note } });
    expect(killButton().disabled).toBe(true);
    expect(killButton().textContent).toBe(`No flag tagged ${note} is on in production`);
  });

  it('spells out three names, then how many more', async () => {
    const names = ['a.one', 'b.two', 'c.three', 'd.four', 'e.five'];
    const flags = names.map((name) => ({ ...flagsListing().flags[0]!, name }));
    await renderConsole(createFakeBridge({ 'flags:list': () => ok(flagsListing({ flags })) }));
    fireEvent.change(tagSelect(), { target: { value: 'team:payments' } });
    expect(killButton().textContent).toBe('Kill 5 flags in production: a.one, b.two, c.three and 2 more');
    fireEvent.click(killButton());
    expect(within(screen.getByTestId('bulk-kill-targets')).getAllByRole('listitem')).toHaveLength(5);
  });
});

describe('the flag filter', () => {
  it('narrows the table by name or tag as one types, says how many, and Escape clears it', async () => {
    await renderConsole();
    const filter = screen.getByRole('searchbox', { name: 'Filter flags' });
    expect(filter.tabIndex).toBe(0);
    fireEvent.change(filter, { target: { value: 'recs' } });
    expect(shownFlags()).toEqual(['recs.rollout']);
    expect(screen.getByTestId('flag-filter-count').textContent).toBe('1 of 3 flags');
    fireEvent.change(filter, { target: { value: 'team:pay kill' } });
    expect(shownFlags()).toEqual(['checkout.kill']);
    fireEvent.change(filter, { target: { value: 'zzz' } });
    expect(shownFlags()).toEqual([]);
    // the header stays, and so do its columns: the table says there is no match
    expect(screen.getAllByRole('columnheader')).toHaveLength(6);
    expect(screen.getByTestId('flags-empty').textContent).toBe('No flag matches “zzz”.');
    fireEvent.keyDown(filter, { key: 'Escape' });
    expect((filter as HTMLInputElement).value).toBe('');
    expect(shownFlags()).toEqual(['checkout.kill', 'search.new-ranking', 'recs.rollout']);
  });
});

describe('a stable Kill switches layout', () => {
  it('says a failed refresh in the reserved strip above the table, which is there before any message', async () => {
    const bridge = createFakeBridge();
    await renderConsole(bridge);
    const strip = screen.getByTestId('flags-messages');
    expect(strip.textContent).toBe('');
    bridge.respond('flags:list', () => fail('unavailable', 'Unleash at 127.0.0.1:4242 is not answering'));
    act(() => bridge.emit('state:changed', { domain: 'flags' }));
    await settle();
    expect(within(strip).getByTestId('error-note').textContent).toContain('is not answering');
    expect(screen.getByTestId('flags-messages')).toBe(strip);
    expect(shownFlags()).toHaveLength(3);
  });

  it('lets a flag name wrap only after . - and _', async () => {
    const flags = [{ ...flagsListing().flags[0]!, name: 'search.personalization_v2-beta' }];
    await renderConsole(createFakeBridge({ 'flags:list': () => ok(flagsListing({ flags })) }));
    const name = screen.getAllByTestId('flag-row')[0]!.querySelector('th .flag-name-text')!;
    expect(name.innerHTML).toBe('search.<wbr>personalization_<wbr>v2-<wbr>beta');
  });
});
