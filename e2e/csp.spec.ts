import { expect, test } from '@playwright/test';
import { watchCsp } from './fixtures/cspWatch';
import { startServe, type ServedConsole } from './fixtures/serve';

test.describe('the renderer under its CSP (serve mode in Chromium)', () => {
  let served: ServedConsole;
  test.beforeAll(async () => {
    served = await startServe();
  });
  test.afterAll(async () => {
    await served.stop();
  });

  test("sends a policy with no 'unsafe-inline' and frame-ancestors 'none' as a header, and a meta one without it", async ({ page }) => {
    const response = await page.goto(served.url);
    const header = response!.headers()['content-security-policy'] ?? '';
    expect(header).not.toContain("'unsafe-inline'");
    expect(header).toMatch(/(^|;)\s*frame-ancestors 'none'\s*(;|$)/);
    expect(header).toMatch(/(^|;)\s*style-src 'self'\s*(;|$)/);
    const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(meta).not.toContain('frame-ancestors');
    expect(meta).not.toContain("'unsafe-inline'");
  });

  test('every view renders without a single CSP violation', async ({ page }) => {
    const csp = await watchCsp(page);
    await page.goto(served.url);
    await expect(page.getByTestId('workspace-name')).toContainText('Demo fleet');

    await page.getByRole('button', { name: 'Kill switches' }).click();
    await expect(page.getByTestId('flag-row').first()).toBeVisible();

    await page.getByRole('button', { name: 'Canary' }).click();
    const chart = page.getByTestId('canary-chart').first();
    await expect(chart.locator('.recharts-line').first()).toBeVisible();
    await page.getByRole('combobox', { name: 'Release' }).selectOption({ label: 'checkout 2.4.0 (rollout checkout)' });
    await expect(page.getByTestId('verdict-panel')).toHaveAttribute('data-outcome', 'fail');
    // recharts' tooltip and cursor are positioned with inline styles
    const box = (await chart.locator('.recharts-surface').first().boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await expect(chart.locator('.recharts-tooltip-wrapper')).toHaveCount(1);

    await page.getByRole('button', { name: 'Rings' }).click();
    await expect(page.getByTestId('rollout-row').first()).toBeVisible();

    await page.getByRole('button', { name: 'Audit' }).click();
    await expect(page.getByTestId('audit-row').first()).toBeVisible();

    await page.getByRole('button', { name: 'Flag debt' }).click();
    await expect(page.getByTestId('debt-summary')).toBeVisible();

    await page.getByRole('button', { name: 'Changes' }).click();
    await expect(page.getByRole('heading', { name: 'Changes' })).toBeVisible();

    await page.getByRole('button', { name: 'Workspace settings' }).click();
    await expect(page.getByRole('dialog', { name: 'Workspace settings' })).toBeVisible();
    await page.keyboard.press('Escape');

    await page.keyboard.press('Control+k');
    await expect(page.getByRole('dialog', { name: 'Command palette' })).toBeVisible();
    await page.keyboard.type('pay');
    await page.keyboard.press('Escape');

    expect(await csp.violations()).toEqual([]);
    expect(csp.consoleErrors).toEqual([]);

    // The watcher itself works: an inline <style> and a style="" attribute are both reported.
    expect(await csp.probe()).toEqual(['style-src-attr', 'style-src-elem']);
  });
});
