import { startKubeContractServer, type KubeContractServer } from '../../test-harness/kube/contractServer';
import { rolloutFixtures } from '../../test-harness/kube/rolloutFixtures';
import { startPostgres, type PostgresServer } from '../../test-harness/postgres';
import { startPrometheus, type PrometheusServer } from '../../test-harness/prometheus';
import { startUnleash, type UnleashServer } from '../../test-harness/unleash';
import { unleashAdmin, type UnleashAdmin } from '../../e2e/fixtures/unleashSeed';
import type { AuditEvent } from '../../src-shared/domain/audit';
import type { PlanView } from '../../src-shared/domain/plan';
import { createCore, type Core } from '../core/createCore';
import { startSyntheticCheckout, type SyntheticCheckout } from './prometheus/syntheticCheckout';
import { workspaceFromDefinition } from './workspaceDefinition';

/**
 * The stop-the-line guard against everything at once, started here from a clean state: a real
 * unleash-server 7.5 over a real PostgreSQL holds the release flag, a real Prometheus scrapes a
 * synthetic checkout whose canary answers more 500s than its baseline, and the Kubernetes API
 * contract server (no API server can run here) holds the Argo Rollout. One workspace definition
 * ties them together, as a user's file would.
 */
const KUBE_TOKEN = 'ringside-guard-it';
let pg: PostgresServer;
let unleash: UnleashServer;
let admin: UnleashAdmin;
let prom: PrometheusServer;
let checkout: SyntheticCheckout;
let kube: KubeContractServer;
let core: Core;

async function call<T>(channel: string, payload: unknown = {}): Promise<T> {
  const result = await core.dispatch(channel, payload);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}
const plan = async () => (await call<{ plans: PlanView[] }>('plans:list')).plans[0]!;
const patchesToKube = () => kube.requests.filter((r) => r.method === 'PATCH');

beforeAll(async () => {
  [checkout, pg, kube] = await Promise.all([startSyntheticCheckout(), startPostgres(), startKubeContractServer({ token: KUBE_TOKEN, rollouts: rolloutFixtures(), controller: { afterMs: 20 } })]);
  [prom, unleash] = await Promise.all([startPrometheus({ scrapeTargets: [checkout.target] }), pg.createDatabase().then((databaseUrl) => startUnleash({ databaseUrl }))]);
  admin = unleashAdmin(unleash.url, unleash.adminToken);
  await admin.createFlag({ name: 'checkout.pricing', description: 'New pricing engine', rollout: 5, enabledIn: ['production'] });
  await prom.waitForTargetsUp(20_000);
  const workspace = workspaceFromDefinition(
    {
      id: 'it',
      name: 'Guard integration',
      flags: { provider: 'unleash', url: unleash.url, project: 'default', tokenEnv: 'UNLEASH_TOKEN' },
      metrics: { provider: 'prometheus', url: prom.url },
      deploy: { provider: 'argo-rollouts', url: kube.url, tokenEnv: 'KUBE_TOKEN', namespaces: ['shop'] },
      releases: [
        {
          id: 'checkout-canary',
          service: 'checkout',
          version: 'canary',
          baselineVersion: 'baseline',
          flag: 'checkout.pricing',
          rollout: 'checkout',
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
          ],
        },
      ],
    },
    { UNLEASH_TOKEN: unleash.adminToken, KUBE_TOKEN },
  );
  core = createCore({ dataDir: ':memory:', version: 'it', actor: 'oncall', log: () => {}, workspace: () => workspace });
}, 120_000);

afterAll(async () => {
  core?.dispose();
  await Promise.all([unleash?.stop(), prom?.stop(), kube?.stop(), checkout?.close()]);
  await pg?.stop();
});

it('aborts the rollout in the contract server and disables the flag in Unleash when the canary fails, once', async () => {
  const created = await call<PlanView>('plans:create', { releaseId: 'checkout-canary' });
  expect(created.plan).toMatchObject({ flag: 'checkout.pricing', environment: 'production', rollout: { namespace: 'shop', name: 'checkout' }, guardMode: 'act' });
  // The fixture's checkout already sits at 5 % (Ring 0) and the flag is on: entering Ring 0 changes neither.
  await call('plans:advance', { planId: created.plan.id });
  expect(patchesToKube()).toEqual([]);

  const halted = await vi.waitFor(
    async () => {
      await core.poll();
      const view = await plan();
      expect(view.run.halt?.kind).toBe('guard');
      return view;
    },
    { timeout: 45_000, interval: 1_000 },
  );
  expect(halted.run.halt).toMatchObject({ acted: true, rolledBack: true, by: 'ringside-guard' });
  const evidence = halted.run.halt!.evidence!;
  // The hard rule (error rate more than twice the baseline) breaches from the first scrapes but trips only on its third
  // consecutive breach; the critical error rate's failing test may stop the line first. Either way the rule is evidence.
  expect(evidence.rules).toEqual([expect.objectContaining({ kind: 'relative', metric: 'error_rate', threshold: 2, breached: true, tripAfter: 3 })]);
  expect(evidence.rules[0]!.breaches!).toBeGreaterThanOrEqual(1);
  expect(evidence.rules[0]!.canary!).toBeGreaterThan(2 * evidence.rules[0]!.baseline!);
  expect(evidence.metrics).toEqual([expect.objectContaining({ metric: 'error_rate', canary: expect.any(Number), baseline: expect.any(Number) })]);

  // The deploy layer: the contract server stored the abort on the status subresource.
  expect(kube.stored('shop', 'checkout')!.status!.abort).toBe(true);
  expect(patchesToKube().map((r) => [r.path, r.body])).toEqual([['/apis/argoproj.io/v1alpha1/namespaces/shop/rollouts/checkout/status', { status: { abort: true } }]]);
  // The flag layer: Unleash's own read says off.
  expect((await admin.state('checkout.pricing', 'production')).enabled).toBe(false);

  // Both recorded with the evidence, under the guard's name.
  const { events } = await call<{ events: AuditEvent[] }>('audit:search', { source: 'guard', limit: 50 });
  expect(events.map((e) => e.action).sort()).toEqual(['flag.disabled', 'flag.disabled.requested', 'guard.rolledBack', 'rollout.aborted', 'rollout.aborted.requested']);
  expect(events.find((e) => e.action === 'flag.disabled')).toMatchObject({ result: 'confirmed', actor: 'ringside-guard' });

  // The verdict stays fail: more polls act on nothing.
  for (let i = 0; i < 3; i++) await core.poll();
  expect(patchesToKube()).toHaveLength(1);
  expect((await call<{ events: AuditEvent[] }>('audit:search', { source: 'guard', limit: 50 })).events).toHaveLength(5);
}, 90_000);
