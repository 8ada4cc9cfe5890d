import { expect, test } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPostgres, type PostgresServer } from '../test-harness/postgres';
import { startUnleash, type UnleashServer } from '../test-harness/unleash';
import { startServe, type ServedConsole } from './fixtures/serve';
import { unleashAdmin, type UnleashAdmin } from './fixtures/unleashSeed';

// The on-call journey against a real unleash-server 7.5 over a real PostgreSQL, through serve mode.
test.describe('kill switch against a real Unleash', () => {
  let pg: PostgresServer;
  let unleash: UnleashServer;
  let admin: UnleashAdmin;
  let served: ServedConsole;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    pg = await startPostgres();
    unleash = await startUnleash({ databaseUrl: await pg.createDatabase() });
    admin = unleashAdmin(unleash.url, unleash.adminToken);
    await admin.createFlag({ name: 'checkout.pricing-engine', description: 'New pricing engine', enabledIn: ['production'] });
    await admin.createFlag({ name: 'profile.rich-bio', type: 'kill-switch', description: '<img src=x onerror=alert(1)> bio', enabledIn: ['production'] });
    const file = join(mkdtempSync(join(tmpdir(), 'ringside-ws-')), 'workspace.json');
    writeFileSync(file, JSON.stringify({ id: 'e2e', name: 'E2E Unleash', flags: { provider: 'unleash', url: unleash.url } }));
    served = await startServe({ args: ['--workspace', file, '--poll-ms', '1000'], env: { RINGSIDE_UNLEASH_TOKEN: unleash.adminToken } });
  });

  test.afterAll(async () => {
    await served?.stop();
    await unleash?.stop();
    await pg?.stop();
  });

  test('Ctrl+K, part of a flag name, Enter: the flag is off, confirmed, and the server agrees', async ({ page }) => {
    await page.goto(served.url);
    await expect(page.getByTestId('workspace-name')).toContainText('E2E Unleash');
    await page.getByRole('button', { name: 'Kill switches' }).click();
    const row = page.locator('[data-testid="flag-row"][data-flag="checkout.pricing-engine"]');
    await expect(row.getByTestId('flag-state-production')).toHaveText(/on/);

    await page.keyboard.press('Control+K');
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    await expect(palette).toBeVisible();
    await page.keyboard.type('pricing');
    await expect(palette.getByRole('option').first()).toContainText('checkout.pricing-engine');
    await page.keyboard.press('Enter');
    // the palette closes with the Enter; the outcome stays as a toast
    await expect(palette).toHaveCount(0);
    await expect(page.getByTestId('palette-toast')).toContainText(/checkout\.pricing-engine is off in production \(confirmed/);

    expect(await admin.state('checkout.pricing-engine', 'production')).toMatchObject({ enabled: false });
    await page.keyboard.press('Escape');
    await expect(row.getByTestId('flag-state-production')).toHaveText(/off/);
    await expect(row.getByTestId('flag-confirmed-production')).toContainText('confirmed');
  });

  test('a change made in Unleash by someone else shows up with who made it', async ({ page }) => {
    await page.goto(served.url);
    await page.getByRole('button', { name: 'Kill switches' }).click();
    await admin.setEnabled('profile.rich-bio', 'production', false);
    const row = page.locator('[data-testid="flag-row"][data-flag="profile.rich-bio"]');
    await expect(row.getByTestId('flag-state-production')).toHaveText(/off/, { timeout: 10_000 });
    await expect(row.getByTestId('flag-change-production')).toContainText('off by');
    await expect(row).toContainText('<img src=x onerror=alert(1)> bio');
    expect(await page.locator('img[src="x"]').count()).toBe(0);
  });
});
