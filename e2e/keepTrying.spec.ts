import { expect, test } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFaultProxy } from '../test-harness/faultProxy';
import { startPostgres, type PostgresServer } from '../test-harness/postgres';
import { startUnleash, type UnleashServer } from '../test-harness/unleash';
import { startServe, type ServedConsole } from './fixtures/serve';
import { unleashAdmin, type UnleashAdmin } from './fixtures/unleashSeed';

// A kill during an Unleash outage (a proxy answering 503 to every write), kept trying from the
// cell until the outage ends and the server confirms it, in Chromium through serve mode.
test.describe('a kill that keeps trying through an outage', () => {
  let pg: PostgresServer;
  let unleash: UnleashServer;
  let admin: UnleashAdmin;
  let proxy: Awaited<ReturnType<typeof startFaultProxy>>;
  let served: ServedConsole;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    pg = await startPostgres();
    unleash = await startUnleash({ databaseUrl: await pg.createDatabase() });
    admin = unleashAdmin(unleash.url, unleash.adminToken);
    await admin.createFlag({ name: 'checkout.express-pay', type: 'kill-switch', enabledIn: ['production'] });
    proxy = await startFaultProxy(unleash.url);
    const file = join(mkdtempSync(join(tmpdir(), 'ringside-ws-')), 'workspace.json');
    writeFileSync(file, JSON.stringify({ id: 'e2e-retry', name: 'E2E outage', flags: { provider: 'unleash', url: proxy.url } }));
    served = await startServe({ args: ['--workspace', file, '--poll-ms', '1000'], env: { RINGSIDE_UNLEASH_TOKEN: unleash.adminToken } });
  });

  test.afterAll(async () => {
    await served?.stop();
    await proxy?.close();
    await unleash?.stop();
    await pg?.stop();
  });

  test('the kill fails, Keep trying shows each attempt, and the flag is off once the server confirms it', async ({ page }) => {
    await page.goto(served.url);
    await page.getByRole('button', { name: 'Kill switches' }).click();
    const row = page.locator('[data-testid="flag-row"][data-flag="checkout.express-pay"]');
    await expect(row.getByTestId('flag-state-production')).toHaveText(/on/);

    proxy.fault({ kind: 'status', status: 503, match: { method: 'POST' } });
    await row.getByRole('button', { name: 'Kill checkout.express-pay in production' }).click();
    await expect(row.getByTestId('flag-error-production')).toContainText('Unleash answered 503');
    await expect(row.getByTestId('flag-state-production')).toHaveText(/on/);
    await row.getByRole('button', { name: 'Keep trying' }).click();
    const retry = row.getByTestId('flag-retry-production');
    await expect(retry).toHaveAttribute('data-state', 'trying');
    await expect(retry).toContainText(/attempt [2-9]/, { timeout: 10_000 });
    expect(await admin.state('checkout.express-pay', 'production')).toMatchObject({ enabled: true });

    proxy.clear();
    await expect(retry).toHaveAttribute('data-state', 'confirmed', { timeout: 20_000 });
    await expect(row.getByTestId('flag-state-production')).toHaveText(/off/);
    expect(await admin.state('checkout.express-pay', 'production')).toMatchObject({ enabled: false });
  });
});
