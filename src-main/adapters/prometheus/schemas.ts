import { z } from 'zod';

/**
 * The Prometheus HTTP API envelope (`/api/v1/query`, `/api/v1/query_range`) as Prometheus,
 * Thanos, Mimir and VictoriaMetrics all answer it. Sample values are strings ("1.5", "NaN",
 * "+Inf"); timestamps are unix seconds with a fraction.
 */
const Sample = z.tuple([z.number(), z.string()]);
const Labels = z.record(z.string(), z.string());

const MatrixSeries = z.object({
  metric: Labels,
  values: z.array(Sample).optional(),
  // native histograms (experimental in 2.x) come here instead of in `values`
  histograms: z.array(z.unknown()).optional(),
});
const VectorSample = z.object({ metric: Labels, value: Sample.optional(), histogram: z.unknown().optional() });

export const QueryData = z.discriminatedUnion('resultType', [
  z.object({ resultType: z.literal('matrix'), result: z.array(MatrixSeries) }),
  z.object({ resultType: z.literal('vector'), result: z.array(VectorSample) }),
  z.object({ resultType: z.literal('scalar'), result: Sample }),
  z.object({ resultType: z.literal('string'), result: Sample }),
]);
export type QueryData = z.infer<typeof QueryData>;

export const QuerySuccess = z.object({
  status: z.literal('success'),
  data: QueryData,
  warnings: z.array(z.string()).optional(),
});

export const QueryFailure = z.object({
  status: z.literal('error'),
  errorType: z.string(),
  error: z.string(),
});
export type QueryFailure = z.infer<typeof QueryFailure>;

export const QueryResponse = z.discriminatedUnion('status', [QuerySuccess, QueryFailure]);
