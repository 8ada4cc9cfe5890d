import type { RawSeries } from '../../core/ports';
import { RingsideError } from '../../../src-shared/ipc/result';
import { parseSampleValue, secondsToMs } from './sampleValue';
import type { QueryData } from './schemas';
import { MAX_POINTS_PER_SERIES } from './stepGuard';

const NATIVE_HISTOGRAM =
  'returned native histograms, which Ringside cannot chart; wrap the histogram in histogram_quantile() or histogram_count().';

/** Any result type as series of [epoch ms, value]; an instant vector gives one point per series. */
export function toSeries(data: QueryData, query: string): RawSeries[] {
  const about = `The query ${JSON.stringify(query.length > 80 ? `${query.slice(0, 80)}…` : query)}`;
  switch (data.resultType) {
    case 'matrix':
      return data.result.map((series) => {
        if (series.histograms?.length && !series.values?.length) throw new RingsideError('bad_request', `${about} ${NATIVE_HISTOGRAM}`);
        const values = series.values ?? [];
        // A store that ignores the 11,000 limit must not fill the cache with an unbounded series.
        if (values.length > MAX_POINTS_PER_SERIES) {
          throw new RingsideError(
            'bad_response',
            `Prometheus answered ${values.length} points for one series of ${about.slice(4)}, more than the 11,000 a series may hold. ` +
              'Use a larger step or a shorter range.',
          );
        }
        return { labels: series.metric, points: values.map(([t, v]) => [secondsToMs(t), parseSampleValue(v)]) };
      });
    case 'vector':
      return data.result.map((sample) => {
        if (!sample.value) throw new RingsideError('bad_request', `${about} ${NATIVE_HISTOGRAM}`);
        return { labels: sample.metric, points: [[secondsToMs(sample.value[0]), parseSampleValue(sample.value[1])]] };
      });
    case 'scalar':
      return [{ labels: {}, points: [[secondsToMs(data.result[0]), parseSampleValue(data.result[1])]] }];
    case 'string':
      throw new RingsideError('bad_request', `${about} returns a string, not numbers.`);
  }
}
