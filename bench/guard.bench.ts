import { performance } from 'node:perf_hooks';
import { startKubeContractServer, type KubeContractServer } from '../test-harness/kube/contractServer';
import { rolloutFixtures } from '../test-harness/kube/rolloutFixtures';
import { startPostgres, type PostgresServer } from '../test-harness/postgres';
import { startUnleash, type UnleashServer } from '../test-harness/unleash';
import { unleashAdmin } from '../e2e/fixtures/unleashSeed';
import type { PlanView } from '../src-shared/domain/plan';
import { createCore } from '../src-main/core/createCore';
import type { MetricsProvider } from '../src-main/core/ports';
import { workspaceFromDefinition } from '../src-main/adapters/workspaceDefinition';
import { record, stat } from './results';
import { ms, summarize } from './stats';

const ROUNDS = Number(process.env.BENCH_GUARD_ROUNDS ?? 50);
let pg: PostgresServer;
let unleash: UnleashServer;
let kube: KubeContractServer;

beforeAll(async () => {
  pg = await startPostgres();
  [unleash, kube] = await Promise.all([
    pg.createDatabase().then((databaseUrl) => startUnleash({ databaseUrl })),
    startKubeContractServer({ token: 'bench', rollouts: rolloutFixtures(), controller: { afterMs: 20 } }),
  ]);
});
afterAll(async () => {
  await Promise.all([unleash?.stop(), kube?.stop()]);
  await pg?.stop();
});

/** A metrics store whose canary errors run at five times the baseline: every verdict is fail. */
const failing: MetricsProvider = {
  provider: 'bench',
  async queryRange({ query, start, end, stepMs }) {
    const level = query.startsWith('canary') ? 5 : 1;
    const points: [number, number][] = [];
    for (let t = Math.ceil(start / stepMs) * stepMs, i = 0; t <= end; t += stepMs, i++) points.push([t, level * (1 + 0.02 * Math.sin(i))]);
    return [{ labels: {}, points }];
  },
};

it(`stop the line, ${ROUNDS} rounds against unleash-server 7.5 and the Kubernetes contract server`, async () => {
  const admin = unleashAdmin(unleash.url, unleash.adminToken);
  await admin.createFlag({ name: 'bench.release', rollout: 5, enabledIn: ['production'] });
  const workspace = workspaceFromDefinition(
    {
      id: 'bench',
      name: 'Bench',
      flags: { provider: 'unleash', url: unleash.url, project: 'default', tokenEnv: 'T' },
      deploy: { provider: 'argo-rollouts', url: kube.url, tokenEnv: 'K', namespaces: ['shop'] },
    },
    { T: unleash.adminToken, K: 'bench' },
  );
  workspace.metrics = failing;
  workspace.releases = [
    {
      release: { id: 'r', service: 'checkout', version: '2', flag: 'bench.release', rollout: 'checkout', startedAt: 0, metrics: [{ id: 'errors', label: 'Errors', unit: '%', harmful: 'increase', critical: true }] },
      queries: { errors: { canary: 'canary_errors', baseline: 'baseline_errors' } },
    },
  ];
  const core = createCore({ dataDir: ':memory:', version: 'bench', actor: 'bench', log: () => {}, workspace: () => workspace });
  const call = async <T>(channel: string, payload: unknown = {}) => {
    const r = await core.dispatch(channel, payload);
    if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
    return r.value as T;
  };
  const { plan } = await call<PlanView>('plans:create', { releaseId: 'r' });
  const checkout = rolloutFixtures().find((r) => r.metadata.name === 'checkout')!;

  const guardMs: number[] = [];
  const personMs: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    for (const person of [false, true]) {
      kube.put(checkout);
      await admin.setEnabled('bench.release', 'production', true);
      await call('plans:reset', { planId: plan.id, reason: 'bench round' });
      await call('plans:advance', { planId: plan.id });
      const t = performance.now();
      // The guard: the poll reads the verdict (fail) and the rollout, aborts it and kills the flag, both confirmed.
      if (person) await call('plans:rollback', { planId: plan.id });
      else await core.poll();
      (person ? personMs : guardMs).push(performance.now() - t);
      if (kube.stored('shop', 'checkout')?.status?.abort !== true) throw new Error('the rollout was not aborted');
      if ((await admin.state('bench.release', 'production')).enabled) throw new Error('the flag is still on');
    }
  }
  core.dispose();
  const g = summarize(guardMs);
  const p = summarize(personMs);
  console.log(
    [
      `stop the line, ${ROUNDS} rounds (unleash-server 7.5 and the Kubernetes contract server on 127.0.0.1):`,
      `  guard: poll seeing a fail to both layers confirmed  median ${ms(g.median)}  p95 ${ms(g.p95)}`,
      `  a person's Roll back, both layers confirmed         median ${ms(p.median)}  p95 ${ms(p.p95)}`,
    ].join('\n'),
  );
  const group = 'stop the line';
  record({
    id: 'guard.stop',
    group,
    figure: `guard: the poll that sees a fail to rollout aborted and flag off, both confirmed (${ROUNDS} rounds)`,
    unit: 'ms',
    ringside: stat(guardMs),
    note: 'real Unleash and the Kubernetes contract server on 127.0.0.1',
  });
  record({ id: 'guard.person', group, figure: "a person's Roll back of both layers, confirmed", unit: 'ms', ringside: stat(personMs) });
  expect(g.n).toBe(ROUNDS);
});
