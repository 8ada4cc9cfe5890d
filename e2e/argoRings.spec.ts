import { expect, test } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analysisRunFixtures } from '../test-harness/kube/analysisFixtures';
import { analysisResources, type AnalysisResources } from '../test-harness/kube/analysisResources';
import { startKubeContractServer, type KubeContractServer } from '../test-harness/kube/contractServer';
import { rolloutFixtures } from '../test-harness/kube/rolloutFixtures';
import { startServe, type ServedConsole } from './fixtures/serve';

// The Rings view against the Kubernetes API contract server (no API server can run here), through
// serve mode with a workspace file whose deploy section points at it, as a user's file would.
const TOKEN = 'ringside-e2e-kube';

test.describe('Rings against Argo Rollouts: blue-green and the analysis controller', () => {
  let kube: KubeContractServer;
  let analysis: AnalysisResources;
  let served: ServedConsole;

  test.beforeAll(async () => {
    analysis = analysisResources({ runs: analysisRunFixtures() });
    kube = await startKubeContractServer({ token: TOKEN, rollouts: rolloutFixtures(), resources: [analysis], controller: { afterMs: 20 } });
    const file = join(mkdtempSync(join(tmpdir(), 'ringside-ws-')), 'workspace.json');
    writeFileSync(
      file,
      JSON.stringify({
        id: 'e2e-argo',
        name: 'E2E Argo',
        // Never reached in this journey: the verdict is not what it is about.
        metrics: { provider: 'prometheus', url: 'http://127.0.0.1:9' },
        deploy: { provider: 'argo-rollouts', url: kube.url, tokenEnv: 'RINGSIDE_KUBE_TOKEN', namespaces: ['shop'] },
        releases: [
          {
            id: 'profile-bluegreen',
            service: 'profile',
            version: '5',
            baselineVersion: '4',
            rollout: 'profile',
            metrics: [{ id: 'error_rate', label: 'Error rate', unit: '%', harmful: 'increase', critical: true, query: 'sum(rate(http_requests_total{version="{{version}}",code="500"}[1m]))' }],
          },
        ],
      }),
    );
    served = await startServe({ args: ['--workspace', file, '--poll-ms', '1000'], env: { RINGSIDE_KUBE_TOKEN: TOKEN } });
  });

  test.afterAll(async () => {
    await served?.stop();
    await kube?.stop();
  });

  test('a blue-green rollout, its AnalysisRun measurements beside the verdict, and the gate installed', async ({ page }) => {
    await page.goto(served.url);
    await expect(page.getByTestId('workspace-name')).toContainText('E2E Argo');
    await page.getByRole('button', { name: 'Rings' }).click();

    const profile = page.locator('[data-testid="rollout-row"][data-rollout="profile"]');
    await expect(profile.getByTestId('rollout-weight')).toHaveText('blue-green');
    await expect(profile.getByTestId('bluegreen-active')).toContainText('active 4d5e6f7a8');
    await expect(profile.getByTestId('bluegreen-preview')).toContainText('preview 9b8c7d6e5');
    await expect(profile.getByTestId('rollout-message')).toContainText('BlueGreenPause');

    await page.getByRole('button', { name: 'Create a plan for profile 5' }).click();
    const plan = page.locator('[data-testid="plan"][data-plan]').first();
    await expect(plan).toContainText('shop/profile');

    const runs = plan.getByTestId('analysis-runs');
    await runs.getByText('Argo analysis runs of shop/profile').click();
    const run = runs.locator('[data-testid="analysis-run"][data-run="profile-9b8c7d6e5-5-pre"]');
    await expect(run).toHaveAttribute('data-phase', 'Running');
    await expect(run).toContainText('revision 5');
    const success = run.locator('[data-testid="analysis-metric"][data-metric="success-rate"]');
    await expect(success.getByTestId('measurement-value')).toHaveText(['[0.9968]']);
    await expect(success).toContainText('result[0] >= 0.95');
    const latency = run.locator('[data-testid="analysis-metric"][data-metric="p95-latency"]');
    await expect(latency.getByTestId('measurement')).toHaveAttribute('data-phase', 'Inconclusive');
    await expect(latency.getByTestId('measurement-value')).toHaveText(['[0.2710]']);
    await expect(latency).toContainText('1 inconclusive');
    // Ringside's own judgement of the same plan sits beside Argo's.
    await expect(runs.getByRole('region', { name: "Ringside's verdict" })).toBeVisible();

    await plan.getByText('Export the health gate as an Argo AnalysisTemplate').click();
    await plan.getByRole('button', { name: 'Install in the cluster' }).click();
    const installed = plan.getByTestId('gate-installed');
    await expect(installed).toHaveAttribute('data-operation', 'created');
    await expect(installed).toContainText('profile-bluegreen-health-gate');
    // profile's blue-green strategy names no pre/post-promotion analysis yet: the console says so.
    await expect(installed.getByTestId('gate-unreferenced')).toContainText('does not reference it yet');
    expect(analysis.stored('analysistemplates', 'shop', 'profile-bluegreen-health-gate')).toBeDefined();
    const writes = kube.requests.filter((r) => r.path.includes('/analysistemplates')).map((r) => `${r.method} ${r.path.split('/namespaces/shop/')[1]}`);
    expect(writes).toEqual([
      'GET analysistemplates/profile-bluegreen-health-gate',
      'POST analysistemplates?dryRun=All',
      'POST analysistemplates',
      'GET analysistemplates/profile-bluegreen-health-gate',
    ]);
  });
});
