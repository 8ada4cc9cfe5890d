import { act, fireEvent, screen } from '@testing-library/react';
import { CANARY_WINDOW_MS } from '../../store/loaders';
import { useRingside } from '../../store/useRingside';
import { renderConsole, settle } from '../../test/renderConsole';
import { CanaryView } from './CanaryView';

describe('the canary at a moment opened from the audit', () => {
  it('centres the series and markers on that moment until the user goes back to live', async () => {
    const { bridge } = await renderConsole(undefined, <CanaryView refreshMs={60_000} />);
    const at = Date.now() - 6 * 3_600_000;
    act(() => useRingside.getState().showCanaryAt('checkout-2.4.0', at));
    await settle();
    const pinned = bridge.requestsTo('canary:series').at(-1)!;
    expect(pinned).toMatchObject({ releaseId: 'checkout-2.4.0', from: at - CANARY_WINDOW_MS / 2, to: at + CANARY_WINDOW_MS / 2 });
    expect(bridge.requestsTo('canary:markers').at(-1)).toMatchObject({ from: at - CANARY_WINDOW_MS / 2, to: at + CANARY_WINDOW_MS / 2 });
    expect(screen.getByTestId('canary-pinned').textContent).toContain('opened from the audit');

    fireEvent.click(screen.getByRole('button', { name: 'Back to live' }));
    await settle();
    const live = bridge.requestsTo('canary:series').at(-1)!;
    expect(live.to).toBeGreaterThan(Date.now() - 60_000);
    expect(screen.queryByTestId('canary-pinned')).toBeNull();
  });
});
