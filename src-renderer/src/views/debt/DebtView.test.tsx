import { fireEvent, screen, within } from '@testing-library/react';
import { ok } from '../../../../src-shared/ipc/result';
import { createFakeBridge } from '../../test/fakeBridge';
import { HOSTILE, NOW } from '../../test/fixtures';
import { giveHeight, scrollerOf } from '../../test/layOut';
import { fleetFlagName, manyDebtRows } from '../../test/manyFlags';
import { renderConsole, settle } from '../../test/renderConsole';
import { DEBT_ROW_ESTIMATE } from './DebtTable';
import { DebtView } from './DebtView';

const flagsShown = () => screen.getAllByTestId('debt-row').map((r) => r.dataset.flag);

describe('flag-debt board', () => {
  it('lists the flags that are debt with each reason, oldest first', async () => {
    const bridge = createFakeBridge();
    await renderConsole(bridge, <DebtView />);
    expect(bridge.requestsTo('flags:debt')).toHaveLength(1);
    expect(flagsShown()).toEqual(['exp.color', 'search.new-ranking', 'old.banner', 'recs.rollout']);
    const banner = within(screen.getAllByTestId('debt-row').find((r) => r.dataset.flag === 'old.banner')!);
    expect(banner.getByText('past its expected lifetime')).toBeTruthy();
    expect(banner.getByText('no owner: tag')).toBeTruthy();
    expect(banner.getByText('past its expires: date')).toBeTruthy();
    expect(screen.getByTestId('debt-summary').textContent).toContain('4 of 5 flags are debt');
  });

  it('sorts by a column on click, toggling the direction, and says so to assistive tech', async () => {
    await renderConsole(createFakeBridge(), <DebtView />);
    fireEvent.click(screen.getByRole('button', { name: 'Fully on (days)' }));
    expect(flagsShown()).toEqual(['old.banner', 'search.new-ranking', 'exp.color', 'recs.rollout']);
    expect(screen.getByRole('columnheader', { name: /Fully on/ }).getAttribute('aria-sort')).toBe('descending');
    fireEvent.click(screen.getByRole('button', { name: /Fully on \(days\)/ }));
    expect(flagsShown()).toEqual(['search.new-ranking', 'old.banner', 'exp.color', 'recs.rollout']);
  });

  it('shows every flag when asked, including long-lived ones that are not debt', async () => {
    await renderConsole(createFakeBridge(), <DebtView />);
    fireEvent.click(screen.getByLabelText('Only flags with debt'));
    expect(flagsShown()).toContain('checkout.kill');
  });

  it('renders a hostile owner as text and exports what is shown as CSV', async () => {
    const blobs: Blob[] = [];
    URL.createObjectURL = vi.fn((blob: Blob) => {
      blobs.push(blob);
      return 'blob:debt';
    });
    URL.revokeObjectURL = vi.fn();
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    await renderConsole(createFakeBridge(), <DebtView />);
    expect(screen.getByText(HOSTILE)).toBeTruthy();
    expect(document.querySelector('img')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    await settle();
    expect(click).toHaveBeenCalledTimes(1);
    const csv = await blobs[0]!.text();
    const lines = csv.trimEnd().split('\r\n');
    expect(lines.map((l) => l.split(',')[0])).toEqual(['flag', 'exp.color', 'search.new-ranking', 'old.banner', 'recs.rollout']);
    click.mockRestore();
  });

  it("re-reads the board when a flag changes and it's shown", async () => {
    const { bridge } = await renderConsole(createFakeBridge(), <DebtView />);
    const { act } = await import('@testing-library/react');
    act(() => bridge.emit('state:changed', { domain: 'flags' }));
    await settle();
    expect(bridge.requestsTo('flags:debt')).toHaveLength(2);
  });

  it('draws a screenful of a 5,000-flag board, sorts all of it, and reaches its last row by scrolling', async () => {
    const takeBack = giveHeight('debt-scroll', 600);
    try {
      const bridge = createFakeBridge({ 'flags:debt': () => ok({ rows: manyDebtRows(5_000), computedAt: NOW }) });
      await renderConsole(bridge, <DebtView />);
      expect(screen.getByTestId('debt-summary').textContent).toContain('5000 of 5000 flags are debt');
      expect(screen.getByRole('table').getAttribute('aria-rowcount')).toBe('5001');
      const drawn = flagsShown();
      expect(drawn.length).toBeGreaterThan(5);
      expect(drawn.length).toBeLessThan(60);
      expect(drawn[0]).toBe(fleetFlagName(1));

      // Youngest first: the whole board is sorted, not the rows drawn.
      fireEvent.click(screen.getByRole('button', { name: /Age \(days\)/ }));
      expect(flagsShown()[0]).toBe(fleetFlagName(5_000));

      const scrollTo = scrollerOf(screen.getByTestId('debt-scroll'));
      await scrollTo(4_999 * DEBT_ROW_ESTIMATE);
      expect(flagsShown()).toContain(fleetFlagName(1));
      expect(flagsShown().length).toBeLessThan(60);
    } finally {
      takeBack();
    }
  });
});
