import type { Browser } from '@playwright/test';
import { startServe, type ServedConsole } from '../e2e/fixtures/serve';
import { launchChromium } from './browser';
import { quick, once, record } from './results';
import { summarize } from './stats';

/**
 * Canary chart redraws (issue 14, item 2): serve mode on the demo fleet, Chromium at 1280×800, the
 * Canary view refreshing every 5 s (its default). In the page, every requestAnimationFrame
 * timestamp, every 'longtask' entry, every redraw of a chart line (its SVG path's `d` changed) and
 * every arrival of a refresh's answers (the series, the judgement) is recorded over the window; a
 * frame is dropped when its interval exceeds twice the median one, and counts as during a refresh
 * when it overlaps ±250 ms of an arrival or a redraw (a refresh that brought no new sample redraws
 * nothing, but its fetch, parse and render still run).
 * Then each line's drawn points are counted from its path and set against the plot's width in px.
 * Needs `npm run build` (out/main/serve.js).
 */
const WINDOW_MS = quick ? 10_000 : 32_000;
const REFRESH_MS = 5_000;
/** A frame counts as during a refresh when it overlaps this much time either side of an arrival or a redraw. */
const AROUND_REDRAW_MS = 250;
const GROUP = 'charts';

let served: ServedConsole;
let browser: Browser;

beforeAll(async () => {
  served = await startServe();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

interface PageRecord {
  frames: number[];
  longTasks: { start: number; duration: number }[];
  redraws: number[];
  refreshes: number[];
  judgements: number[];
}

/**
 * Runs in the page before any of its scripts (text: the page's DOM is not described by this
 * project's Node types): records frames, long tasks, line redraws and series and judgement arrivals in `window.__charts`.
 */
const RECORD_FRAMES = `(() => {
  const rec = { frames: [], longTasks: [], redraws: [], refreshes: [], judgements: [] };
  window.__charts = rec;
  const tick = (t) => {
    rec.frames.push(t);
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) rec.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  const isLine = (n) => n instanceof Element && (n.classList.contains('chart-line-curve') || n.querySelector('.chart-line-curve') !== null);
  new MutationObserver((mutations) => {
    const line = mutations.some((m) => (m.type === 'attributes' ? isLine(m.target) : [...m.addedNodes].some(isLine)));
    if (!line) return;
    const now = performance.now();
    // the lines of one refresh redraw within a few frames: count them once
    if (now - (rec.redraws.at(-1) ?? -Infinity) > 100) rec.redraws.push(now);
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['d'] });
  // when each refresh's series and judgement arrived (the transport's fetch to the core)
  const fetch = window.fetch.bind(window);
  window.fetch = async (...args) => {
    const response = await fetch(...args);
    if (String(args[0]).includes('canary:series')) rec.refreshes.push(performance.now());
    if (String(args[0]).includes('canary:judge')) rec.judgements.push(performance.now());
    return response;
  };
})();`;

/** What RECORD_FRAMES recorded from page time `t0` on. */
const recordedSince = (t0: number) => `(() => {
  const r = window.__charts;
  const since = (list, at) => list.filter((e) => at(e) >= ${t0});
  return {
    frames: since(r.frames, (t) => t),
    longTasks: since(r.longTasks, (e) => e.start),
    redraws: since(r.redraws, (t) => t),
    refreshes: since(r.refreshes, (t) => t),
    judgements: since(r.judgements, (t) => t),
  };
})()`;

/** Each chart line's drawn points (one path command M or L per point) and its plot's width in px (recharts' clip rectangle of the plot). */
const DRAWN_POINTS = `[...document.querySelectorAll('[data-testid="canary-chart"]')].flatMap((chart) => {
  const clip = chart.querySelector('svg defs clipPath rect');
  const plotWidth = Number(clip?.getAttribute('width') ?? 0);
  return [...chart.querySelectorAll('path.chart-line-curve')].map((path) => ({
    metric: chart.getAttribute('data-metric') ?? '?',
    points: (path.getAttribute('d')?.match(/[MLC]/g) ?? []).length,
    plotWidth,
  }));
})`;

it(`canary charts over ${WINDOW_MS / 1000} s of ${REFRESH_MS / 1000} s refreshes on the demo, 1280×800`, async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    await page.addInitScript({ content: RECORD_FRAMES });
    await page.addInitScript({ content: `localStorage.setItem('ringside.canaryRefreshMs', '${REFRESH_MS}')` });
    await page.goto(served.url);
    await page.getByRole('button', { name: 'Canary' }).click();
    await page.locator('[data-testid="canary-chart"] path.chart-line-curve').first().waitFor();
    const from = await page.evaluate<number>('performance.now()');
    await page.waitForTimeout(WINDOW_MS);
    const rec = await page.evaluate<PageRecord>(recordedSince(from));
    const lines = await page.evaluate<{ metric: string; points: number; plotWidth: number }[]>(DRAWN_POINTS);

    const intervals = rec.frames.slice(1).map((t, i) => ({ at: t, ms: t - rec.frames[i]! }));
    const medianInterval = summarize(intervals.map((f) => f.ms)).median;
    const dropped = intervals.filter((f) => f.ms > 2 * medianInterval);
    const moments = [...rec.redraws, ...rec.refreshes, ...rec.judgements];
    const nearRedraw = (f: { at: number; ms: number }) =>
      moments.some((r) => f.at >= r - AROUND_REDRAW_MS && f.at - f.ms <= r + AROUND_REDRAW_MS);
    const droppedInRefresh = dropped.filter(nearRedraw);
    // What the machine drops anyway (other processes on its cores): the rate away from any refresh,
    // over the time the refresh windows cover, so a count near it says the refreshes add nothing.
    const refreshMs = intervals.filter(nearRedraw).reduce((sum, f) => sum + f.ms, 0);
    const quietMs = intervals.reduce((sum, f) => sum + f.ms, 0) - refreshMs;
    const background = quietMs > 0 ? ((dropped.length - droppedInRefresh.length) / quietMs) * refreshMs : 0;
    const longest = Math.max(...intervals.map((f) => f.ms));
    const longestInRefresh = Math.max(0, ...intervals.filter(nearRedraw).map((f) => f.ms));
    const longTasks = rec.longTasks.filter((e) => e.duration > 50);
    const perPixel = Math.max(...lines.map((l) => l.points / l.plotWidth));
    const widest = lines.reduce((a, b) => (b.points / b.plotWidth > a.points / a.plotWidth ? b : a));

    console.log(
      [
        `canary charts, demo fleet, Chromium 1280×800, ${(WINDOW_MS / 1000).toFixed(0)} s at a ${REFRESH_MS / 1000} s refresh:`,
        `  ${rec.refreshes.length} series refreshes, ${rec.judgements.length} judgements, ${rec.redraws.length} line redraws, ${intervals.length} frames, median frame interval ${medianInterval.toFixed(2)} ms`,
        `  dropped frames (> 2 × median): ${dropped.length} in all, ${droppedInRefresh.length} within ±${AROUND_REDRAW_MS} ms of a refresh or redraw` +
          ` (the rate away from them predicts ${background.toFixed(1)} over that time)`,
        `  longest frame ${longest.toFixed(1)} ms (around a refresh ${longestInRefresh.toFixed(1)} ms); long tasks > 50 ms: ${longTasks.length}` +
          (longTasks.length ? ` (longest ${Math.max(...longTasks.map((e) => e.duration)).toFixed(0)} ms)` : ''),
        `  drawn points per line: ${lines.map((l) => `${l.metric} ${l.points}/${l.plotWidth} px`).join(', ')}`,
        `  most points per pixel: ${perPixel.toFixed(3)}`,
      ].join('\n'),
    );

    const sizes = `${rec.refreshes.length} series refreshes and ${rec.judgements.length} judgements (${rec.redraws.length} line redraws) in ${(WINDOW_MS / 1000).toFixed(0)} s at a ${REFRESH_MS / 1000} s refresh, ${lines.length} lines in ${new Set(lines.map((l) => l.metric)).size} charts, median frame ${medianInterval.toFixed(1)} ms`;
    record({
      id: 'chart.redraw.dropped',
      group: GROUP,
      figure: 'canary charts: frames dropped around a 5 s refresh (interval > 2 × median)',
      unit: 'frames',
      ringside: once(droppedInRefresh.length),
      target: { text: 'no dropped frame on a refresh', measured: droppedInRefresh.length, op: '<=', value: 0 },
      note: `${sizes}; ${dropped.length} dropped over the whole window (away from refreshes the rate predicts ${background.toFixed(1)} in their windows); ${longTasks.length} long tasks > 50 ms`,
    });
    record({
      id: 'chart.redraw.longest',
      group: GROUP,
      figure: 'canary charts: longest frame while refreshing (±250 ms of an arrival or a redraw)',
      unit: 'ms',
      ringside: once(longestInRefresh),
      target: null,
      note: `${sizes}; longest frame over the whole window ${longest.toFixed(1)} ms`,
    });
    record({
      id: 'chart.points.perPixel',
      group: GROUP,
      figure: 'canary charts: drawn points per horizontal pixel of the plot (most of any line)',
      unit: 'points/px',
      ringside: once(perPixel),
      target: { text: '≤ 1 drawn point per pixel', measured: perPixel, op: '<=', value: 1 },
      note: `widest: ${widest.metric} ${widest.points} points over ${widest.plotWidth} px, at 1280×800`,
    });
    expect(lines.length).toBeGreaterThan(0);
    expect(rec.frames.length).toBeGreaterThan(0);
  } finally {
    await context.close();
  }
});
