import { CartesianGrid, Legend, Line, LineChart, ReferenceArea, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import type { ChartMarker } from '../../../../src-shared/domain/verdict';
import type { MetricDef } from '../../../../src-shared/domain/canary';
import { formatValue } from '../../format/number';
import { formatClock, formatDateTime } from '../../format/time';
import type { ChartRow } from './chartData';
import { markerLanes } from './markerLanes';

const HEIGHT = 220;

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

/** Canary against baseline for one metric; new data flows into the same chart, never a new one. */
export function MetricChart({ metric, rows, domain, width, markers = [], judgedWindow = null }: MetricChartProps) {
  const format = (value: unknown) => (typeof value === 'number' ? formatValue(value, metric.unit) : String(value));
  const first = rows[0]?.t;
  const last = rows[rows.length - 1]?.t;
  const span: [number, number] = domain ?? [first ?? 0, last ?? 0];
  const lanes = markerLanes(markers.map((m) => m.time), span, width);
  return (
    <div className="canary-chart" data-testid="canary-chart" data-metric={metric.id} data-points={rows.length}>
      <LineChart width={width} height={HEIGHT} data={rows} margin={{ top: 8, right: 16, bottom: 4, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis
          dataKey="t"
          type="number"
          scale="time"
          domain={domain ?? ['dataMin', 'dataMax']}
          tickFormatter={formatClock}
          minTickGap={24}
        />
        <YAxis width={72} tickFormatter={format} />
        <Tooltip formatter={format} labelFormatter={(t) => (typeof t === 'number' ? formatDateTime(t) : String(t))} />
        <Legend />
        {judgedWindow && (
          <ReferenceArea x1={judgedWindow.from} x2={judgedWindow.to} fill="#80868b" fillOpacity={0.08} ifOverflow="hidden" label={{ value: 'verdict window', position: 'insideTopRight', fontSize: 10 }} />
        )}
        {markers.map((m, i) => (
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
        ))}
        <Line
          type="monotone"
          dataKey="canary"
          name="Canary"
          stroke={CANARY_COLOR}
          dot={false}
          strokeWidth={2}
          isAnimationActive={false}
          connectNulls
        />
        <Line
          type="monotone"
          dataKey="baseline"
          name="Baseline"
          stroke={BASELINE_COLOR}
          dot={false}
          strokeWidth={2}
          isAnimationActive={false}
          connectNulls
        />
      </LineChart>
    </div>
  );
}
