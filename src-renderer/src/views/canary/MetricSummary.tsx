import type { MetricDef } from '../../../../src-shared/domain/canary';
import { formatNumber, formatValue } from '../../format/number';
import type { MetricSummaryValues } from './chartData';

const show = (value: number | null, unit: string) => (value === null ? 'no data' : formatValue(value, unit));

/** Mean of canary and baseline over the window, and their ratio. */
export function MetricSummary({ metric, values }: { metric: MetricDef; values: MetricSummaryValues }) {
  return (
    <dl className="canary-summary" data-testid="canary-summary" data-metric={metric.id}>
      <div>
        <dt>Canary mean</dt>
        <dd data-role="canary-mean">{show(values.canaryMean, metric.unit)}</dd>
      </div>
      <div>
        <dt>Baseline mean</dt>
        <dd data-role="baseline-mean">{show(values.baselineMean, metric.unit)}</dd>
      </div>
      <div>
        <dt>Ratio</dt>
        <dd data-role="ratio">{values.ratio === null ? '—' : `×${formatNumber(values.ratio)}`}</dd>
      </div>
    </dl>
  );
}
