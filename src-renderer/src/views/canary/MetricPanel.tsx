import { memo, useMemo } from 'react';
import type { MetricDef, MetricSeries } from '../../../../src-shared/domain/canary';
import type { ChartMarker, MetricVerdict } from '../../../../src-shared/domain/verdict';
import { useElementWidth } from '../../hooks/useElementWidth';
import { pointsOf, sampleLine, snapDomain } from './chartData';
import { valueAxis } from './chartScale';
import { MetricChart } from './MetricChart';
import { MetricSummary } from './MetricSummary';
import { useOnePerFrame } from './useOnePerFrame';
import { useSameValue } from './useSameValue';

export interface MetricPanelProps {
  metric: MetricDef;
  series: readonly MetricSeries[];
  domain: [number, number] | null;
  markers?: readonly ChartMarker[];
  /** this metric as the current verdict judged it, and the verdict's window */
  judged?: MetricVerdict | null;
  judgedWindow?: { from: number; to: number } | null;
}

/** Used until the container is measured, and in jsdom where nothing is. */
const FALLBACK_WIDTH = 480;
/** Left axis and margins: the plot itself is narrower than the panel. */
const AXIS_WIDTH = 96;

/** One metric of a release: its chart, with the verdict's window shaded, and the verdict's numbers for it. */
export const MetricPanel = memo(function MetricPanel({ metric, series, domain, markers, judged = null, judgedWindow = null }: MetricPanelProps) {
  const [ref, width] = useElementWidth<HTMLElement>(FALLBACK_WIDTH);
  const points = useMemo(() => pointsOf(series, metric.id), [series, metric.id]);
  // At most one point per horizontal pixel of the plot, per line (LTTB keeps the spikes); no floor above
  // the plot's width, so even a squeezed panel never draws more points than it has pixels (2 = its ends).
  const pixels = Math.max(2, width - AXIS_WIDTH);
  const lines = useMemo(() => {
    const canary = sampleLine(points.canary, pixels);
    const baseline = sampleLine(points.baseline, pixels);
    return { canary, baseline, values: valueAxis([canary, baseline]) };
  }, [points, pixels]);
  // The axes keep their objects while equal, so recharts' frame is left alone when only the lines moved,
  // and only ChartLines draws the new samples.
  const values = useSameValue(lines.values);
  // The requested window slides with every refresh; its axis moves only when it crosses a round step.
  const [from, to] = domain ?? spanOf(lines.canary.t, lines.baseline.t);
  const xDomain = useSameValue(snapDomain(from, to));
  // Each judgement brings new marker and window objects, mostly equal to the last: the chart keeps
  // the old ones then, and only the summary below it changes.
  const chartMarkers = useSameValue(markers);
  const chartWindow = useSameValue(judgedWindow);
  // One chart per frame when a refresh brings new data to all of them, the axes moving with their lines.
  const drawn = useOnePerFrame(useMemo(() => ({ lines, values, xDomain }), [lines, values, xDomain]));
  return (
    <figure className="metric-panel" ref={ref}>
      <figcaption>
        {metric.label} <span className="muted">({metric.unit || 'no unit'}, worse when it {harmfulWords[metric.harmful]})</span>
      </figcaption>
      <MetricChart
        metric={metric}
        canary={drawn.lines.canary}
        baseline={drawn.lines.baseline}
        domain={drawn.xDomain}
        values={drawn.values}
        width={width} markers={chartMarkers} judgedWindow={chartWindow} />
      <MetricSummary metric={metric} judged={judged} window={judgedWindow} />
    </figure>
  );
});

/** Without a requested window, the samples' own span (or [0, 1] when there are none). */
function spanOf(a: Float64Array, b: Float64Array): [number, number] {
  const firsts = [a[0], b[0]].filter((t): t is number => t !== undefined);
  const lasts = [a[a.length - 1], b[b.length - 1]].filter((t): t is number => t !== undefined);
  return firsts.length ? [Math.min(...firsts), Math.max(...lasts)] : [0, 1];
}

const harmfulWords: Record<MetricDef['harmful'], string> = {
  increase: 'rises',
  decrease: 'falls',
  either: 'moves',
};
