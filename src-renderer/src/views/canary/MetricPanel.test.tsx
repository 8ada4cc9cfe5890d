import { act, fireEvent, render } from '@testing-library/react';
import type { MetricDef, MetricSeries } from '../../../../src-shared/domain/canary';
import type { ChartMarker } from '../../../../src-shared/domain/verdict';
import { MetricPanel } from './MetricPanel';

const NOW = 1_800_000_000_000;
const HOUR = 3_600_000;
const metric: MetricDef = { id: 'latency_p95', label: 'Latency p95', unit: 'ms', harmful: 'increase' };

/** `n` samples per group over the last two hours: far more than the plot has pixels. */
function series(n: number, level = 100): MetricSeries[] {
  const points = (offset: number) =>
    Array.from({ length: n }, (_, i) => [NOW - 2 * HOUR + (i * 2 * HOUR) / n, level + offset + Math.sin(i / 40) * 10] as [number, number]);
  return [
    { metric: metric.id, group: 'canary', points: points(5) },
    { metric: metric.id, group: 'baseline', points: points(0) },
  ];
}
const domain: [number, number] = [NOW - 2 * HOUR, NOW];
const markers = (): ChartMarker[] => [{ time: NOW - HOUR, kind: 'rollout', label: 'rollout to 25%', actor: 'ana' }];
const judgedWindow = () => ({ from: NOW - HOUR / 2, to: NOW });

/** Drawn points of each line: one path command (M, L or C) per point. */
const drawnPoints = (root: Element) =>
  [...root.querySelectorAll('path.recharts-line-curve')].map((p) => (p.getAttribute('d')?.match(/[MLC]/g) ?? []).length);
/** One animation frame, where there are any: each chart takes new data in a frame of its own. */
const nextFrame = () =>
  act(() => new Promise<void>((resolve) => (typeof requestAnimationFrame === 'function' ? requestAnimationFrame(() => resolve()) : resolve())));
const plotWidth = (root: Element) => Number(root.querySelector('svg defs clipPath rect')?.getAttribute('width'));

describe('MetricPanel drawing live data', () => {
  it('draws at most one point per horizontal pixel of the plot for each line, however many samples came', async () => {
    const { container } = render(<MetricPanel metric={metric} series={series(20_000)} domain={domain} />);
    await act(async () => {});
    const points = drawnPoints(container);
    expect(points).toHaveLength(2);
    expect(plotWidth(container)).toBeGreaterThan(0);
    for (const n of points) {
      expect(n).toBeGreaterThan(100);
      expect(n).toBeLessThanOrEqual(plotWidth(container));
    }
  });

  it('draws the lines without animation (live data would start a new one every refresh)', async () => {
    const { container } = render(<MetricPanel metric={metric} series={series(500)} domain={domain} />);
    await act(async () => {});
    const paths = [...container.querySelectorAll('path.recharts-line-curve')];
    expect(paths).toHaveLength(2);
    // an animated line is drawn through a growing stroke-dasharray
    for (const path of paths) expect(path.getAttribute('stroke-dasharray')).toBeNull();
  });

  it('a new judgement with equal markers and window does not redraw the chart, only the summary changes', async () => {
    // recharts measures each line's path on every render of it: count the measurements
    const measured = vi.fn(() => 100);
    const proto = SVGElement.prototype as unknown as { getTotalLength?: () => number };
    proto.getTotalLength = measured;
    try {
      const data = series(500);
      // each judgement brings new marker and window objects with the same content
      const panel = () => <MetricPanel metric={metric} series={data} domain={domain} markers={markers()} judgedWindow={judgedWindow()} />;
      const { container, rerender } = render(panel());
      await act(async () => {});
      const chart = container.querySelector('[data-testid="canary-chart"]')!;
      const changes: MutationRecord[] = [];
      const observer = new MutationObserver((records) => changes.push(...records));
      observer.observe(chart, { subtree: true, childList: true, attributes: true, characterData: true });
      measured.mockClear();

      rerender(panel());
      await act(async () => {});
      observer.disconnect();
      expect(measured).not.toHaveBeenCalled();
      expect(changes).toEqual([]);

      // a window that moved does reach the chart
      rerender(<MetricPanel metric={metric} series={data} domain={domain} markers={markers()} judgedWindow={{ from: NOW - HOUR, to: NOW }} />);
      await act(async () => {});
      expect(container.querySelector('[data-testid="chart-window"] rect')).not.toBeNull();
    } finally {
      delete proto.getTotalLength;
    }
  });

  it('new samples change only the two lines: recharts’ axes, grid and markers are left as they were', async () => {
    const panel = (level: number) => <MetricPanel metric={metric} series={series(500, level)} domain={domain} markers={markers()} judgedWindow={judgedWindow()} />;
    const { container, rerender } = render(panel(100));
    await act(async () => {});
    const chart = container.querySelector('[data-testid="canary-chart"]')!;
    const before = [...chart.querySelectorAll('path.chart-line-curve')].map((p) => p.getAttribute('d'));
    const changed = new Set<Element>();
    const observer = new MutationObserver((records) => {
      for (const r of records) changed.add(r.target instanceof Element ? r.target : r.target.parentElement!);
    });
    observer.observe(chart, { subtree: true, childList: true, attributes: true, characterData: true });

    rerender(panel(101)); // the same value axis, other values
    await nextFrame();
    observer.disconnect();
    const after = [...chart.querySelectorAll('path.chart-line-curve')].map((p) => p.getAttribute('d'));
    expect(after).toHaveLength(2);
    expect(after[0]).not.toBe(before[0]);
    expect(after[1]).not.toBe(before[1]);
    expect([...changed].map((e) => e.getAttribute('class'))).toEqual(['chart-line-curve recharts-line-curve', 'chart-line-curve recharts-line-curve']);
  });

  it('reads out both lines at the sample under the pointer, and nothing once it leaves', async () => {
    const { container } = render(<MetricPanel metric={metric} series={series(500)} domain={domain} />);
    await act(async () => {});
    const chart = container.querySelector('[data-testid="canary-chart"]')!;
    expect(chart.querySelector('[data-testid="chart-readout"]')).toBeNull();
    // jsdom lays nothing out: the chart's left edge is at 0, so clientX is the x inside the chart
    act(() => void fireEvent.mouseMove(chart, { clientX: 280, clientY: 80 }));
    const readout = chart.querySelector('[data-testid="chart-readout"]');
    expect(readout?.textContent).toMatch(/Canary: [\d.]+ ms/);
    expect(readout?.textContent).toMatch(/Baseline: [\d.]+ ms/);
    expect(readout?.querySelectorAll('circle')).toHaveLength(2);
    act(() => void fireEvent.mouseLeave(chart));
    expect(chart.querySelector('[data-testid="chart-readout"]')).toBeNull();
  });
});
