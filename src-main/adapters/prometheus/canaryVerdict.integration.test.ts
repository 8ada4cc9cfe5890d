import { startPrometheus, type PrometheusServer } from '../../../test-harness/prometheus';
import { createCore, type Core } from '../../core/createCore';
import type { Verdict } from '../../../src-shared/domain/verdict';
import { workspaceFromDefinition } from '../workspaceDefinition';
import { startSyntheticCheckout, type SyntheticCheckout } from './syntheticCheckout';

// A real Prometheus scraping a synthetic checkout whose canary answers more 500s than its baseline,
// judged end to end: workspace definition → PromQL templates → query_range → judge.
let checkout: SyntheticCheckout;
let prom: PrometheusServer;
let core: Core;

beforeAll(async () => {
  checkout = await startSyntheticCheckout();
  prom = await startPrometheus({ scrapeTargets: [checkout.target] });
  await prom.waitForTargetsUp(20_000);
  core = createCore({
    dataDir: ':memory:',
    version: 't',
    log: () => {},
    workspace: () =>
      workspaceFromDefinition({
        id: 'it',
        name: 'Prometheus',
        metrics: { provider: 'prometheus', url: prom.url },
        releases: [
          {
            id: 'checkout-canary',
            service: 'checkout',
            version: 'canary',
            baselineVersion: 'baseline',
            metrics: [
              {
                id: 'error_rate',
                label: 'Error rate',
                unit: '%',
                harmful: 'increase',
                critical: true,
                query:
                  '100 * sum(rate(http_requests_total{service="{{service}}",version="{{version}}",code="500"}[5s])) / sum(rate(http_requests_total{service="{{service}}",version="{{version}}"}[5s]))',
              },
              {
                id: 'throughput',
                label: 'Successful requests',
                unit: 'req/s',
                harmful: 'decrease',
                query: 'sum(rate(http_requests_total{service="{{service}}",version="{{version}}",code="200"}[5s]))',
              },
            ],
          },
        ],
      }),
  });
}, 60_000);

afterAll(async () => {
  core?.dispose();
  await prom?.stop();
  await checkout?.close();
});

it('fails the canary on its degraded error rate and passes its healthy throughput', async () => {
  const verdict = await vi.waitFor(
    async () => {
      const result = await core.dispatch('canary:judge', { releaseId: 'checkout-canary', windowMs: 60_000 });
      if (!result.ok) throw new Error(result.error.message);
      const v = result.value as Verdict;
      expect(v.metrics.every((m) => m.n.canary >= 5 && m.n.baseline >= 5)).toBe(true);
      return v;
    },
    { timeout: 30_000, interval: 1_000 },
  );
  const errors = verdict.metrics.find((m) => m.id === 'error_rate')!;
  const throughput = verdict.metrics.find((m) => m.id === 'throughput')!;
  expect(errors).toMatchObject({ classification: 'High', failing: true });
  expect(errors.mean.canary!).toBeGreaterThan(5 * errors.mean.baseline!);
  expect(throughput).toMatchObject({ classification: 'Pass', failing: false });
  expect(verdict.outcome).toBe('fail');
  expect(verdict.stale).toBe(false);
}, 60_000);
