import { expect, test, type APIRequestContext } from '@playwright/test';
import { startServe, type ServedConsole } from './fixtures/serve';

/**
 * The command palette as someone in an incident uses it, on the demo fleet in Chromium: three
 * letters and Enter, and a key pressed once too often must not kill anything else.
 */
test.describe('command palette', () => {
  let served: ServedConsole;
  test.beforeAll(async () => {
    served = await startServe();
  });
  test.afterAll(async () => {
    await served.stop();
  });

  /** Every (flag, environment) → enabled, as the core reads it now. */
  async function flagStates(request: APIRequestContext): Promise<Record<string, boolean>> {
    const token = new URL(served.url).searchParams.get('token')!;
    const answer = await request.post(`${served.origin}/api/invoke/flags:list`, { data: {}, headers: { authorization: `Bearer ${token}` } });
    const body = (await answer.json()) as { ok: true; value: { flags: { name: string; environments: { environment: string; enabled: boolean }[] }[] } };
    return Object.fromEntries(body.value.flags.flatMap((f) => f.environments.map((e) => [`${f.name} in ${e.environment}`, e.enabled])));
  }

  test('"pay" puts the payments.* flags first', async ({ page }) => {
    await page.goto(served.url);
    await page.getByRole('button', { name: 'Kill switches' }).click();
    await expect(page.getByTestId('flag-row').first()).toBeVisible();
    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    await page.keyboard.type('pay');
    const options = palette.getByRole('option');
    await expect(options.first()).toHaveAttribute('data-flag', /^payments\./);
    await expect(options.first()).toHaveAttribute('data-env', 'production');
    const flags = await options.evaluateAll((all) => all.map((o) => o.getAttribute('data-flag') ?? ''));
    const express = flags.indexOf('checkout.express-pay-button');
    expect(express).toBeGreaterThan(0);
    expect(flags.slice(0, express).every((f) => f.startsWith('payments.'))).toBe(true);
    expect(flags.slice(express).some((f) => f.startsWith('payments.'))).toBe(false);
    await page.keyboard.press('Escape');
    await expect(palette).toHaveCount(0);
  });

  test('Ctrl+K, "beta", Enter, Enter, Enter turns off exactly one flag', async ({ page, request }) => {
    const before = await flagStates(request);
    expect(before['profile.beta-program in production']).toBe(true);
    await page.goto(served.url);
    await page.getByRole('button', { name: 'Kill switches' }).click();
    // the riskiest place to come back to: a Kill button, which an Enter would press
    await page.getByRole('button', { name: 'Kill checkout.express-pay-button in production' }).focus();

    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    await expect(palette).toBeVisible();
    await page.keyboard.type('beta');
    await expect(palette.getByRole('option').first()).toHaveAttribute('data-flag', 'profile.beta-program');
    await expect(palette.getByRole('option').first()).toHaveAttribute('data-env', 'production');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');

    await expect(palette).toHaveCount(0);
    const toast = page.getByTestId('palette-toast');
    await expect(toast).toHaveCount(1);
    await expect(toast).toContainText(/profile\.beta-program is off in production \(confirmed \d\d:\d\d:\d\d/);
    await expect(toast).toBeFocused();

    const row = (name: string) => page.locator(`[data-testid="flag-row"][data-flag="${name}"]`);
    await expect(row('profile.beta-program').getByTestId('flag-state-production')).toHaveText('off');
    await expect(row('profile.beta-program').getByTestId('flag-state-development')).toHaveText(/^on/);
    await expect(row('checkout.express-pay-button').getByTestId('flag-state-production')).toHaveText(/^on/);
    const after = await flagStates(request);
    const changed = Object.keys(before).filter((cell) => before[cell] !== after[cell]);
    expect(changed).toEqual(['profile.beta-program in production']);
  });

  test('Escape gives focus back to where it was', async ({ page }) => {
    await page.goto(served.url);
    await page.getByRole('button', { name: 'Kill switches' }).click();
    const filter = page.getByRole('searchbox', { name: 'Filter flags' });
    await filter.focus();
    await page.keyboard.press('Control+k');
    await expect(page.getByRole('dialog', { name: 'Command palette' })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog', { name: 'Command palette' })).toHaveCount(0);
    await expect(filter).toBeFocused();
  });
});
