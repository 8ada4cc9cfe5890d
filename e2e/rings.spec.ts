import { expect, test } from '@playwright/test';
import { startServe, type ServedConsole } from './fixtures/serve';

/**
 * The ring demo in Chromium through serve mode: payments-3ds 1.4.0 bakes in Ring 0, moves to
 * Ring 1 by itself, its canary degrades and the guard stops the line on both layers. At
 * --demo-speed 60 a minute of the plan is a second, so the story plays in about fifteen seconds.
 */
test.describe('rings and the stop-the-line guard', () => {
  let served: ServedConsole;
  test.beforeAll(async () => {
    served = await startServe({ args: ['--poll-ms', '500', '--demo-speed', '60'] });
  });
  test.afterAll(async () => {
    await served.stop();
  });

  test('the release reaches Ring 1, the guard halts it with the reason, the flag is killed and the rollout aborted', async ({ page }) => {
    await page.goto(served.url);
    await page.getByRole('button', { name: 'Rings' }).click();
    const plan = page.locator('[data-testid="plan"][data-plan="plan-payments-3ds-1.4.0"]');
    const ring = (name: string) => plan.locator(`[data-testid="ring-stage"][data-ring="${name}"]`);

    await expect(ring('Ring 0')).toHaveAttribute('data-state', /active|baking|healthy/);
    await expect(ring('Ring 0').getByTestId('ring-entered')).toContainText('fatima.elamin');
    await expect(page.getByTestId('blackout-status')).toHaveAttribute('data-blocked', 'false');

    // Ring 0 bakes ten demo minutes; auto-advance takes the release into Ring 1.
    await expect(ring('Ring 1').getByTestId('ring-entered')).toContainText('ringside-auto', { timeout: 30_000 });
    await expect(ring('Ring 0')).toHaveAttribute('data-state', 'done');

    // The employees' traffic exhausts the canary; the guard stops the line by itself.
    const banner = page.getByTestId('guard-banner');
    await expect(banner).toBeVisible({ timeout: 30_000 });
    await expect(banner.getByTestId('guard-message')).toContainText('Stop the line: payments-3ds 1.4.0 halted at Ring 1');
    await expect(banner.getByTestId('guard-message')).toContainText('flag payments.3ds2-challenge-flow: off in production');
    await expect(banner.getByTestId('guard-message')).toContainText('rollout shop/payments-3ds: aborted');
    await expect(ring('Ring 1')).toHaveAttribute('data-state', 'halted');
    const halt = plan.getByTestId('plan-halt');
    await expect(halt).toHaveAttribute('data-kind', 'guard');
    await expect(halt).toContainText('The guard stopped the line at Ring 1: rollout aborted, flag killed');
    // The reason and the evidence name the metric by its label, with its unit.
    await expect(halt.getByTestId('halt-reason')).toContainText(/Error rate \(5xx\)|Latency p95/);
    await expect(halt).toContainText(/canary [\d.]+(%| ms) vs baseline [\d.]+(%| ms), p /);

    // The rollout is aborted in the deploy layer…
    const rollout = page.locator('[data-testid="rollout-row"][data-rollout="payments-3ds"]');
    await expect(rollout).toHaveAttribute('data-aborted', 'true');
    await expect(rollout).toContainText('Degraded');

    // …and the flag is off in production, confirmed by read-back.
    await page.getByRole('button', { name: 'Kill switches' }).click();
    const flag = page.locator('[data-testid="flag-row"][data-flag="payments.3ds2-challenge-flow"]');
    await expect(flag.getByTestId('flag-state-production')).toContainText('off');

    // The audit names the guard for both layers.
    await page.getByRole('button', { name: 'Audit' }).click();
    await expect(page.getByTestId('audit-row').filter({ hasText: 'guard.rolledBack' }).first()).toBeVisible();
  });

  test('a person rolls back from the keyboard; both layers report', async ({ page }) => {
    await page.goto(served.url);
    await page.getByRole('button', { name: 'Rings' }).click();
    const plan = page.locator('[data-testid="plan"][data-plan="plan-payments-3ds-1.4.0"]');
    const rollBack = plan.getByRole('button', { name: 'Roll back' });
    await rollBack.focus();
    await page.keyboard.press('Enter');
    const outcome = plan.getByTestId('plan-action-outcome');
    await expect(outcome).toContainText('Roll back · rollout shop/payments-3ds');
    await expect(outcome).toContainText('Roll back · flag payments.3ds2-challenge-flow: off in production, confirmed by read-back');
  });
});
