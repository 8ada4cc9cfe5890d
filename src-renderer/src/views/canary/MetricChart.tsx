import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { MetricDef } from '../../../../src-shared/domain/canary';
import { formatValue } from '../../format/number';
import { formatClock, formatDateTime } from '../../format/time';
import { useElementWidth } from '../../hooks/useElementWidth';
import type { ChartRow } from './chartData';

const HEIGHT = 220;
/** Used until the container is measured, and in jsdom where nothing is. */
const FALLBACK_WIDTH = 480;

export const CANARY_COLOR = '#e8710a';
export const BASELINE_COLOR = '#1a73e8';

export interface MetricChartProps {
  metric: MetricDef;
  rows: ChartRow[];
  /** the requested window, so the x axis does not jump while samples arrive */
  domain: [number, number] | null;
}

/** Canary against baseline for one metric; new data flows into the same chart, never a new one. */
export function MetricChart({ metric, rows, domain }: MetricChartProps) {
  const [ref, width] = useElementWidth<HTMLDivElement>(FALLBACK_WIDTH);
  const format = (value: unknown) => (typeof value === 'number' ? formatValue(value, metric.unit) : String(value));
  return (
    <div className="canary-chart" data-testid="canary-chart" data-metric={metric.id} ref={ref}>
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
