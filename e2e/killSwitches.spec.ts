import { expect, test, type Page } from '@playwright/test';
import { startServe, type ServedConsole } from './fixtures/serve';

/** The Kill switches view on the demo fleet in Chromium: nothing armed on arrival, nothing moving under the pointer. */
test.describe('Kill switches view', () => {
  let served: ServedConsole;
  test.beforeAll(async () => {
    served = await startServe();
  });
  test.afterAll(async () => {
    await served.stop();
  });

  async function open(page: Page) {
    await page.goto(served.url);
    await page.getByRole('button', { name: 'Kill switches' }).click();
    await expect(page.getByTestId('flag-row').first()).toBeVisible();
  }

  test('arrives with no bulk kill armed', async ({ page }) => {
    await open(page);
    const bar = page.getByTestId('bulk-kill');
    await expect(page.getByTestId('bulk-kill-tag')).toHaveValue('');
    const button = page.getByTestId('bulk-kill-button');
    await expect(button).toBeDisabled();
    await expect(button).toHaveText('Choose a tag to kill its flags');
    await expect(bar.locator('button.danger:enabled')).toHaveCount(0);
  });

  test('a bulk kill names its flags, asks once, and its result moves neither the table nor its columns', async ({ page }) => {
    await open(page);
    const table = page.locator('.flags-table');
    const headers = table.getByRole('columnheader');
    const geometry = async () => ({
      top: (await table.boundingBox())!.y,
      widths: await headers.evaluateAll((all) => all.map((h) => Math.round(h.getBoundingClientRect().width))),
    });
    const before = await geometry();

    await page.getByTestId('bulk-kill-tag').selectOption('expires:2026-06-30');
    const button = page.getByTestId('bulk-kill-button');
    await expect(button).toHaveText('Kill 1 flag in production: checkout.address-autocomplete');
    // arming the bar moves nothing either
    expect(await geometry()).toEqual(before);
    await button.click();
    const dialog = page.getByRole('dialog', { name: 'Kill 1 flag tagged expires:2026-06-30 in production?' });
    await expect(dialog.getByRole('listitem')).toHaveText(['checkout.address-autocomplete']);
    await dialog.getByRole('button', { name: 'Kill 1 flag' }).click();

    await expect(page.getByTestId('bulk-kill-toast')).toContainText('1 of 1 flags tagged expires:2026-06-30 turned off in production');
    const row = page.locator('[data-testid="flag-row"][data-flag="checkout.address-autocomplete"]');
    await expect(row.getByTestId('flag-state-production')).toHaveText('off');
    expect(await geometry()).toEqual(before);
    // done: the bar is back to nothing chosen, not "Kill 0 flags"
    await expect(page.getByTestId('bulk-kill-tag')).toHaveValue('');
    await expect(button).toBeDisabled();
  });

  test('a filter above the table, reached by keyboard, narrows it as one types', async ({ page }) => {
    await open(page);
    await page.getByTestId('bulk-kill').getByLabel('Environment').focus();
    await page.keyboard.press('Tab');
    const filter = page.getByRole('searchbox', { name: 'Filter flags' });
    await expect(filter).toBeFocused();
    await page.keyboard.type('payments');
    const rows = page.getByTestId('flag-row');
    await expect(rows).toHaveCount(4);
    expect((await rows.evaluateAll((all) => all.map((r) => r.getAttribute('data-flag') ?? ''))).every((f) => f.startsWith('payments.'))).toBe(true);
    await expect(page.getByTestId('flag-filter-count')).toHaveText(/^4 of \d+ flags$/);
    await page.keyboard.press('Escape');
    await expect(filter).toHaveValue('');
    expect(await rows.count()).toBeGreaterThan(4);
  });

  test('flag names wrap only after . - and _, even in a narrow column', async ({ page }) => {
    await open(page);
    // as a larger font or a smaller window would: a name column too narrow for most names
    // (set through CSSOM: the CSP refuses an inline <style>, as it should)
    await page.locator('.flags-table .col-name').evaluateAll((cols) => cols.forEach((c) => (c as unknown as { style: { setProperty(p: string, v: string, o: string): void } }).style.setProperty('width', '110px', 'important')));
    const breaks = await page.locator('th.flag-name').evaluateAll((names) =>
      names.map((name) => {
        // a line break shows as the next character starting lower than the one before it
        const chars: { char: string; top: number }[] = [];
        const doc = name.ownerDocument;
        const walker = doc.createTreeWalker(name, 4 /* NodeFilter.SHOW_TEXT */);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          for (let i = 0; i < node.textContent!.length; i++) {
            const range = doc.createRange();
            range.setStart(node, i);
            range.setEnd(node, i + 1);
            chars.push({ char: node.textContent![i]!, top: range.getBoundingClientRect().top });
          }
        }
        const after: string[] = [];
        for (let i = 1; i < chars.length; i++) if (chars[i]!.top > chars[i - 1]!.top + 2) after.push(chars[i - 1]!.char);
        return { name: name.textContent, after };
      }),
    );
    expect(breaks.some((b) => b.after.length > 0)).toBe(true);
    expect(breaks.filter((b) => b.after.some((c) => !'.-_'.includes(c)))).toEqual([]);
  });
});
