import { expect, test, type APIRequestContext } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPostgres, type PostgresServer } from '../test-harness/postgres';
import { startUnleash, type UnleashServer } from '../test-harness/unleash';
import { startServe, type ServedConsole } from './fixtures/serve';
import { unleashAdmin } from './fixtures/unleashSeed';

async function invoke<T>(request: APIRequestContext, served: ServedConsole, channel: string, data: unknown = {}): Promise<T> {
  const token = new URL(served.url).searchParams.get('token')!;
  const reply = await (await request.post(`${served.origin}/api/invoke/${channel}`, { data, headers: { authorization: `Bearer ${token}` } })).json();
  if (!reply.ok) throw new Error(`${channel}: ${reply.error.message}`);
  return reply.value as T;
}

// Review the audit on a plane: the history was synced from a real Unleash, then every server went away.
test.describe('the audit history with its sources stopped', () => {
  let pg: PostgresServer;
  let unleash: UnleashServer;
  let served: ServedConsole | undefined;
  let dataDir: string;
  let workspaceFile: string;

  test.beforeAll(async ({ request }) => {
    test.setTimeout(180_000);
    pg = await startPostgres();
    unleash = await startUnleash({ databaseUrl: await pg.createDatabase() });
    const admin = unleashAdmin(unleash.url, unleash.adminToken);
    await admin.createFlag({ name: 'checkout.pricing-engine', description: 'INC-4242 rollback switch for the pricing engine', enabledIn: ['production'] });
    await admin.createFlag({ name: 'search.ranking-v2', type: 'experiment', enabledIn: ['development'] });
    await admin.setEnabled('search.ranking-v2', 'development', false);
    dataDir = mkdtempSync(join(tmpdir(), 'ringside-audit-e2e-'));
    workspaceFile = join(mkdtempSync(join(tmpdir(), 'ringside-ws-')), 'workspace.json');
    writeFileSync(workspaceFile, JSON.stringify({ id: 'e2e-audit', name: 'E2E audit', flags: { provider: 'unleash', url: unleash.url } }));

    // Online: sync the server's events and make a console change, then everything stops.
    served = await startServe({ dataDir, args: ['--workspace', workspaceFile, '--poll-ms', '500'], env: { RINGSIDE_UNLEASH_TOKEN: unleash.adminToken } });
    await invoke(request, served, 'audit:sync');
    await invoke(request, served, 'flags:setEnabled', { flag: 'checkout.pricing-engine', environment: 'production', enabled: false });
    await expect.poll(async () => (await invoke<{ count: number }>(request, served!, 'audit:count', { source: 'flag-server', objectId: 'checkout.pricing-engine', action: 'flag.disabled' })).count).toBe(1);
    await served.stop();
    await unleash.stop({ graceMs: 0 });
    await pg.stop();
    served = await startServe({ dataDir, args: ['--workspace', workspaceFile, '--poll-ms', '500'], env: { RINGSIDE_UNLEASH_TOKEN: unleash.adminToken } });
  });

  test.afterAll(async () => {
    await served?.stop();
    await unleash?.stop();
    await pg?.stop();
  });

  test('search the cached history, open an event, export CSV and check the file', async ({ page }) => {
    await page.goto(served!.url);
    await page.getByRole('button', { name: 'Audit' }).click();

    // Offline is a visible mode, with how old the history from each source is.
    const offline = page.getByTestId('audit-offline');
    await expect(offline).toContainText('Offline: this is the local history.', { timeout: 15_000 });
    await expect(offline.locator('[data-source="flag-server"]')).toContainText(/Flag server events: last synced \d+ (s|min) ago/);

    // Full-text search over the payload of events synced from Unleash.
    await page.getByRole('searchbox', { name: 'Search the audit' }).fill('INC-4242');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page.getByTestId('audit-count')).toHaveText(/^[1-9]\d* events$/);
    const rows = page.getByTestId('audit-row');
    await expect(rows.first()).toContainText('checkout.pricing-engine');
    const found = Number((await page.getByTestId('audit-count').textContent())!.split(' ')[0]);

    // Open the event: its fields and what it changed.
    await rows.first().click();
    const detail = page.getByTestId('audit-detail');
    await expect(detail).toContainText('flag-server');
    await expect(detail.getByTestId('audit-diff')).toContainText('INC-4242 rollback switch for the pricing engine');

    // The console's own kill is in the same history, with its outcome.
    await page.getByRole('searchbox', { name: 'Search the audit' }).fill('');
    await page.getByRole('combobox', { name: 'Source' }).selectOption('console');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page.getByTestId('audit-count')).toHaveText('2 events');
    await expect(rows.first()).toContainText('flag.disabled');

    // Export what the search found as CSV: the browser downloads it.
    await page.getByRole('combobox', { name: 'Source' }).selectOption('');
    await page.getByRole('searchbox', { name: 'Search the audit' }).fill('INC-4242');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page.getByTestId('audit-count')).toHaveText(`${found} events`);
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^audit-e2e-audit-\d{8}-\d{6}-[0-9a-f]{6}\.csv$/);
    await expect(page.getByTestId('audit-export-done')).toContainText(`Exported ${found} events`);

    const csv = readFileSync(await download.path(), 'utf8');
    const lines = csv.split('\r\n');
    expect(lines.slice(0, 6)).toEqual([
      '# Ringside audit export',
      '# workspace: e2e-audit',
      `"# filter: {""text"":""INC-4242""}"`,
      expect.stringMatching(new RegExp(`^# rows: ${found} \\(newest first by time; ids below \\d+\\)$`)),
      expect.stringMatching(/^# chain: intact: \d+ rows verified at \d{4}-/),
      expect.stringMatching(/^# exported at: \d{4}-/),
    ]);
    expect(lines[6]).toBe('id,time,source,actor,workspace,environment,object_type,object_id,action,reason,result,before,after');
    const data = lines.slice(7).filter(Boolean);
    expect(data).toHaveLength(found);
    expect(data.every((l) => l.includes('checkout.pricing-engine') && l.includes('INC-4242'))).toBe(true);
    // Served once, the copy leaves the data folder.
    await expect.poll(() => existsSync(join(dataDir, 'exports', download.suggestedFilename()))).toBe(false);
  });
});
