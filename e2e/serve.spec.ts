import { expect, test } from '@playwright/test';
import { readdirSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoConsoleJourney } from './fixtures/journey';
import { startServe, type ServedConsole } from './fixtures/serve';

test.describe('serve mode in Chromium', () => {
  let served: ServedConsole;
  test.beforeAll(async () => {
    served = await startServe();
  });
  test.afterAll(async () => {
    await served.stop();
  });

  test('refuses requests without the token and from another origin', async ({ request }) => {
    expect((await request.get(`${served.origin}/`)).status()).toBe(401);
    const token = new URL(served.url).searchParams.get('token')!;
    const foreign = await request.post(`${served.origin}/api/invoke/flags:list`, {
      data: {},
      headers: { authorization: `Bearer ${token}`, origin: 'http://attacker.example' },
    });
    expect(foreign.status()).toBe(403);
  });

  test('loads the renderer and shows the demo fleet, its flags and the degrading canary', async ({ page }) => {
    await page.goto(served.url);
    await expect(page).not.toHaveURL(/token=/);
    await demoConsoleJourney(page);
  });

  test("judges the demo's degrading canary a fail and shows the numbers that decided it", async ({ page }) => {
    await page.goto(served.url);
    await page.getByRole('button', { name: 'Canary' }).click();
    await page.getByRole('combobox', { name: 'Release' }).selectOption({ label: 'checkout 2.4.0 (rollout checkout)' });
    const panel = page.getByTestId('verdict-panel');
    await expect(panel).toHaveAttribute('data-outcome', 'fail');
    await expect(page.locator('[data-testid="verdict-metric"][data-metric="error_rate"]')).toHaveAttribute('data-failing', 'true');
    await expect(page.getByTestId('verdict-reason')).not.toBeEmpty();
    const points = Number(await page.getByTestId('canary-chart').first().getAttribute('data-points'));
    const width = (await page.getByTestId('canary-chart').first().boundingBox())!.width;
    expect(points).toBeGreaterThan(10);
    expect(points).toBeLessThanOrEqual(2 * width);
    await page.getByRole('combobox', { name: 'Release' }).selectOption({ index: 1 });
    await expect(panel).toHaveAttribute('data-outcome', 'pass');
  });

  test('draws a kill of the release flag, made during the test, as a marker on both series', async ({ page, request }) => {
    const token = new URL(served.url).searchParams.get('token')!;
    const kill = await request.post(`${served.origin}/api/invoke/flags:setEnabled`, {
      data: { flag: 'checkout.new-pricing-engine', environment: 'production', enabled: false },
      headers: { authorization: `Bearer ${token}` },
    });
    expect(await kill.json()).toMatchObject({ ok: true, value: { enabled: false } });
    await page.goto(served.url);
    await page.getByRole('button', { name: 'Canary' }).click();
    await page.getByRole('combobox', { name: 'Release' }).selectOption({ label: 'checkout 2.4.0 (rollout checkout)' });
    const chart = page.getByTestId('canary-chart').first();
    await expect(chart.locator('.recharts-line')).toHaveCount(2);
    const marker = chart.locator('.recharts-reference-line').filter({ hasText: /^flag\.disabled checkout\.new-pricing-engine \(production\) by / });
    await expect(marker).toHaveCount(1);
    await expect(page.getByTestId('verdict-panel')).toBeVisible();
  });

  test('renders a hostile flag description as text', async ({ page }) => {
    await page.goto(served.url);
    await page.getByRole('button', { name: 'Kill switches' }).click();
    await expect(page.getByText('<img src=x onerror=alert(1)>', { exact: false })).toBeVisible();
    expect(await page.locator('img[src="x"]').count()).toBe(0);
  });
});

test('a corrupt database is moved aside and the console says so', async ({ page }) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ringside-corrupt-'));
  writeFileSync(join(dataDir, 'ringside.db'), 'definitely not sqlite');
  const served = await startServe({ dataDir });
  try {
    await page.goto(served.url);
    await expect(page.getByRole('alert')).toContainText('moved to');
    expect(readdirSync(dataDir).some((f) => f.startsWith('ringside.db.corrupt-'))).toBe(true);
    await expect(page.getByTestId('flag-row').first()).toBeVisible();
  } finally {
    await served.stop();
  }
});
