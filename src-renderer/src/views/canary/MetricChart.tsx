import { memo, useMemo, type MouseEvent } from 'react';
import { CartesianGrid, LineChart, ReferenceLine, XAxis, YAxis } from 'recharts';
import type { ChartMarker } from '../../../../src-shared/domain/verdict';
import type { MetricDef } from '../../../../src-shared/domain/canary';
import { formatValue } from '../../format/number';
import { formatClock, formatDateTime } from '../../format/time';
import { ChartLines } from './ChartLines';
import { ChartReadout } from './ChartReadout';
import { ChartWindow } from './ChartWindow';
import { ChartDrawingContext, type ChartDrawing, type ChartSeries } from './chartDrawing';
import { timeTicks, type ChartLine } from './chartData';
import { createChartPointer } from './chartPointer';
import type { ValueAxis } from './chartScale';
import { markerLanes } from './markerLanes';
import { useSameValue } from './useSameValue';
import './chart.css';

const HEIGHT = 200;
const MARGIN = { top: 8, right: 16, bottom: 4, left: 8 };
const Y_AXIS_WIDTH = 72;
/** The chart's width less the y axis and the side margins: the plot the x ticks share. */
const PLOT_INSET = Y_AXIS_WIDTH + MARGIN.left + MARGIN.right;
const NO_MARKERS: readonly ChartMarker[] = [];

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
  /** the drawn samples of each group, at most one per pixel of the plot */
  canary: ChartLine;
  baseline: ChartLine;
  /** the x axis' domain: the requested window (snapped to a round step), so the axis does not jump while samples arrive */
  domain: readonly [number, number];
  /** the value axis the lines are drawn against */
  values: ValueAxis;
  width: number;
  markers?: readonly ChartMarker[];
  /** the samples the verdict compared, shaded so the summary's numbers can be found on the chart */
  judgedWindow?: { from: number; to: number } | null;
}

/**
 * Canary against baseline for one metric; new data flows into the same chart, never a new one.
 * recharts draws the frame (grid, axes, markers) over domains given to it and never sees the
 * samples; the two lines are one SVG path each (ChartLines), and the verdict's window (ChartWindow)
 * and the hover readout (ChartReadout) are ours too, all fed through context. A refresh then changes two paths, and the frame
 * only when its x domain crossed a step or its value axis changed. Nothing animates, and every part
 * keeps its identity while its inputs are equal: recharts re-registers a child in its store (and
 * redraws the whole chart once more) whenever the child's props are new or the chart re-renders.
 */
export const MetricChart = memo(function MetricChart({ metric, canary, baseline, domain, values, width, markers = NO_MARKERS, judgedWindow = null }: MetricChartProps) {
  const unit = metric.unit;
  const format = useMemo(() => (value: unknown) => (typeof value === 'number' ? formatValue(value, unit) : String(value)), [unit]);
  const [from, to] = domain;
  const ticks = useSameValue(timeTicks(from, to, width - PLOT_INSET));
  const lanes = useSameValue(markerLanes(markers.map((m) => m.time), [from, to], width));
  const pointer = useMemo(createChartPointer, []);
  // recharts never sees the samples: its rows are the frame's two corners, new only when a domain moves
  // (with no rows at all it draws no ticks and no markers).
  const [lo, hi] = values.domain;
  const corners = useMemo(() => [{ t: from, v: lo }, { t: to, v: hi }], [from, to, lo, hi]);
  const series = useMemo<ChartSeries[]>(
    () => [
      { key: 'canary', name: 'Canary', color: CANARY_COLOR, line: canary },
      { key: 'baseline', name: 'Baseline', color: BASELINE_COLOR, line: baseline },
    ],
    [canary, baseline],
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
  const grid = useMemo(() => <CartesianGrid strokeDasharray="3 3" />, []);
  const yAxis = useMemo(
    () => <YAxis dataKey="v" type="number" width={Y_AXIS_WIDTH} domain={values.domain} ticks={values.ticks} interval={0} tickFormatter={format} />,
    [values, format],
  );
  const xAxis = useMemo(
    () => <XAxis dataKey="t" type="number" domain={domain as [number, number]} ticks={ticks} interval={0} tickFormatter={formatClock} />,
    [domain, ticks],
  );
  const drawing = useMemo<ChartDrawing>(
    () => ({ series, xDomain: domain, yDomain: values.domain, judgedWindow, formatValue: format }),
    [series, domain, values, judgedWindow, format],
  );
  // The frame: rendered again only when one of its parts changes (a domain crossed a step, a marker
  // came, the panel was resized), never for new samples alone; those reach the lines through context.
  const frame = useMemo(
    () => (
      <LineChart width={width} height={HEIGHT} data={corners} margin={MARGIN}>
        {grid}
        {xAxis}
        {yAxis}
        <ChartWindow />
        {markerLines}
        <ChartLines />
        <ChartReadout pointer={pointer} formatTime={formatDateTime} />
      </LineChart>
    ),
    [width, corners, grid, xAxis, yAxis, markerLines, pointer],
  );
  const onMove = useMemo(
    () => ({
      onMouseMove: (e: MouseEvent<HTMLDivElement>) => pointer.set(e.clientX - e.currentTarget.getBoundingClientRect().left),
      onMouseLeave: () => pointer.set(null),
    }),
    [pointer],
  );

  return (
    <div className="canary-chart" data-testid="canary-chart" data-metric={metric.id} data-points={Math.max(canary.t.length, baseline.t.length)} {...onMove}>
      <ChartDrawingContext.Provider value={drawing}>{frame}</ChartDrawingContext.Provider>
      <ul className="chart-legend">
        {series.map((s) => (
          <li key={s.key}>
            <svg width={16} height={4} aria-hidden="true">
              <line x1={0} x2={16} y1={2} y2={2} stroke={s.color} strokeWidth={2} />
            </svg>
            {s.name}
          </li>
        ))}
      </ul>
    </div>
  );
});
