import { expect, test, type APIRequestContext } from '@playwright/test';
import { startServe, type ServedConsole } from './fixtures/serve';

const COLUMNS = ['time', 'source', 'actor', 'action', 'object', 'env', 'reason'];
const VIEWPORT = { width: 1600, height: 900 };

async function invoke<T>(request: APIRequestContext, served: ServedConsole, channel: string, data: unknown = {}): Promise<T> {
  const token = new URL(served.url).searchParams.get('token')!;
  const reply = await (await request.post(`${served.origin}/api/invoke/${channel}`, { data, headers: { authorization: `Bearer ${token}` } })).json();
  if (!reply.ok) throw new Error(`${channel}: ${reply.error.message}`);
  return reply.value as T;
}

// A reviewer in Berlin reads the demo's history: the plans there live in Europe/Berlin too.
test.use({ timezoneId: 'Europe/Berlin', viewport: VIEWPORT });

test.describe('the audit list, fit for review', () => {
  let served: ServedConsole;
  test.beforeAll(async () => {
    served = await startServe();
  });
  test.afterAll(async () => {
    await served.stop();
  });

  test('headings sit over their cells, the list fills the window, and every time names its zone', async ({ page }) => {
    await page.goto(served.url);
    await page.getByRole('button', { name: 'Audit' }).click();
    const rows = page.getByTestId('audit-row');
    await expect(rows.nth(5)).toHaveAttribute('data-id', /\d+/);

    const head = page.getByTestId('audit-head');
    for (const col of COLUMNS) {
      const heading = (await head.locator(`[data-col="${col}"]`).boundingBox())!;
      for (let i = 0; i < 5; i++) {
        const cell = (await rows.nth(i).locator(`[data-col="${col}"]`).boundingBox())!;
        expect(Math.abs(cell.x - heading.x), `${col}, row ${i}: left edge`).toBeLessThanOrEqual(1);
        expect(Math.abs(cell.width - heading.width), `${col}, row ${i}: width`).toBeLessThanOrEqual(1);
        expect(cell.y).toBeGreaterThanOrEqual(heading.y + heading.height - 1);
      }
    }

    // The list runs to the bottom of the window instead of stopping ~400 px down an empty page.
    const list = (await page.getByTestId('audit-list').boundingBox())!;
    expect(list.y + list.height).toBeGreaterThan(VIEWPORT.height - 40);
    expect(list.y + list.height).toBeLessThanOrEqual(VIEWPORT.height);
    expect(await page.evaluate('document.documentElement.scrollHeight <= window.innerHeight + 1')).toBe(true); // the page itself does not scroll

    // Local time says its offset (Berlin: UTC+1 in winter, UTC+2 in summer); UTC says UTC, and the choice is kept.
    const time = rows.first().locator('time');
    await expect(time).toHaveText(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\+[12]$/);
    const iso = (await time.getAttribute('datetime'))!;
    await page.getByRole('combobox', { name: 'Times in' }).selectOption('utc');
    await expect(time).toHaveText(`${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`);
    await page.reload();
    await page.getByRole('button', { name: 'Audit' }).click();
    await expect(page.getByRole('combobox', { name: 'Times in' })).toHaveValue('utc');
    await expect(page.getByTestId('audit-row').first().locator('time')).toHaveText(/ UTC$/);
  });

  test('a long cell shows in full on hover and in the detail pane; an over-long filter is refused in words', async ({ page, request }) => {
    const reason = `INC-7731 card scheme cut-over: ${'issuer ACS timeouts above 4 s on the new challenge flow, '.repeat(3)}rolled back`;
    await invoke(request, served, 'flags:setEnabled', { flag: 'checkout.express-pay-button', environment: 'development', enabled: false, reason });
    await page.goto(served.url);
    await page.getByRole('button', { name: 'Audit' }).click();
    await page.getByRole('searchbox', { name: 'Search the audit' }).fill('INC-7731');
    await page.getByRole('button', { name: 'Search' }).click();
    const row = page.getByTestId('audit-row').first();
    await expect(row).toContainText('checkout.express-pay-button');
    const cell = row.locator('[data-col="reason"]');
    await expect(cell).toHaveAttribute('title', reason);
    expect(await cell.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true); // cut short in the row
    await row.click();
    await expect(page.getByTestId('audit-detail')).toContainText(reason);

    const found = (await page.getByTestId('audit-count').textContent())!;
    const environment = page.getByRole('textbox', { name: 'Environment' });
    await environment.fill('p'.repeat(256));
    await expect(environment).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByText('Environment takes at most 100 characters; this one has 256. Shorten it to search.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Search' })).toBeDisabled();
    await environment.press('Enter');
    await expect(page.getByText(/Too big|expected string/)).toHaveCount(0);
    await expect(page.getByTestId('audit-count')).toHaveText(found);
  });

  test('the name set in Settings is the one on the console’s rows and on the flag’s latest change', async ({ page, request }) => {
    await page.goto(served.url);
    await page.getByRole('button', { name: 'Workspace settings' }).click();
    const name = page.getByRole('textbox', { name: 'Your name in the audit' });
    await expect(name).not.toHaveValue('');
    await name.fill('Ana Ribeiro');
    await page.getByRole('button', { name: 'Save name' }).click();
    await expect(page.getByRole('status')).toHaveText('Saved: your actions from now on are recorded as Ana Ribeiro.');
    await page.keyboard.press('Escape');

    await invoke(request, served, 'flags:setEnabled', { flag: 'search.query-cache', environment: 'development', enabled: false });
    await invoke(request, served, 'audit:sync'); // the server's own log: the same kill under its token
    const changes = (await invoke<{ changes: { flag: string; environment: string; by: string }[] }>(request, served, 'flags:list')).changes;
    expect(changes.find((c) => c.flag === 'search.query-cache' && c.environment === 'development')?.by).toBe('Ana Ribeiro');

    await page.getByRole('button', { name: 'Audit' }).click();
    await page.getByRole('textbox', { name: 'Object' }).fill('search.query-cache');
    await page.getByRole('textbox', { name: 'Actor' }).fill('Ana Ribeiro');
    await page.getByRole('button', { name: 'Search' }).click();
    // The intent and its confirmed outcome, both under the name from Settings.
    await expect(page.getByTestId('audit-count')).toHaveText('2 events');
    const rows = page.getByTestId('audit-row');
    await expect(rows.locator('[data-col="action"]')).toHaveText(['flag.disabled', 'flag.disabled.requested']);
    await expect(rows.locator('[data-col="actor"]')).toHaveText(['Ana Ribeiro', 'Ana Ribeiro']);
    await expect(rows.locator('[data-col="source"]')).toHaveText(['console', 'console']);
  });
});
