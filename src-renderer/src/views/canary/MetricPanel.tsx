import { memo, useMemo } from 'react';
import type { MetricDef, MetricSeries } from '../../../../src-shared/domain/canary';
import { mergeSeries, pointsOf, summarize } from './chartData';
import { MetricChart } from './MetricChart';
import { MetricSummary } from './MetricSummary';

export interface MetricPanelProps {
  metric: MetricDef;
  series: readonly MetricSeries[];
  domain: [number, number] | null;
}

/** One metric of a release: its chart and its summary. */
export const MetricPanel = memo(function MetricPanel({ metric, series, domain }: MetricPanelProps) {
  const points = useMemo(() => pointsOf(series, metric.id), [series, metric.id]);
  const rows = useMemo(() => mergeSeries(points), [points]);
  const values = useMemo(() => summarize(points), [points]);
  return (
    <figure className="metric-panel">
      <figcaption>
        {metric.label} <span className="muted">({metric.unit || 'no unit'}, worse when it {harmfulWords[metric.harmful]})</span>
      </figcaption>
      <MetricChart metric={metric} rows={rows} domain={domain} />
      <MetricSummary metric={metric} values={values} />
    </figure>
  );
});

const harmfulWords: Record<MetricDef['harmful'], string> = {
  increase: 'rises',
  decrease: 'falls',
  either: 'moves',
};
