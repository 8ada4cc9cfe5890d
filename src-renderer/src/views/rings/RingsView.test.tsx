import { screen, within } from '@testing-library/react';
import { renderConsole } from '../../test/renderConsole';
import { RingsView } from './RingsView';

describe('Rings view', () => {
  it('shows each rollout with its phase, weight and steps, the current one highlighted', async () => {
    await renderConsole(undefined, <RingsView />);
    const [row] = screen.getAllByTestId('rollout-row');
    const cells = within(row!);
    expect(cells.getByText('checkout')).toBeTruthy();
    expect(cells.getByText('shop')).toBeTruthy();
    expect(cells.getByText('Paused')).toBeTruthy();
    expect(cells.getByText('20%', { selector: 'td' })).toBeTruthy();
    const steps = cells.getAllByRole('listitem');
    expect(steps.map((s) => s.textContent)).toEqual(['20%', 'pause 600 s', '60%']);
    expect(steps.map((s) => s.getAttribute('aria-current'))).toEqual([null, 'step', null]);
    expect(steps[1]!.className).toContain('step-current');
  });
});
