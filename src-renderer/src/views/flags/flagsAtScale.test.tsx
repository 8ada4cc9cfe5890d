import { act, fireEvent, screen, within } from '@testing-library/react';
import { PALETTE_LIMIT } from '../../components/palette/paletteCommands';
import { createFakeBridge } from '../../test/fakeBridge';
import { fakeFlagHandlers } from '../../test/fakeFlagServer';
import { giveHeight, scrollerOf } from '../../test/layOut';
import { fleetFlagName, manyFlags } from '../../test/manyFlags';
import { renderConsole, settle } from '../../test/renderConsole';
import { FLAG_ROW_ESTIMATE } from './FlagsTable';

const FLEET = 5_000;
const FAR = 4_990;
const farName = fleetFlagName(FAR);

const fleetBridge = () => createFakeBridge(fakeFlagHandlers({ flags: manyFlags(FLEET) }));
const rows = () => screen.queryAllByTestId('flag-row');
const rowOf = (name: string) => rows().find((r) => r.dataset.flag === name);

let takeBack: () => void;
beforeEach(() => {
  takeBack = giveHeight('flags-scroll', 600);
});
afterEach(() => takeBack());

describe('Kill switches at 5,000 flags', () => {
  it('draws a screenful of rows, not 5,000, and the 4,990th is reached by scrolling and killed alone', async () => {
    const { bridge } = await renderConsole(fleetBridge());
    const table = screen.getByRole('table');
    expect(table.getAttribute('aria-rowcount')).toBe(String(FLEET + 1));
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual([
      'Name', 'Type', 'Description', 'Tags', 'development', 'production',
    ]);
    expect(rows().length).toBeGreaterThan(5);
    expect(rows().length).toBeLessThan(60);
    expect(rows()[0]!.dataset.flag).toBe(fleetFlagName(1));
    expect(rowOf(farName)).toBeUndefined();

    const scrollTo = scrollerOf(screen.getByTestId('flags-scroll'));
    await scrollTo((FAR - 1) * FLAG_ROW_ESTIMATE);
    expect(rows().length).toBeLessThan(60);
    const far = rowOf(farName)!;
    expect(far.getAttribute('aria-rowindex')).toBe(String(FAR + 1));
    expect(rowOf(fleetFlagName(1))).toBeUndefined();

    fireEvent.click(within(far).getByRole('button', { name: `Kill ${farName} in production` }));
    await settle();
    expect(bridge.requestsTo('flags:setEnabled')).toEqual([{ flag: farName, environment: 'production', enabled: false }]);
    expect(within(rowOf(farName)!).getByTestId('flag-state-production').textContent).toBe('off');
  });

  it('keeps the row holding keyboard focus in the page when it scrolls out of view, and lets it go on blur', async () => {
    await renderConsole(fleetBridge());
    const scrollTo = scrollerOf(screen.getByTestId('flags-scroll'));
    await scrollTo((FAR - 1) * FLAG_ROW_ESTIMATE);
    const kill = within(rowOf(farName)!).getByRole('button', { name: `Kill ${farName} in production` });
    act(() => kill.focus());
    expect(document.activeElement).toBe(kill);

    await scrollTo(0);
    expect(rows()[0]!.dataset.flag).toBe(fleetFlagName(1));
    expect(rowOf(farName)).toBeDefined();
    expect(document.activeElement).toBe(kill);
    expect(rows().length).toBeLessThan(60);

    act(() => kill.blur());
    await scrollTo(FLAG_ROW_ESTIMATE);
    expect(rowOf(farName)).toBeUndefined();
  });

  it('palette: draws at most its cap of options and finds the 4,990th flag, whose Enter kills exactly it', async () => {
    const { bridge } = await renderConsole(fleetBridge());
    fireEvent.keyDown(window, { key: 'k', code: 'KeyK', ctrlKey: true });
    const palette = screen.getByRole('dialog', { name: 'Command palette' });
    expect(within(palette).getAllByRole('option')).toHaveLength(PALETTE_LIMIT);

    const field = within(palette).getByRole('combobox', { name: 'Flag or command' });
    fireEvent.change(field, { target: { value: 'e' } });
    expect(within(palette).getAllByRole('option').length).toBeLessThanOrEqual(PALETTE_LIMIT);
    fireEvent.change(field, { target: { value: `flag-${FAR}` } });
    const first = within(palette).getAllByRole('option')[0]!;
    expect(first.dataset).toMatchObject({ flag: farName, env: 'production' });

    fireEvent.keyDown(field, { key: 'Enter' });
    await settle();
    expect(bridge.requestsTo('flags:setEnabled')).toEqual([{ flag: farName, environment: 'production', enabled: false }]);
    expect(screen.getByTestId('palette-outcome').textContent).toMatch(new RegExp(`^${farName.replace('.', '\\.')} is off in production`));
  });
});
