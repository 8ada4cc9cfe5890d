import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { startServe, type ServedConsole } from './fixtures/serve';

// Liveness you can trust: the page knows within 2 s when the core stops answering, shows one
// offline state, and comes back by itself when the core is back on the same data folder and port.

const tokenOf = (served: ServedConsole) => new URL(served.url).searchParams.get('token')!;
const portOf = (served: ServedConsole) => new URL(served.url).port;

/** The core after a restart: the same data folder and port, as a person would run it again. */
const restart = (before: ServedConsole) => startServe({ dataDir: before.dataDir, args: ['--port', portOf(before)] });

async function expectOnline(page: Page) {
  await expect(page.getByTestId('offline-banner')).toBeHidden();
  await expect(page.getByTestId('backend-flags')).toHaveAttribute('data-state', 'online');
}

/** A flag that is on in production, read from the core itself. */
async function flagOnInProduction(request: APIRequestContext, served: ServedConsole): Promise<string> {
  const list = await request.post(`${served.origin}/api/invoke/flags:list`, { data: {}, headers: { authorization: `Bearer ${tokenOf(served)}` } });
  const { value } = (await list.json()) as { value: { flags: { name: string; environments: { environment: string; enabled: boolean }[] }[] } };
  const flag = value.flags.find((f) => f.environments.some((e) => e.environment === 'production' && e.enabled));
  expect(flag, 'the demo has a flag on in production').toBeTruthy();
  return flag!.name;
}

test.describe('liveness in Chromium (serve mode)', () => {
  const running: ServedConsole[] = [];
  test.afterEach(async () => {
    for (const served of running.splice(0)) await served.stop();
  });

  test('stopping serve turns the console offline within 2 s; restarting it on the same folder and port brings the page back by itself', async ({
    page,
    request,
  }) => {
    const first = await startServe();
    running.push(first);
    await page.goto(first.url);
    await page.getByRole('button', { name: 'Kill switches' }).click();
    await expect(page.getByTestId('flag-row').first()).toBeVisible();
    await expectOnline(page);
    // Marks this document: if anything reloaded the page, the mark would be gone.
    await page.evaluate(() => ((globalThis as unknown as { sameDocument: boolean }).sameDocument = true));

    // the 2 s start when the signal is sent, not when the process has gone
    const stopping = first.stop();
    const banner = page.getByTestId('offline-banner');
    await expect(banner).toBeVisible({ timeout: 2_000 });
    await stopping;
    await expect(banner).toContainText('is not answering');
    await expect(banner).toContainText('npm run serve');
    await expect(page.getByTestId('backend-flags')).toHaveAttribute('data-state', 'unknown');
    await expect(page.locator('main fieldset')).toHaveJSProperty('disabled', true);
    await expect(page.getByTestId('flag-row').first().getByRole('button').first()).toBeDisabled();
    await expect(page.getByTestId('flag-row').first()).toBeVisible(); // what it last said stays readable

    const second = await restart(first);
    running.push(second);
    await expect(banner).toBeHidden({ timeout: 15_000 });
    await expectOnline(page);
    await expect(page.locator('main fieldset')).toHaveJSProperty('disabled', false);

    // The page is live again: a kill made now, outside the page, shows up in it by itself.
    const name = await flagOnInProduction(request, second);
    const row = page.locator(`[data-testid="flag-row"][data-flag="${name}"]`);
    await expect(row.getByTestId('flag-state-production')).toHaveText(/on/);
    const kill = await request.post(`${second.origin}/api/invoke/flags:setEnabled`, {
      data: { flag: name, environment: 'production', enabled: false },
      headers: { authorization: `Bearer ${tokenOf(second)}` },
    });
    expect(await kill.json()).toMatchObject({ ok: true });
    await expect(row.getByTestId('flag-state-production')).toHaveText(/off/);
    expect(await page.evaluate(() => (globalThis as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
  });

  test('a core that hangs is offline within 2 s by its missing heartbeat, and back when it resumes', async ({ page }) => {
    const served = await startServe();
    running.push(served);
    await page.goto(served.url);
    await expectOnline(page);
    served.process.kill('SIGSTOP');
    try {
      // the socket stays open: only the silence tells
      await expect(page.getByTestId('offline-banner')).toBeVisible({ timeout: 2_000 });
      await expect(page.getByTestId('offline-banner')).toHaveAttribute('data-reason', 'silent');
    } finally {
      served.process.kill('SIGCONT');
    }
    await expect(page.getByTestId('offline-banner')).toBeHidden({ timeout: 5_000 });
    await expectOnline(page);
  });

  test('a restart with a new token says exactly what to do, and the page reconnects once it is done', async ({ page, context }) => {
    const first = await startServe();
    running.push(first);
    await page.goto(first.url);
    await expectOnline(page);

    await first.stop();
    rmSync(join(first.dataDir, 'serve-token'));
    const second = await restart(first);
    running.push(second);
    const banner = page.getByTestId('offline-banner');
    await expect(banner).toHaveAttribute('data-reason', 'signed-out', { timeout: 15_000 });
    await expect(banner).toContainText('Open the URL that `npm run serve` printed (it ends in ?token=…)');

    // doing what it says, in another tab, signs this one in too
    const other = await context.newPage();
    await other.goto(second.url);
    await expect(banner).toBeHidden({ timeout: 15_000 });
    await expectOnline(page);
  });
});
