import { expect, test } from '@playwright/test';
import { startServe, type ServedConsole } from './fixtures/serve';

/**
 * One set of numbers per release, in Chromium through serve mode: the demo's payments-3ds 1.4.0
 * degrades in Ring 1 until a stop-the-line rule has breached three times in a row and the guard
 * stops the line. The banner, the halted ring card and the Canary view (its verdict table and
 * its chart summary) then show the same canary mean for the release, over the window they name.
 * The rollout is aborted, so no canary sample joins the window afterwards: later verdicts of the
 * release keep that canary mean while their baselines move on.
 */
test.describe('one set of numbers per release', () => {
  let served: ServedConsole;
  test.beforeAll(async () => {
    served = await startServe({ args: ['--poll-ms', '500', '--demo-speed', '60'] });
  });
  test.afterAll(async () => {
    await served.stop();
  });

  test('a ring card, the Canary view and the banner show the same canary mean for the same release', async ({ page }) => {
    await page.goto(served.url);
    await page.getByRole('button', { name: 'Rings' }).click();
    const plan = page.locator('[data-testid="plan"][data-plan="plan-payments-3ds-1.4.0"]');
    const ring1 = plan.locator('[data-testid="ring-stage"][data-ring="Ring 1"]');

    const banner = page.getByTestId('guard-banner');
    await expect(banner).toBeVisible({ timeout: 50_000 });
    const evidence = banner.getByTestId('guard-metric').first();
    const metric = (await evidence.getAttribute('data-metric'))!;
    const mean = (await evidence.locator('[data-role="canary-mean"]').textContent())!;
    expect(mean).toMatch(/^[\d.,]+(%| ms)$/);
    await expect(banner.getByTestId('guard-window')).toContainText('judged over the last 30 min to');
    // The rule that stopped the line, with its count and in the metric's label and unit.
    await expect(banner.getByTestId('guard-rule').first()).toContainText(/^rule, \d of 3 breaches: (Error rate \(5xx\)|Latency p95) \(last sample\): canary [\d.]+(%| ms) is /);
    await expect(banner.getByTestId('guard-message')).toContainText('Stop the line: payments-3ds 1.4.0 halted at Ring 1.');
    await expect(banner.getByTestId('guard-message')).not.toContainText(/\.[.;)]|;\./);

    // The halted ring shows the judgement that stopped it: the same number, and what decided it.
    await expect(ring1).toHaveAttribute('data-state', 'halted');
    const card = ring1.getByTestId('gate-verdict');
    await expect(card.locator(`[data-testid="gate-metric"][data-metric="${metric}"] [data-role="canary-mean"]`)).toHaveText(mean);
    await expect(card.getByTestId('gate-window')).toContainText('last 30 min to');
    await expect(card.getByTestId('gate-decided')).toHaveText(/^(stop-the-line rule on .+ \(3 of 3 breaches\)|critical metric .+ fails)$/);
    await expect(plan.locator(`[data-testid="halt-metric"][data-metric="${metric}"] [data-role="canary-mean"]`)).toHaveText(mean);

    // The Canary view: its verdict table and its chart summary show the verdict's one number.
    await page.getByRole('button', { name: 'Canary' }).click();
    await page.getByRole('combobox', { name: 'Release' }).selectOption({ label: 'payments-3ds 1.4.0 (rollout payments-3ds)' });
    await expect(page.locator(`[data-testid="verdict-metric"][data-metric="${metric}"] [data-role="canary-mean"]`)).toHaveText(mean);
    const summary = page.locator(`[data-testid="canary-summary"][data-metric="${metric}"]`);
    await expect(summary.locator('[data-role="canary-mean"]')).toHaveText(mean);
    await expect(summary.locator('[data-role="window"]')).toContainText('the verdict’s last 30 min to');
    await expect(page.getByTestId('verdict-window')).toContainText('last 30 min to');
    // Rules read in labels and units, never ids or bare numbers.
    const rules = page.getByTestId('verdict-rule');
    await expect(rules).toHaveCount(2);
    for (const text of await rules.allTextContents()) {
      expect(text).toMatch(/^(TRIPPED|breached|held) \d of 3 breaches: (Error rate \(5xx\)|Latency p95) \((last sample|window mean)\): /);
      expect(text).not.toMatch(/error_rate|latency_p95/);
    }
  });
});
