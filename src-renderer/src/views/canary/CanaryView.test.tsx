import { act, fireEvent, screen, within } from '@testing-library/react';
import { useRingside } from '../../store/useRingside';
import { createFakeBridge } from '../../test/fakeBridge';
import { renderConsole, settle } from '../../test/renderConsole';
import { CanaryView } from './CanaryView';

const summary = (metric: string) =>
  screen.getAllByTestId('canary-summary').find((s) => s.dataset.metric === metric)!;
const canaryMean = (metric: string) => summary(metric).querySelector('[data-role="canary-mean"]')!.textContent;

describe('Canary view', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('draws one chart per metric of the selected release, canary against baseline', async () => {
    await renderConsole(createFakeBridge(), <CanaryView />);
    const charts = screen.getAllByTestId('canary-chart');
    expect(charts.map((c) => c.dataset.metric)).toEqual(['latency_p95', 'error_rate', 'cpu']);
    expect(charts[0]!.querySelector('svg.recharts-surface')).not.toBeNull();
    expect(charts[0]!.querySelectorAll('.recharts-line')).toHaveLength(2);

    expect(canaryMean('latency_p95')).toBe('110 ms');
    expect(within(summary('latency_p95')).getByText('100 ms')).toBeTruthy();
    expect(within(summary('latency_p95')).getByText('×1.1')).toBeTruthy();
    expect(canaryMean('error_rate')).toBe('110%');
  });

  it('asks for the last two hours of the selected release', async () => {
    const { bridge } = await renderConsole(createFakeBridge(), <CanaryView />);
    const [request] = bridge.requestsTo('canary:series');
    expect(request).toMatchObject({ releaseId: 'checkout-2.4.0' });
    expect(request!.to - request!.from).toBe(2 * 60 * 60 * 1000);
    expect(Math.abs(request!.to - Date.now())).toBeLessThan(5_000);
  });

  it('shows the charts of another release when it is selected', async () => {
    await renderConsole(createFakeBridge(), <CanaryView />);
    fireEvent.change(screen.getByRole('combobox', { name: 'Release' }), { target: { value: 'search-1.9.0' } });
    await settle();
    expect(screen.getAllByTestId('canary-chart').map((c) => c.dataset.metric)).toEqual(['latency_p95', 'error_rate']);
  });

  it('refreshes every 5 s, updating values in the same charts instead of re-mounting them', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const { bridge } = await renderConsole(createFakeBridge(), <CanaryView />);
    const chart = screen.getAllByTestId('canary-chart')[0]!;
    const surface = chart.querySelector('svg.recharts-surface');
    const line = chart.querySelector('.recharts-line');
    const pathBefore = chart.querySelector('.recharts-line-curve')?.getAttribute('d');
    expect(pathBefore).toBeTruthy();
    expect(canaryMean('latency_p95')).toBe('110 ms');

    await act(() => vi.advanceTimersByTimeAsync(5_000));
    await settle();

    expect(bridge.requestsTo('canary:series')).toHaveLength(2);
    expect(canaryMean('latency_p95')).toBe('120 ms');
    expect(screen.getAllByTestId('canary-chart')[0]).toBe(chart);
    expect(chart.querySelector('svg.recharts-surface')).toBe(surface);
    expect(chart.querySelector('.recharts-line')).toBe(line);
    // the new values reached the drawing too, not only the summary
    expect(chart.querySelector('.recharts-line-curve')?.getAttribute('d')).not.toBe(pathBefore);
  });

  it('shows a series error with Retry, keeping the charts', async () => {
    const bridge = createFakeBridge();
    bridge.respond('canary:series', () => ({
      ok: false,
      error: { code: 'unavailable', message: 'Prometheus at 127.0.0.1:9090 is not answering.' },
    }));
    await renderConsole(bridge, <CanaryView />);
    expect(screen.getByTestId('error-note').textContent).toContain('Prometheus at 127.0.0.1:9090 is not answering.');
    expect(screen.getAllByTestId('canary-chart')).toHaveLength(3);
    expect(canaryMean('cpu')).toBe('no data');
  });

  it('shows the verdict pushed for the selected release', async () => {
    const { bridge } = await renderConsole(createFakeBridge(), <CanaryView />);
    act(() => bridge.emit('canary:verdict', { releaseId: 'checkout-2.4.0', outcome: 'fail', score: 42.4 }));
    expect(screen.getByTestId('canary-verdict').textContent).toBe('fail (42)');
    expect(useRingside.getState().verdicts['checkout-2.4.0']).toEqual({ outcome: 'fail', score: 42.4 });
  });
});
