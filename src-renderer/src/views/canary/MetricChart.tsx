import { memo, useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ReferenceArea, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import type { ChartMarker } from '../../../../src-shared/domain/verdict';
import type { MetricDef } from '../../../../src-shared/domain/canary';
import { formatValue } from '../../format/number';
import { formatClock, formatDateTime } from '../../format/time';
import { timeTicks, type ChartRow } from './chartData';
import { markerLanes } from './markerLanes';
import { useSameValue } from './useSameValue';

const HEIGHT = 220;
const MARGIN = { top: 8, right: 16, bottom: 4, left: 8 };
const Y_AXIS_WIDTH = 72;
/** The chart's width less the y axis and the side margins: the plot the x ticks share. */
const PLOT_INSET = Y_AXIS_WIDTH + MARGIN.left + MARGIN.right;
const DATA_DOMAIN = ['dataMin', 'dataMax'];
const NO_MARKERS: readonly ChartMarker[] = [];
const WINDOW_LABEL = { value: 'verdict window', position: 'insideTopRight', fontSize: 10 } as const;

const MARKER_COLORS: Record<ChartMarker['kind'], string> = {
  kill: '#d93025',
  guard: '#a50e0e',
  flag: '#7b1fa2',
  rollout: '#188038',
  verdict: '#5f6368',
};

export const CANARY_COLOR = '#e8710a';
export const BASELINE_COLOR = '#1a73e8';

export interface MetricChartProps {
  metric: MetricDef;
  rows: ChartRow[];
  /** the requested window, so the x axis does not jump while samples arrive */
  domain: [number, number] | null;
  width: number;
  markers?: readonly ChartMarker[];
  /** the samples the verdict compared, shaded so the summary's numbers can be found on the chart */
  judgedWindow?: { from: number; to: number } | null;
}

const labelTime = (t: unknown) => (typeof t === 'number' ? formatDateTime(t) : String(t));

/**
 * Canary against baseline for one metric; new data flows into the same chart, never a new one.
 * Live data redraws every refresh, so nothing animates, and every part but the rows and the
 * x domain keeps its identity across refreshes: recharts re-registers a child in its store (and
 * redraws the whole chart once more) whenever that child's props are new objects.
 */
export const MetricChart = memo(function MetricChart({ metric, rows, domain, width, markers = NO_MARKERS, judgedWindow = null }: MetricChartProps) {
  const unit = metric.unit;
  const format = useMemo(() => (value: unknown) => (typeof value === 'number' ? formatValue(value, unit) : String(value)), [unit]);
  const from = domain?.[0] ?? rows[0]?.t ?? 0;
  const to = domain?.[1] ?? rows[rows.length - 1]?.t ?? 0;
  const ticks = useSameValue(timeTicks(from, to, width - PLOT_INSET));
  const lanes = useSameValue(markerLanes(markers.map((m) => m.time), [from, to], width));
  const windowFrom = judgedWindow?.from;
  const windowTo = judgedWindow?.to;

  const area = useMemo(
    () =>
      windowFrom !== undefined &&
      windowTo !== undefined && <ReferenceArea x1={windowFrom} x2={windowTo} fill="#80868b" fillOpacity={0.08} ifOverflow="hidden" label={WINDOW_LABEL} />,
    [windowFrom, windowTo],
  );
  const markerLines = useMemo(
    () =>
      markers.map((m, i) => (
        <ReferenceLine
          key={`${m.time}-${m.kind}-${m.label}`}
          x={m.time}
          stroke={MARKER_COLORS[m.kind]}
          strokeDasharray="4 2"
          ifOverflow="hidden"
          label={{ value: m.kind, position: 'insideTopLeft', fontSize: 10, fill: MARKER_COLORS[m.kind], dy: 11 * (lanes[i] ?? 0) }}
        >
          <title>{`${m.label} by ${m.actor}`}</title>
        </ReferenceLine>
      )),
    [markers, lanes],
  );
  const fixed = useMemo(
    () => (
      <>
        <CartesianGrid strokeDasharray="3 3" />
        <YAxis width={Y_AXIS_WIDTH} tickFormatter={format} interval={0} />
        <Tooltip formatter={format} labelFormatter={labelTime} />
        <Legend />
      </>
    ),
    [format],
  );
  const xAxis = useMemo(
    () => <XAxis dataKey="t" type="number" scale="time" domain={domain ?? DATA_DOMAIN} ticks={ticks} interval={0} tickFormatter={formatClock} />,
    [domain, ticks],
  );
  const lines = useMemo(
    () => (
      <>
        <Line type="monotone" dataKey="canary" name="Canary" stroke={CANARY_COLOR} dot={false} strokeWidth={2} isAnimationActive={false} connectNulls />
        <Line type="monotone" dataKey="baseline" name="Baseline" stroke={BASELINE_COLOR} dot={false} strokeWidth={2} isAnimationActive={false} connectNulls />
      </>
    ),
    [],
  );

  return (
    <div className="canary-chart" data-testid="canary-chart" data-metric={metric.id} data-points={rows.length}>
      <LineChart width={width} height={HEIGHT} data={rows} margin={MARGIN}>
        {fixed}
        {xAxis}
        {area}
        {markerLines}
        {lines}
      </LineChart>
    </div>
  );
});
