import { analysisResources, type AnalysisResources } from '../../test-harness/kube/analysisResources';
import { startKubeContractServer, type KubeContractServer } from '../../test-harness/kube/contractServer';
import { rolloutFixtures } from '../../test-harness/kube/rolloutFixtures';
import type { AuditEvent } from '../../src-shared/domain/audit';
import type { PlanView } from '../../src-shared/domain/plan';
import { createCore, type Core } from '../core/createCore';
import { workspaceFromDefinition } from './workspaceDefinition';

/**
 * Installing a plan's gate as an AnalysisTemplate, through the whole core (dispatch, release
 * windows, audit) and the real Argo Rollouts adapter, against the Kubernetes contract server.
 */
const KUBE_TOKEN = 'ringside-install-it';
let kube: KubeContractServer;
let analysis: AnalysisResources;
let core: Core;

const dispatch = (channel: string, payload: unknown = {}) => core.dispatch(channel, payload);
async function call<T>(channel: string, payload: unknown = {}): Promise<T> {
  const result = await dispatch(channel, payload);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}
const gateAudit = async () =>
  (await call<{ events: AuditEvent[] }>('audit:page', { limit: 50 })).events
    .filter((e) => e.action.startsWith('analysisTemplate.'))
    .reverse()
    .map((e) => [e.action, e.result, e.objectId, e.reason]);
const writes = () => kube.requests.filter((r) => r.method !== 'GET');

beforeEach(async () => {
  analysis = analysisResources();
  kube = await startKubeContractServer({ token: KUBE_TOKEN, rollouts: rolloutFixtures(), resources: [analysis] });
  const workspace = workspaceFromDefinition(
    {
      id: 'it',
      name: 'Gate install',
      // Never queried: exporting a gate only reads the release's queries.
      metrics: { provider: 'prometheus', url: 'http://127.0.0.1:9' },
      deploy: { provider: 'argo-rollouts', url: kube.url, tokenEnv: 'KUBE_TOKEN', namespaces: ['shop'] },
      releases: [
        {
          id: 'checkout-canary',
          service: 'checkout',
          version: 'canary',
          baselineVersion: 'baseline',
          rollout: 'checkout',
          metrics: [{ id: 'error_rate', label: 'Error rate', unit: '%', harmful: 'increase', critical: true, query: 'sum(rate(http_requests_total{version="{{version}}",code="500"}[1m]))' }],
        },
      ],
    },
    { KUBE_TOKEN },
  );
  core = createCore({ dataDir: ':memory:', version: 'it', actor: 'oncall', log: () => {}, workspace: () => workspace });
});
afterEach(async () => {
  core?.dispose();
  await kube?.stop();
});

async function planId() {
  return (await call<PlanView>('plans:create', { releaseId: 'checkout-canary' })).plan.id;
}

it('installs the exported gate in the rollout namespace and audits intent and outcome', async () => {
  const id = await planId();
  const installed = await call<{ name: string; operation: string; references: unknown[] }>('plans:installGate', { planId: id, address: 'http://prometheus.monitoring.svc:9090', reason: 'guard overnight' });
  expect(installed).toMatchObject({ name: 'checkout-canary-health-gate', operation: 'created', references: [] });
  const stored = analysis.stored('analysistemplates', 'shop', 'checkout-canary-health-gate')!;
  expect(stored.spec!.metrics).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'error-rate', failureLimit: 0 })]));
  expect(writes().map((r) => `${r.method} ${r.path.split('/namespaces/')[1]}`)).toEqual(['POST shop/analysistemplates?dryRun=All', 'POST shop/analysistemplates']);
  expect(await gateAudit()).toEqual([
    ['analysisTemplate.install.requested', 'pending', 'checkout', 'guard overnight'],
    ['analysisTemplate.installed', 'created', 'checkout', 'guard overnight'],
  ]);
});

it('a 403 is audited as a failed install with the permission message', async () => {
  const id = await planId();
  analysis.forbid('create', 'analysistemplates');
  const result = await dispatch('plans:installGate', { planId: id, address: 'http://prometheus.monitoring.svc:9090' });
  expect(result).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('may not create AnalysisTemplates in namespace shop') } });
  const audit = await gateAudit();
  expect(audit.map((a) => a[0])).toEqual(['analysisTemplate.install.requested', 'analysisTemplate.installed']);
  expect(audit[1]![1]).toMatch(/^failed: .*may not create AnalysisTemplates/);
});

it('is blocked in a release blackout like a promote, and goes ahead with an override reason', async () => {
  const id = await planId();
  await call('windows:set', { timeZone: 'UTC', weekly: [], freezes: [{ label: 'Year-end freeze', from: '2000-01-01T00:00', to: '2999-12-31T23:59', reason: 'no releases' }] });
  const blocked = await dispatch('plans:installGate', { planId: id, address: 'http://prometheus.monitoring.svc:9090' });
  expect(blocked).toMatchObject({ ok: false, error: { code: 'blocked', message: expect.stringContaining('Installing the health gate checkout-canary-health-gate in shop is blocked by a release blackout') } });
  expect(kube.requests.filter((r) => r.path.includes('analysistemplates'))).toEqual([]);
  expect(await gateAudit()).toEqual([]);

  await call('plans:installGate', { planId: id, address: 'http://prometheus.monitoring.svc:9090', blackoutOverride: 'INC-88: keep the gate on' });
  const overridden = (await call<{ events: AuditEvent[] }>('audit:page', { limit: 50 })).events.find((e) => e.action === 'blackout.overridden');
  expect(overridden).toMatchObject({ reason: 'INC-88: keep the gate on', actor: 'oncall' });
  expect(analysis.stored('analysistemplates', 'shop', 'checkout-canary-health-gate')).toBeDefined();
});
