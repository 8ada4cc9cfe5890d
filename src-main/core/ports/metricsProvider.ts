import type { SeriesPoint } from '../../../src-shared/domain/canary';

export interface RangeQuery {
  query: string;
  /** epoch ms */
  start: number;
  end: number;
  stepMs: number;
}

export interface RawSeries {
  labels: Record<string, string>;
  points: SeriesPoint[];
}

/** A Prometheus-API metrics store (Prometheus, Thanos, Mimir, VictoriaMetrics). */
export interface MetricsProvider {
  readonly provider: string;
  queryRange(query: RangeQuery): Promise<RawSeries[]>;
}
