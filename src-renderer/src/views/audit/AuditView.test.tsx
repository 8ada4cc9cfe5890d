import { fireEvent, screen, within } from '@testing-library/react';
import { HOSTILE } from '../../test/fixtures';
import { renderConsole, settle } from '../../test/renderConsole';
import { AuditView } from './AuditView';

describe('Audit view', () => {
  it('lists events newest first with their details, reasons as text', async () => {
    await renderConsole(undefined, <AuditView />);
    const rows = screen.getAllByTestId('audit-row');
    expect(rows).toHaveLength(50);
    expect(rows.map((r) => Number(r.dataset.id)).slice(0, 3)).toEqual([120, 119, 118]);
    const first = within(rows[0]!);
    for (const text of ['console', 'ana', 'flag.off', 'flag-120', 'production', HOSTILE]) {
      expect(first.getByText(text)).toBeTruthy();
    }
    expect(document.querySelector('img')).toBeNull();
  });

  it('loads older pages with Load more until there are none', async () => {
    const { bridge } = await renderConsole(undefined, <AuditView />);
    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    await settle();
    expect(screen.getAllByTestId('audit-row')).toHaveLength(100);
    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    await settle();
    const rows = screen.getAllByTestId('audit-row');
    expect(rows).toHaveLength(120);
    expect(rows[rows.length - 1]!.dataset.id).toBe('1');
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
    expect(bridge.requestsTo('audit:page')).toEqual([{ limit: 50 }, { limit: 50, beforeId: 71 }, { limit: 50, beforeId: 21 }]);
  });
});
