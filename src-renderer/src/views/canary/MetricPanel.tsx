import { memo, useMemo } from 'react';
import type { MetricDef, MetricSeries } from '../../../../src-shared/domain/canary';
import type { ChartMarker, MetricVerdict } from '../../../../src-shared/domain/verdict';
import { lttb } from '../../../../src-shared/series/lttb';
import { useElementWidth } from '../../hooks/useElementWidth';
import { mergeSeries, pointsOf } from './chartData';
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
  const rows = useMemo(
    () => mergeSeries({ canary: lttb(points.canary, pixels), baseline: lttb(points.baseline, pixels) }),
    [points, pixels],
  );
  // Each judgement brings new marker and window objects, mostly equal to the last: the chart keeps
  // the old ones then, and only the summary below it changes.
  const chartMarkers = useSameValue(markers);
  const chartWindow = useSameValue(judgedWindow);
  // New rows redraw the whole chart (recharts re-derives every axis, tick and line from them): one
  // chart per frame, the domain moving with its rows.
  const drawn = useOnePerFrame(useMemo(() => ({ rows, domain }), [rows, domain]));
  return (
    <figure className="metric-panel" ref={ref}>
      <figcaption>
        {metric.label} <span className="muted">({metric.unit || 'no unit'}, worse when it {harmfulWords[metric.harmful]})</span>
      </figcaption>
      <MetricChart metric={metric} rows={drawn.rows} domain={drawn.domain} width={width} markers={chartMarkers} judgedWindow={chartWindow} />
      <MetricSummary metric={metric} judged={judged} window={judgedWindow} />
    </figure>
  );
});

const harmfulWords: Record<MetricDef['harmful'], string> = {
  increase: 'rises',
  decrease: 'falls',
  either: 'moves',
};
