import { AnalysisRunView, GateInstall } from '../../../src-shared/domain/analysis';
import { analysisRunFixtures } from '../../../test-harness/kube/analysisFixtures';
import { analysisResources, type AnalysisResources } from '../../../test-harness/kube/analysisResources';
import { startKubeContractServer, type KubeContractServer } from '../../../test-harness/kube/contractServer';
import { rolloutFixtures } from '../../../test-harness/kube/rolloutFixtures';
import { createArgoRolloutsProvider, type ArgoRolloutsProvider } from './argoRolloutsProvider';

const TOKEN = 'sa-token-for-tests';
const shop = (name: string) => ({ namespace: 'shop', name });
const at = (iso: string) => Date.parse(iso);
const template = (name: string) => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'AnalysisTemplate',
  metadata: { name, labels: { 'app.kubernetes.io/managed-by': 'ringside' } },
  spec: { metrics: [{ name: 'error-rate', interval: '60s', successCondition: 'result[0] <= 1.1', failureLimit: 0, provider: { prometheus: { address: 'http://prom:9090', query: 'a / b' } } }] },
});
const analysisRequests = (server: KubeContractServer) =>
  server.requests.filter((r) => r.path.includes('/analysistemplates')).map((r) => `${r.method} ${r.path.replace('/apis/argoproj.io/v1alpha1/namespaces/', '')}`);

describe('AnalysisRuns and AnalysisTemplates through the Kubernetes API contract server', () => {
  let server: KubeContractServer;
  let analysis: AnalysisResources;
  let argo: ArgoRolloutsProvider;
  beforeEach(async () => {
    analysis = analysisResources({ runs: analysisRunFixtures() });
    server = await startKubeContractServer({ token: TOKEN, rollouts: rolloutFixtures(), resources: [analysis] });
    argo = createArgoRolloutsProvider({ connection: { server: server.url, token: TOKEN, source: 'test' }, namespaces: ['shop'], retry: { retries: 1, baseDelayMs: 1, maxDelayMs: 2 } });
  });
  afterEach(async () => {
    argo.dispose();
    await server.stop();
  });

  it("maps each run's metrics and measurements, newest revision first, only the rollout's own runs", async () => {
    const runs = await argo.analysisRuns!(shop('checkout'));
    for (const run of runs) expect(() => AnalysisRunView.parse(run)).not.toThrow();
    expect(runs.map((r) => [r.name, r.phase, r.revision])).toEqual([
      ['checkout-6c9d8e7a5-4-4', 'Running', 4],
      ['checkout-5b8c9d7f6-3-4', 'Successful', 3],
    ]);
    const [metric] = runs[0]!.metrics;
    expect(metric).toMatchObject({ name: 'success-rate', phase: 'Running', successCondition: 'result[0] >= 0.95', failureLimit: 1, count: 3, successful: 1, failed: 1, error: 0 });
    expect(metric!.measurements).toEqual([
      { value: '[0.9931]', phase: 'Successful', startedAt: at('2026-05-14T10:20:00Z'), finishedAt: at('2026-05-14T10:20:01Z'), message: null },
      { value: '[0.9412]', phase: 'Failed', startedAt: at('2026-05-14T10:21:00Z'), finishedAt: at('2026-05-14T10:21:01Z'), message: null },
      { value: null, phase: 'Running', startedAt: at('2026-05-14T10:22:00Z'), finishedAt: null, message: null },
    ]);
  });

  it('keeps the failure message, error and consecutive-error counts of a failed run', async () => {
    const [run] = await argo.analysisRuns!(shop('payments'));
    expect(run).toMatchObject({ phase: 'Failed', message: 'Metric "success-rate" assessed Failed due to failed (1) > failureLimit (0)' });
    expect(run!.metrics[0]).toMatchObject({ failed: 1, error: 2, consecutiveError: 2, failureLimit: 0 });
    expect(run!.metrics[0]!.measurements.map((m) => [m.phase, m.value, m.message?.slice(0, 4) ?? null])).toEqual([
      ['Error', null, 'Post'], ['Error', null, 'Post'], ['Failed', '[0.8123]', null],
    ]);
  });

  it("reads a blue-green rollout's pre-promotion run with two metrics, one inconclusive", async () => {
    const [run] = await argo.analysisRuns!(shop('profile'));
    expect(run!.metrics.map((m) => [m.name, m.inconclusive, m.measurements[0]?.value])).toEqual([
      ['success-rate', 0, '[0.9968]'], ['p95-latency', 1, '[0.2710]'],
    ]);
  });

  it('installs a new template: dry run, then the write, then a read-back, and finds the step that runs it', async () => {
    const installed = await argo.installAnalysisTemplate!(shop('checkout'), template('success-rate'));
    expect(analysisRequests(server)).toEqual([
      'GET shop/analysistemplates/success-rate',
      'POST shop/analysistemplates?dryRun=All',
      'POST shop/analysistemplates',
      'GET shop/analysistemplates/success-rate',
    ]);
    expect(() => GateInstall.parse(installed)).not.toThrow();
    expect(installed).toMatchObject({ name: 'success-rate', namespace: 'shop', operation: 'created', metrics: ['error-rate'], references: [{ where: 'step 5 (analysis)', templateName: 'success-rate' }] });
    expect(installed.resourceVersion).toBe(analysis.stored('analysistemplates', 'shop', 'success-rate')!.metadata.resourceVersion);
  });

  it('updates a template Ringside installed with the resourceVersion it read, dry run first', async () => {
    await argo.installAnalysisTemplate!(shop('profile'), template('profile-health-gate'));
    const first = analysis.stored('analysistemplates', 'shop', 'profile-health-gate')!;
    server.requests.length = 0;
    const next = template('profile-health-gate');
    next.spec.metrics[0]!.successCondition = 'result[0] <= 1.2';
    const installed = await argo.installAnalysisTemplate!(shop('profile'), next);
    expect(analysisRequests(server)).toEqual([
      'GET shop/analysistemplates/profile-health-gate',
      'PUT shop/analysistemplates/profile-health-gate?dryRun=All',
      'PUT shop/analysistemplates/profile-health-gate',
      'GET shop/analysistemplates/profile-health-gate',
    ]);
    const puts = server.requests.filter((r) => r.method === 'PUT');
    expect(puts.map((r) => (r.body as { metadata: { resourceVersion: string } }).metadata.resourceVersion)).toEqual([first.metadata.resourceVersion, first.metadata.resourceVersion]);
    expect(installed).toMatchObject({ operation: 'updated', references: [], otherTemplates: [] });
    expect(analysis.stored('analysistemplates', 'shop', 'profile-health-gate')!.metadata.generation).toBe(2);
  });

  it('a 403 on create is a permission message and nothing is written', async () => {
    analysis.forbid('create', 'analysistemplates');
    await expect(argo.installAnalysisTemplate!(shop('checkout'), template('checkout-health-gate'))).rejects.toMatchObject({
      code: 'forbidden',
      message: expect.stringContaining('the credentials may not create AnalysisTemplates in namespace shop'),
    });
    expect(analysisRequests(server)).toEqual(['GET shop/analysistemplates/checkout-health-gate', 'POST shop/analysistemplates?dryRun=All']);
    expect(analysis.stored('analysistemplates', 'shop', 'checkout-health-gate')).toBeUndefined();
  });

  it('leaves alone a template of that name that Ringside did not install', async () => {
    await server.stop();
    analysis = analysisResources({ templates: [{ ...template('success-rate'), metadata: { name: 'success-rate', namespace: 'shop' } }] });
    server = await startKubeContractServer({ token: TOKEN, rollouts: rolloutFixtures(), resources: [analysis] });
    argo.dispose();
    argo = createArgoRolloutsProvider({ connection: { server: server.url, token: TOKEN, source: 'test' }, namespaces: ['shop'] });
    await expect(argo.installAnalysisTemplate!(shop('checkout'), template('success-rate'))).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('not installed by Ringside') });
    expect(server.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  });
});
