import type { RingsideError } from '../../../src-shared/ipc/result';
import { startPrometheus, type PrometheusServer } from '../../../test-harness/prometheus';
import { labelValue, regexValue, selector } from '../../core/canary/promql/escape';
import { HOSTILE_VALUES } from '../../core/canary/promql/hostileValues';
import { renderTemplate } from '../../core/canary/promql/template';
import { createPrometheusProvider, type PrometheusProvider } from './prometheusProvider';
import { startSyntheticCheckout, type SyntheticCheckout } from './syntheticCheckout';

// A real Prometheus 2.42 scraping a synthetic checkout service every second.
let checkout: SyntheticCheckout;
let prom: PrometheusServer;
let provider: PrometheusProvider;
const timings: Record<string, number> = {};

const ERROR_RATIO =
  'sum(rate(http_requests_total{service="checkout",version="{{version}}",code="500"}[5s])) / sum(rate(http_requests_total{service="checkout",version="{{version}}"}[5s]))';
const P95 = 'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{service="checkout",version=$version}[5s])))';

beforeAll(async () => {
  const t0 = Date.now();
  checkout = await startSyntheticCheckout(HOSTILE_VALUES);
  prom = await startPrometheus({ scrapeTargets: [checkout.target] });
  timings.ready = Date.now() - t0;
  await prom.waitForTargetsUp(20_000);
  timings.targetsUp = Date.now() - t0;
  provider = createPrometheusProvider({ url: prom.url });
  // rate() over [5s] needs two scrapes of the same series
  await vi.waitFor(async () => expect(await provider.query(renderTemplate(ERROR_RATIO, { version: 'canary' }))).toHaveLength(1), {
    timeout: 20_000,
    interval: 250,
  });
  timings.firstRate = Date.now() - t0;
}, 60_000);

afterAll(async () => {
  console.info(`prometheus integration timings (ms since start): ${JSON.stringify(timings)}`);
  await prom?.stop();
  await checkout?.close();
});

async function directError(endpoint: string, params: Record<string, string>) {
  const res = await fetch(`${prom.url}/api/v1/${endpoint}?${new URLSearchParams(params).toString()}`);
  return { ...((await res.json()) as { errorType: string; error: string }), status: res.status };
}

const lastSeconds = (seconds: number) => {
  const end = Math.floor(Date.now() / 1000) * 1000;
  return { start: end - seconds * 1000, end, stepMs: 1000 };
};

describe('Prometheus adapter against a real Prometheus', () => {
  it('returns aligned baseline and canary series, with the canary failing more and slower', async () => {
    const { range, baseline, canary } = await vi.waitFor(
      async () => {
        const window = lastSeconds(20);
        const [b, c] = await Promise.all(
          ['baseline', 'canary'].map(async (version) => (await provider.queryRange({ query: renderTemplate(ERROR_RATIO, { version }), ...window }))[0]),
        );
        expect(Math.min(b?.points.length ?? 0, c?.points.length ?? 0)).toBeGreaterThanOrEqual(3);
        return { range: window, baseline: b, canary: c };
      },
      { timeout: 15_000, interval: 500 },
    );
    const times = (s: typeof baseline) => s?.points.map(([t]) => t) ?? [];
    expect(times(canary)).toEqual(times(baseline));
    expect(times(canary).every((t) => (t - range.start) % range.stepMs === 0)).toBe(true);
    canary?.points.forEach(([, ratio], i) => {
      const base = baseline?.points[i]?.[1] ?? NaN;
      expect(ratio).toBeGreaterThan(base);
      expect(ratio).toBeCloseTo(5 / 55, 2);
      expect(base).toBeCloseTo(0.5 / 50.5, 2);
    });

    const [p95Base, p95Canary] = await Promise.all(['baseline', 'canary'].map((version) => provider.query(renderTemplate(P95, { version }))));
    expect(p95Canary?.[0]?.points[0]?.[1]).toBeGreaterThan(p95Base?.[0]?.points[0]?.[1] ?? Infinity);
  });

  it.each(HOSTILE_VALUES.map((v) => [v.slice(0, 40), v]))('selects exactly the series whose version is %j', async (_, version) => {
    const byEquality = await provider.query(selector('http_requests_total', { service: 'checkout', version }));
    expect(byEquality.map((s) => s.labels.version)).toEqual([version]);
    const byRegex = await provider.query(`http_requests_total{version=~${regexValue(version)}}`);
    expect(byRegex.map((s) => s.labels.version)).toEqual([version]);
    const templated = await provider.queryRange({ query: renderTemplate('http_requests_total{version="{{v}}"}', { v: version }), ...lastSeconds(3) });
    expect(templated.map((s) => s.labels.version)).toEqual([version]);
  });

  it('would have been injected without escaping (the hostile values really are hostile)', async () => {
    const naive = await provider.query(`http_requests_total{service="checkout",version="${HOSTILE_VALUES[0]}"}`);
    expect(naive).toContainEqual({ labels: {}, points: [[expect.any(Number), 1]] });
  });

  it('passes a malformed query\'s bad_data error on verbatim', async () => {
    const malformed = `sum(rate(http_requests_total{version=${labelValue('canary')}}[5s])`;
    const range = lastSeconds(10);
    const direct = await directError('query_range', { query: malformed, start: `${range.start / 1000}`, end: `${range.end / 1000}`, step: '1' });
    expect(direct.errorType).toBe('bad_data');
    const error = await provider.queryRange({ query: malformed, ...range }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'bad_request', message: `Prometheus rejected the query (bad_data): ${direct.error}` });
  });

  it('maps an execution failure (422) to "could not execute"', async () => {
    const query = 'http_requests_total + on(service) http_requests_total';
    const direct = await directError('query', { query });
    expect(direct).toMatchObject({ status: 422, errorType: 'execution', error: expect.stringContaining('many-to-many matching not allowed') });
    const error = (await provider.query(query).catch((e: unknown) => e)) as RingsideError;
    expect(error.code).toBe('bad_response');
    const prefix = 'Prometheus could not execute the query (execution): ';
    expect(error.message.startsWith(prefix)).toBe(true);
    // The shared HTTP client keeps the error field only, at most 300 characters of it (then "…").
    const shown = error.message.slice(prefix.length);
    expect(shown.length).toBe(Math.min(direct.error.length, 300) + (direct.error.length > 300 ? 1 : 0));
    expect(direct.error.startsWith(shown.replace(/…$/, ''))).toBe(true);
  });

  it('reads NaN, +Inf and -Inf from a real answer', async () => {
    const values = await Promise.all(['0/0', '1/0', '-1/0'].map(async (q) => (await provider.queryRange({ query: q, ...lastSeconds(3) }))[0]?.points[0]?.[1]));
    expect(values).toEqual([NaN, Infinity, -Infinity]);
  });

  it('raises a step Prometheus would refuse, and writes keyword metric names through __name__', async () => {
    const day = 86_400_000;
    const end = Date.now();
    const series = await provider.queryRange({ query: 'vector(1)', start: end - day, end, stepMs: 1 });
    expect(series[0]?.points.length).toBeLessThanOrEqual(11_000);
    expect(series[0]?.points.length).toBeGreaterThan(10_000);
    await expect(provider.query(selector('sum', { job: 'harness' }))).resolves.toEqual([]);
  });
});
