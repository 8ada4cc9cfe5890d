import { act, fireEvent, screen } from '@testing-library/react';
import type { Verdict } from '../../../../src-shared/domain/verdict';
import { useRingside } from '../../store/useRingside';
import { createFakeBridge, type FakeBridge } from '../../test/fakeBridge';
import { NOW, releases } from '../../test/fixtures';
import { renderConsole, settle } from '../../test/renderConsole';
import { CanaryView } from './CanaryView';

const summary = (metric: string) =>
  screen.getAllByTestId('canary-summary').find((s) => s.dataset.metric === metric)!;
const cell = (root: Element, role: string) => root.querySelector(`[data-role="${role}"]`)!.textContent;
const canaryMean = (metric: string) => cell(summary(metric), 'canary-mean');
const tableRow = (metric: string) => screen.getAllByTestId('verdict-metric').find((r) => r.dataset.metric === metric)!;

/** A verdict over the last 30 min whose canary means sit at `level` (the charts' series say something else). */
function judged(releaseId: string, level: number, patch: Partial<Verdict> = {}): Verdict {
  const release = releases.find((r) => r.id === releaseId)!;
  return {
    releaseId,
    outcome: 'pass',
    score: 100,
    reason: 'Passed: score 100 is at least 95; no metric failed.',
    decidedBy: 'score',
    decidedAt: NOW,
    window: { from: NOW - 30 * 60_000, to: NOW },
    stale: false,
    metrics: release.metrics.map((m, i) => ({
      id: m.id, label: m.label, unit: m.unit, classification: 'Pass', harmful: 'increase', failing: false, critical: false, weight: 1,
      reason: 'no significant difference', n: { canary: 600, baseline: 600 }, mean: { canary: level + i / 7, baseline: 100 + i },
      ratio: (level + i / 7) / (100 + i), pValue: 0.4, shift: 1, ci: { lower: -1, upper: 2 }, method: 'normal',
    })),
    rules: [],
    ...patch,
  };
}

/** The fake core's judge answers a higher canary level on each read, as the series do. */
function judgingBridge(): FakeBridge {
  const bridge = createFakeBridge();
  let reads = 0;
  bridge.respond('canary:judge', (req) => ({ ok: true, value: judged(req.releaseId, 123.4 + 10 * reads++) }));
  return bridge;
}

describe('Canary view', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('draws one chart per metric of the selected release, canary against baseline', async () => {
    await renderConsole(judgingBridge(), <CanaryView />);
    const charts = screen.getAllByTestId('canary-chart');
    expect(charts.map((c) => c.dataset.metric)).toEqual(['latency_p95', 'error_rate', 'cpu']);
    expect(charts[0]!.querySelector('svg.recharts-surface')).not.toBeNull();
    expect(charts[0]!.querySelectorAll('.recharts-line')).toHaveLength(2);
  });

  it('the chart summary shows the verdict’s numbers, the same as the verdict table, and names the verdict’s window', async () => {
    await renderConsole(judgingBridge(), <CanaryView />);
    // The charts' two-hour series put the canary at 110; the verdict over its 30 minutes says 123.
    expect(canaryMean('latency_p95')).toBe('123 ms');
    for (const metric of ['latency_p95', 'error_rate', 'cpu']) {
      for (const role of ['canary-mean', 'baseline-mean', 'ratio']) {
        expect(cell(summary(metric), role)).toBe(cell(tableRow(metric), role));
      }
    }
    expect(cell(summary('error_rate'), 'canary-mean')).toBe('124%');
    expect(cell(summary('cpu'), 'ratio')).toBe('×1.21');
    expect(cell(summary('cpu'), 'window')).toMatch(/^the verdict’s last 30 min to \d\d:\d\d:\d\d$/);
    expect(screen.getByTestId('verdict-window').textContent).toContain(cell(summary('cpu'), 'window')!.replace('the verdict’s ', ''));
  });

  it('asks for the last two hours of the selected release', async () => {
    const { bridge } = await renderConsole(createFakeBridge(), <CanaryView />);
    const [request] = bridge.requestsTo('canary:series');
    expect(request).toMatchObject({ releaseId: 'checkout-2.4.0' });
    expect(request!.to - request!.from).toBe(2 * 60 * 60 * 1000);
    expect(Math.abs(request!.to - Date.now())).toBeLessThan(5_000);
  });

  it('shows the charts of another release when it is selected', async () => {
    await renderConsole(judgingBridge(), <CanaryView />);
    fireEvent.change(screen.getByRole('combobox', { name: 'Release' }), { target: { value: 'search-1.9.0' } });
    await settle();
    expect(screen.getAllByTestId('canary-chart').map((c) => c.dataset.metric)).toEqual(['latency_p95', 'error_rate']);
    expect(tableRow('latency_p95')).toBeTruthy();
    expect(canaryMean('latency_p95')).toBe(cell(tableRow('latency_p95'), 'canary-mean'));
  });

  it('refreshes every 5 s, updating values in the same charts instead of re-mounting them', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const { bridge } = await renderConsole(judgingBridge(), <CanaryView />);
    const chart = screen.getAllByTestId('canary-chart')[0]!;
    const surface = chart.querySelector('svg.recharts-surface');
    const line = chart.querySelector('.recharts-line');
    const pathBefore = chart.querySelector('.recharts-line-curve')?.getAttribute('d');
    expect(pathBefore).toBeTruthy();
    expect(canaryMean('latency_p95')).toBe('123 ms');

    await act(() => vi.advanceTimersByTimeAsync(5_000));
    await settle();

    expect(bridge.requestsTo('canary:series')).toHaveLength(2);
    expect(bridge.requestsTo('canary:judge')).toHaveLength(2);
    expect(canaryMean('latency_p95')).toBe('133 ms');
    expect(cell(tableRow('latency_p95'), 'canary-mean')).toBe('133 ms');
    expect(screen.getAllByTestId('canary-chart')[0]).toBe(chart);
    expect(chart.querySelector('svg.recharts-surface')).toBe(surface);
    expect(chart.querySelector('.recharts-line')).toBe(line);
    // the new values reached the drawing too, not only the summary
    expect(chart.querySelector('.recharts-line-curve')?.getAttribute('d')).not.toBe(pathBefore);
  });

  it('shows a series error with Retry, keeping the charts and the verdict’s numbers', async () => {
    const bridge = judgingBridge();
    bridge.respond('canary:series', () => ({
      ok: false,
      error: { code: 'unavailable', message: 'Prometheus at 127.0.0.1:9090 is not answering.' },
    }));
    await renderConsole(bridge, <CanaryView />);
    expect(screen.getByTestId('error-note').textContent).toContain('Prometheus at 127.0.0.1:9090 is not answering.');
    expect(screen.getAllByTestId('canary-chart')).toHaveLength(3);
    expect(canaryMean('cpu')).toBe('124 cores');
  });

  it('says no data in the summary until there is a verdict', async () => {
    const bridge = createFakeBridge();
    bridge.respond('canary:judge', () => ({ ok: false, error: { code: 'unavailable', message: 'Prometheus is not answering.' } }));
    await renderConsole(bridge, <CanaryView />);
    expect(canaryMean('latency_p95')).toBe('no data');
    expect(cell(summary('latency_p95'), 'window')).toBe('no verdict yet');
  });

  it('reads the judgement again when main pushes a changed verdict, and the badge names what decided it', async () => {
    const bridge = judgingBridge();
    await renderConsole(bridge, <CanaryView />);
    expect(screen.getByTestId('canary-verdict').textContent).toBe('pass · score 100 / 100');
    const rule = {
      kind: 'absolute' as const, metric: 'latency_p95', threshold: 200, tripped: true, canary: 535, baseline: 210,
      message: 'p95 latency (last sample): canary 535 ms is 325 ms above baseline 210 ms; the limit is +200 ms',
      label: 'p95 latency', unit: 'ms', breached: true, evaluated: true, breaches: 3, tripAfter: 3,
    };
    bridge.respond('canary:judge', (req) => ({ ok: true, value: judged(req.releaseId, 123.4, { outcome: 'fail', decidedBy: 'rule', rules: [rule] }) }));
    act(() => bridge.emit('canary:verdict', { releaseId: 'checkout-2.4.0', outcome: 'fail', score: 100 }));
    await settle();
    expect(screen.getByTestId('canary-verdict').textContent).toBe('fail · stop-the-line rule on p95 latency (3 of 3 breaches)');
    expect(useRingside.getState().verdicts['checkout-2.4.0']).toEqual({ outcome: 'fail', score: 100 });
    expect(screen.getByTestId('verdict-decided').textContent).toBe(' decided by stop-the-line rule on p95 latency (3 of 3 breaches)');
  });
});
