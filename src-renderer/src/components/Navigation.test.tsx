import { act, fireEvent, screen, within } from '@testing-library/react';
import { renderConsole, settle } from '../test/renderConsole';
import { resetStore } from '../store/useRingside';

const nav = () => within(screen.getByRole('navigation', { name: 'Views' }));
const current = () => nav().getAllByRole('button').find((b) => b.getAttribute('aria-current') === 'page')?.textContent;

describe('view navigation', () => {
  it('starts on Kill switches and offers the six views', async () => {
    await renderConsole();
    expect(nav().getAllByRole('button').map((b) => b.textContent)).toEqual(['Kill switches', 'Canary', 'Rings', 'Audit', 'Flag debt', 'Changes']);
    expect(current()).toBe('Kill switches');
    expect(await screen.findAllByTestId('flag-row')).not.toHaveLength(0);
  });

  it('switches views with Alt+2, Alt+4 and Alt+6', async () => {
    await renderConsole();
    fireEvent.keyDown(window, { key: '2', code: 'Digit2', altKey: true });
    await settle();
    expect(current()).toBe('Canary');
    expect(screen.getByRole('heading', { name: 'Canary' })).toBeTruthy();
    expect(await screen.findAllByTestId('canary-chart')).toHaveLength(3);

    // macOS types a symbol for Alt+4: the physical key still counts.
    fireEvent.keyDown(window, { key: '¢', code: 'Digit4', altKey: true });
    expect(current()).toBe('Audit');
    expect((await screen.findByTestId('audit-list')).dataset.count).toBe('120');

    fireEvent.keyDown(window, { key: '6', code: 'Digit6', altKey: true });
    await settle();
    expect(current()).toBe('Changes');
    expect(screen.getByRole('heading', { name: 'Changes' })).toBeTruthy();
  });

  it('ignores digits without Alt, or with Ctrl as well', async () => {
    await renderConsole();
    fireEvent.keyDown(window, { key: '3', code: 'Digit3' });
    fireEvent.keyDown(window, { key: '3', code: 'Digit3', altKey: true, ctrlKey: true });
    expect(current()).toBe('Kill switches');
  });

  it('switches views by click and remembers the last one', async () => {
    await renderConsole();
    fireEvent.click(nav().getByRole('button', { name: 'Rings' }));
    expect(current()).toBe('Rings');
    expect(await screen.findAllByTestId('rollout-row')).toHaveLength(1);
    expect(localStorage.getItem('ringside.view')).toBe('rings');

    act(() => resetStore());
    expect(current()).toBe('Rings');
  });

  it('falls back to Kill switches when the remembered view is unknown', async () => {
    localStorage.setItem('ringside.view', 'settings');
    resetStore();
    await renderConsole();
    expect(current()).toBe('Kill switches');
  });
});
