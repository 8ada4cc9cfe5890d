import { expect, test, type Page } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPostgres, type PostgresServer } from '../test-harness/postgres';
import { startReflectingServer, type ReflectingServer } from '../test-harness/reflectingServer';
import { startUnleash, type UnleashServer } from '../test-harness/unleash';
import { startServe, type ServedConsole } from './fixtures/serve';
import { unleashAdmin, type UnleashAdmin } from './fixtures/unleashSeed';

/**
 * Two workspaces side by side in serve mode — a production one on a real Unleash, with its
 * Prometheus and Kubernetes API behind a hostile upstream that reflects request headers into its
 * error bodies, and the demo — and not one secret in anything the pages receive, the log, the
 * database, its WAL or an export.
 */
test.describe('governance: workspaces side by side, secrets kept in main', () => {
  let pg: PostgresServer;
  let unleash: UnleashServer;
  let admin: UnleashAdmin;
  let reflect: ReflectingServer;
  let served: ServedConsole;
  const mark = (what: string) => `${what}-${randomBytes(12).toString('hex')}`;
  const promMarker = mark('prombearer');
  const kubeMarker = mark('kubetoken');
  const userinfoMarker = mark('userinfo');
  let markers: string[] = [];
  /** everything the pages received: invoke answers and event frames */
  const received: string[] = [];

  const watch = (page: Page) => {
    page.on('response', async (response) => {
      if (!response.url().includes('/api/')) return;
      received.push(await response.text().catch(() => ''));
    });
    page.on('websocket', (socket) => socket.on('framereceived', (frame) => received.push(String(frame.payload))));
  };

  test.beforeAll(async () => {
    test.setTimeout(150_000);
    pg = await startPostgres();
    unleash = await startUnleash({ databaseUrl: await pg.createDatabase() });
    admin = unleashAdmin(unleash.url, unleash.adminToken);
    await admin.createFlag({ name: 'checkout.kill', type: 'kill-switch', description: 'Checkout kill switch', enabledIn: ['production'] });
    reflect = await startReflectingServer();
    reflect.answer(500, 'native');
    markers = [promMarker, kubeMarker, userinfoMarker, unleash.adminToken];
    const dir = mkdtempSync(join(tmpdir(), 'ringside-gov-'));
    const file = join(dir, 'workspaces.json');
    writeFileSync(
      file,
      JSON.stringify({
        workspaces: [
          {
            id: 'prod-eu',
            name: 'Production EU',
            production: true,
            flags: { provider: 'unleash', url: unleash.url, tokenEnv: 'RS_UNLEASH_TOKEN' },
            metrics: { provider: 'prometheus', url: reflect.url, bearerEnv: 'RS_PROM_TOKEN' },
            deploy: { provider: 'argo-rollouts', url: reflect.url, tokenEnv: 'RS_KUBE_TOKEN', namespaces: ['shop'] },
            releases: [
              {
                id: 'checkout-2',
                service: 'checkout',
                version: '2.0.0',
                baselineVersion: '1.9.0',
                flag: 'checkout.kill',
                metrics: [{ id: 'error_rate', label: 'Error rate', unit: '%', harmful: 'increase', query: 'sum(rate(errors{service="{{service}}",version="{{version}}"}[1m]))' }],
              },
            ],
          },
        ],
      }),
    );
    served = await startServe({
      args: ['--workspace', file, '--poll-ms', '1000'],
      env: { RS_UNLEASH_TOKEN: unleash.adminToken, RS_PROM_TOKEN: promMarker, RS_KUBE_TOKEN: kubeMarker },
    });
  });

  test.afterAll(async () => {
    await served?.stop();
    await reflect?.stop();
    await unleash?.stop();
    await pg?.stop();
  });

  test('a kill in the production workspace leaves the demo beside it untouched', async ({ browser }) => {
    // Two tabs of one browser: signed in once, each on its own workspace's address.
    const context = await browser.newContext();
    const prod = await context.newPage();
    const demo = await context.newPage();
    watch(prod);
    watch(demo);
    await prod.goto(served.url);
    await prod.goto(`${served.origin}/?workspace=prod-eu`);
    await demo.goto(`${served.origin}/?workspace=demo`);
    await expect(prod.getByTestId('workspace-name')).toContainText('Production EU');
    await expect(prod.getByTestId('production-band')).toContainText('PRODUCTION');
    await expect(demo.getByTestId('workspace-name')).toContainText('Demo fleet');
    await expect(demo.getByTestId('production-band')).toHaveCount(0);

    await demo.getByRole('button', { name: 'Audit' }).click();
    await expect(demo.getByTestId('audit-row').first()).toBeVisible();
    // The demo plays on by itself (its canary, its plan), so count what concerns the killed flag.
    const aboutKill = { objectId: 'checkout.kill' };
    expect(await countAudit(demo, aboutKill)).toBe(0);

    await prod.getByRole('button', { name: 'Kill switches' }).click();
    const row = prod.locator('[data-testid="flag-row"][data-flag="checkout.kill"]');
    await expect(row.getByTestId('flag-state-production')).toHaveText(/on/);
    await prod.keyboard.press('Control+K');
    await prod.keyboard.type('checkout.kill');
    await expect(prod.getByRole('dialog', { name: 'Command palette' }).getByRole('option').first()).toContainText('checkout.kill');
    await prod.keyboard.press('Enter');
    await expect(prod.getByTestId('palette-toast')).toContainText(/checkout\.kill is off in production \(confirmed/);
    expect(await admin.state('checkout.kill', 'production')).toMatchObject({ enabled: false });

    // The demo tab: its own flags, its own audit, none of the other workspace's events.
    expect(await countAudit(prod, aboutKill)).toBeGreaterThan(0);
    expect(await countAudit(demo, aboutKill)).toBe(0);
    await demo.getByRole('button', { name: 'Kill switches' }).click();
    await expect(demo.locator('[data-testid="flag-row"][data-flag="checkout.kill"]')).toHaveCount(0);

    // Every view of the production workspace once, so its hostile upstreams are asked and answer.
    await prod.getByRole('button', { name: 'Canary' }).click();
    await prod.getByRole('button', { name: 'Rings' }).click();
    await prod.getByRole('button', { name: 'Audit' }).click();
    await expect(prod.getByTestId('audit-row').first()).toBeVisible();
    await expect.poll(() => reflect.hits, { timeout: 15_000 }).toBeGreaterThan(2);
    await context.close();
  });

  test('no secret reaches a page, the log, the database, its WAL or an export', async ({ page }) => {
    watch(page);
    await page.goto(served.url);
    await page.goto(`${served.origin}/?workspace=prod-eu`);
    await expect(page.getByTestId('workspace-name')).toContainText('Production EU');
    const invoke = (channel: string, body: unknown) =>
      page.evaluate(
        async ([c, b]) => {
          const r = await fetch(`/api/invoke/${c}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-ringside-workspace': 'prod-eu' }, body: JSON.stringify(b) });
          return r.text();
        },
        [channel, body] as const,
      );
    // The hostile upstream puts the bearer token into Prometheus's own error field and Kubernetes's Status.
    const now = Date.now();
    const series = await invoke('canary:series', { releaseId: 'checkout-2', from: now - 1_800_000, to: now });
    expect(series).toMatch(/"ok":false/);
    received.push(series);
    received.push(await invoke('canary:judge', { releaseId: 'checkout-2' }));
    received.push(await invoke('rollouts:list', {}));
    received.push(await invoke('workspace:current', {}));
    received.push(await invoke('workspaces:test', { id: 'prod-eu' }));
    // A URL carrying credentials, typed in the form: refused without being echoed.
    const userinfo = `http://ringside:${userinfoMarker}@127.0.0.1:${reflect.port}`;
    const tested = await invoke('workspaces:test', { config: { id: 'leaky', name: 'Leaky', metrics: { url: userinfo } } });
    received.push(tested);
    expect(tested).toMatch(/user name or password|userinfo|credentials/i);
    received.push(await invoke('workspaces:save', { config: { id: 'leaky', name: 'Leaky', metrics: { url: userinfo } } }));
    const exported = JSON.parse(await invoke('audit:export', { format: 'jsonl' })) as { ok: boolean };
    expect(exported.ok).toBe(true);
    received.push(JSON.stringify(exported));
    await page.waitForTimeout(1500); // a poll or two, so backend errors are stored

    const all = received.join('\n');
    expect(all).toContain('prod-eu'); // the pages really received answers
    for (const marker of markers) expect(all, `a page received ${marker.slice(0, 10)}…`).not.toContain(marker);
    for (const marker of markers) expect(served.output(), 'the log').not.toContain(marker);

    const files = listFiles(served.dataDir);
    expect(files.some((f) => f.endsWith('ringside.db'))).toBe(true);
    expect(files.some((f) => f.endsWith('ringside.db-wal'))).toBe(true);
    expect(files.some((f) => f.includes(`${join('exports', '')}`))).toBe(true);
    for (const f of files) {
      const bytes = readFileSync(f);
      for (const marker of markers) expect(bytes.includes(marker), `${f} holds a secret`).toBe(false);
      expect(statSync(f).mode & 0o077, `${f} is readable by others`).toBe(0);
    }
    expect(statSync(served.dataDir).mode & 0o777).toBe(0o700);
  });
});

async function countAudit(page: Page, filter: Record<string, string> = {}): Promise<number> {
  const workspace = new URL(page.url()).searchParams.get('workspace') ?? '';
  const text = await page.evaluate(
    async ([scope, body]) => {
      const r = await fetch('/api/invoke/audit:count', { method: 'POST', headers: { 'content-type': 'application/json', 'x-ringside-workspace': scope }, body });
      return r.text();
    },
    [workspace, JSON.stringify(filter)] as const,
  );
  return (JSON.parse(text) as { value: { count: number } }).value.count;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name)) : [join(dir, e.name)]));
}
