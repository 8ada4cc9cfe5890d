import type { Browser } from '@playwright/test';
import { startServe } from '../e2e/fixtures/serve';
import { cachedAuditDb, freshDataDir, removeDataDir } from './auditDb';
import { launchChromium, PAGE_TIMES, STAMP_FLAG_ROWS_PAINT } from './browser';
import { quick, record, stat } from './results';
import { summarize } from './stats';

const ROWS = quick ? 100_000 : 1_000_000;
const RUNS = quick ? 3 : 10;

/** One cold start, in epoch ms from the spawn of `node out/main/serve.js`. */
interface Split {
  url: number;
  /** the page's navigation start (performance.timeOrigin) */
  navigation: number;
  domContentLoaded: number;
  painted: number;
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** A new serve process on a fresh copy of `db` (or an empty folder), a new browser context, timed to the flag rows' first paint. */
async function coldStart(db: string | null): Promise<Split> {
  const dataDir = freshDataDir(db);
  // The browser is up with an empty tab, as for someone about to paste the URL; its HTTP cache is fresh.
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript({ content: STAMP_FLAG_ROWS_PAINT });
  const spawned = Date.now();
  const served = await startServe({ dataDir });
  const url = Date.now();
  try {
    await page.goto(served.url, { waitUntil: 'commit' });
    // a function, not text: the console's CSP has no 'unsafe-eval' for Playwright's polling to use
    await page.waitForFunction(() => (globalThis as { __flagRowsPaintedAt?: number }).__flagRowsPaintedAt !== undefined, null, {
      timeout: 30_000,
    });
    const times = await page.evaluate<{ navigation: number; domContentLoaded: number; painted: number }>(PAGE_TIMES);
    return {
      url: url - spawned,
      navigation: times.navigation - spawned,
      domContentLoaded: times.domContentLoaded - spawned,
      painted: times.painted - spawned,
    };
  } finally {
    await context.close();
    await served.stop();
    removeDataDir(dataDir);
  }
}

async function runs(label: string, db: string | null): Promise<Split[]> {
  await coldStart(db); // warm the OS file cache and Chromium's binary once; not counted
  const splits: Split[] = [];
  for (let i = 0; i < RUNS; i += 1) splits.push(await coldStart(db));
  const med = (key: keyof Split) => summarize(splits.map((s) => s[key])).median;
  const painted = summarize(splits.map((s) => s.painted));
  console.log(
    [
      `serve cold start to the Kill switches view's first paint, ${label}, ${RUNS} runs (median ms from spawn):`,
      `  URL printed ${med('url').toFixed(0)}  navigation start ${med('navigation').toFixed(0)}` +
        `  DOMContentLoaded ${med('domContentLoaded').toFixed(0)}  flag rows painted ${painted.median.toFixed(0)} (p95 ${painted.p95.toFixed(0)})`,
      `  runs: ${splits.map((s) => s.painted.toFixed(0)).join(' ')}`,
    ].join('\n'),
  );
  return splits;
}

it(`serve cold start with ${ROWS.toLocaleString('en-US')} cached audit rows beside an empty database`, async () => {
  const db = cachedAuditDb(ROWS);
  const empty = await runs('empty database', null);
  const full = await runs(`${ROWS.toLocaleString('en-US')} audit rows`, db);
  const emptyStat = stat(empty.map((s) => s.painted));
  const fullStat = stat(full.map((s) => s.painted));
  const split = (splits: Split[]) => {
    const med = (key: keyof Split) => summarize(splits.map((s) => s[key])).median.toFixed(0);
    return `URL printed ${med('url')} ms, navigation ${med('navigation')} ms, DOMContentLoaded ${med('domContentLoaded')} ms`;
  };
  record({
    id: 'start.cold.1m',
    group: 'start and memory',
    figure: `serve cold start to the Kill switches view's first paint, ${ROWS.toLocaleString('en-US')} cached audit rows (Chromium)`,
    unit: 'ms',
    ringside: fullStat,
    anchor: { name: 'empty database', stat: emptyStat },
    target: { text: 'median ≤ 1000 ms', measured: fullStat.median, op: '<=', value: 1000 },
    note: `${RUNS} runs, a new serve process and browser context each; median split from spawn: ${split(full)}`,
  });
  record({
    id: 'start.cold.empty',
    group: 'start and memory',
    figure: "serve cold start to the Kill switches view's first paint, empty database (Chromium)",
    unit: 'ms',
    ringside: emptyStat,
    anchor: null,
    target: null,
    note: `${RUNS} runs; median split from spawn: ${split(empty)}`,
  });
  expect(full).toHaveLength(RUNS);
});
