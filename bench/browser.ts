import { chromium, type Browser } from '@playwright/test';
import { chromiumArgs } from '../playwright.config';

/** Debian's Chromium with the Playwright suite's flags, for benches that time the console in a browser. */
export const launchChromium = (): Promise<Browser> =>
  chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs });

/**
 * An init script for a page (text: it runs in the page, which this project's Node types do not
 * describe): stamps `window.__flagRowsPaintedAt` (epoch ms) in the first animation frame after the
 * Kill switches view's first flag row is in the DOM, i.e. the frame that paints it.
 */
export const STAMP_FLAG_ROWS_PAINT = `(() => {
  const seen = () => document.querySelector('[data-testid="flag-row"]') !== null;
  const observer = new MutationObserver(() => {
    if (!seen()) return;
    observer.disconnect();
    requestAnimationFrame(() => { window.__flagRowsPaintedAt ??= Date.now(); });
  });
  observer.observe(document, { childList: true, subtree: true });
})();`;

/** The page's own timeline: navigation start, DOMContentLoaded and the stamp above, in epoch ms. */
export const PAGE_TIMES = `(() => {
  const nav = performance.getEntriesByType('navigation')[0];
  return {
    navigation: performance.timeOrigin,
    domContentLoaded: performance.timeOrigin + nav.domContentLoadedEventEnd,
    painted: window.__flagRowsPaintedAt,
  };
})()`;
