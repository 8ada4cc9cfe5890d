import { render, screen } from '@testing-library/react';
import { createFakeBridge } from '../test/fakeBridge';
import { renderConsole } from '../test/renderConsole';
import { DebtView } from '../views/debt/DebtView';
import { ErrorNote } from './ErrorNote';

describe('a view\'s load error', () => {
  it('floats over the page instead of pushing the view down, with its Retry', async () => {
    const bridge = createFakeBridge();
    bridge.failNext('flags:debt', 'unavailable', 'Unleash at 127.0.0.1:4242 cannot be reached (ECONNREFUSED). Is it running?');
    const { container } = await renderConsole(bridge, <DebtView />);
    const note = screen.getByTestId('error-note');
    expect(note.textContent).toContain('cannot be reached');
    // Not in the view's flow: it lives in the toast region, outside what was rendered.
    expect(container.contains(note)).toBe(false);
    expect(note.closest('#toast-region')).not.toBeNull();
    expect(note.getAttribute('role')).toBe('alert');
    screen.getByRole('button', { name: 'Retry' }).click();
    await vi.waitFor(() => expect(bridge.requestsTo('flags:debt')).toHaveLength(2));
  });
});

describe('a permission problem', () => {
  it('names the permission the server said was missing, once', () => {
    const { container, rerender } = render(<ErrorNote error={{ code: 'forbidden', message: 'Unleash answered 403.', permission: 'UPDATE_FEATURE_ENVIRONMENT' }} />);
    expect(container.textContent).toBe('Unleash answered 403. (missing permission: UPDATE_FEATURE_ENVIRONMENT)');
    rerender(<ErrorNote error={{ code: 'forbidden', message: 'Unleash answered 403: UPDATE_FEATURE_ENVIRONMENT is missing.', permission: 'UPDATE_FEATURE_ENVIRONMENT' }} />);
    expect(container.textContent).toBe('Unleash answered 403: UPDATE_FEATURE_ENVIRONMENT is missing.');
  });
});
