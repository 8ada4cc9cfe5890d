import type { MetricDef } from '../../../../src-shared/domain/canary';
import type { MetricVerdict } from '../../../../src-shared/domain/verdict';
import { formatMetricValue, formatRatio } from '../../../../src-shared/format/metricValue';
import { windowText } from './verdictText';

/**
 * The verdict's own numbers for one metric: its canary and baseline means and their ratio over
 * the verdict's window, never a second computation over the chart's longer window.
 */
export function MetricSummary({ metric, judged, window }: { metric: MetricDef; judged: MetricVerdict | null; window: { from: number; to: number } | null }) {
  const show = (value: number | null | undefined) => (judged && value !== null && value !== undefined ? formatMetricValue(value, metric.unit) : 'no data');
  return (
    <dl className="canary-summary" data-testid="canary-summary" data-metric={metric.id}>
      <div>
        <dt>Canary mean</dt>
        <dd data-role="canary-mean">{show(judged?.mean.canary)}</dd>
      </div>
      <div>
        <dt>Baseline mean</dt>
        <dd data-role="baseline-mean">{show(judged?.mean.baseline)}</dd>
      </div>
      <div>
        <dt>Ratio</dt>
        <dd data-role="ratio">{formatRatio(judged?.ratio ?? null)}</dd>
      </div>
      <div>
        <dt>Over</dt>
        <dd className="muted" data-role="window">
          {window ? `the verdict’s ${windowText(window)}` : 'no verdict yet'}
        </dd>
      </div>
    </dl>
  );
}
