import { readFileSync } from 'node:fs';
import type { Browser } from '@playwright/test';
import { startServe } from '../e2e/fixtures/serve';
import { removeDataDir } from './auditDb';
import { launchChromium } from './browser';
import { once, quick, record } from './results';

const MINUTES = Number(process.env.BENCH_SOAK_MINUTES ?? 10);
const SAMPLE_MS = 5000;
const POLL_MS = 1000;

/** The resident set of a process, in MB, from /proc/<pid>/status (VmRSS is in kB). */
function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+)\s+kB/m);
  if (!line) throw new Error(`no VmRSS for ${pid}`);
  return Number(line[1]) / 1024;
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/** Least-squares slope of value over time (MB per ms). */
function slope(points: { at: number; mb: number }[]): number {
  const t = mean(points.map((p) => p.at));
  const v = mean(points.map((p) => p.mb));
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.at - t) * (p.mb - v);
    den += (p.at - t) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

let browser: Browser | undefined;
afterAll(async () => {
  await browser?.close();
});

it(`serve on the demo at a ${POLL_MS} ms poll for ${MINUTES} minutes with the Kill switches view open: RSS`, async () => {
  if (quick) {
    // Ten minutes cannot be quick: the runner lists memory.soak.rss and memory.soak.growth as not measured this run.
    console.log('soak: not run in the quick subset (it takes 10 minutes); memory.soak.rss and memory.soak.growth are not recorded');
    return;
  }
  const served = await startServe({ args: ['--poll-ms', String(POLL_MS)] });
  const pid = served.process.pid!;
  browser = await launchChromium();
  const page = await (await browser.newContext()).newPage();
  await page.goto(served.url);
  await page.getByTestId('flag-row').first().waitFor({ timeout: 30_000 });

  const started = Date.now();
  const samples: { at: number; mb: number }[] = [{ at: 0, mb: rssMb(pid) }];
  const end = started + MINUTES * 60_000;
  while (Date.now() < end) {
    await new Promise((resolve) => setTimeout(resolve, Math.min(SAMPLE_MS, end - Date.now())));
    samples.push({ at: Date.now() - started, mb: rssMb(pid) });
    if (samples.length % 12 === 1) console.log(`  soak ${((Date.now() - started) / 60_000).toFixed(1)} min: RSS ${samples.at(-1)!.mb.toFixed(1)} MB`);
  }
  const flagRows = await page.getByTestId('flag-row').count();
  await served.stop();
  removeDataDir(served.dataDir);

  const minute = (from: number, to: number) => samples.filter((s) => s.at >= from * 60_000 && s.at <= to * 60_000);
  const max = Math.max(...samples.map((s) => s.mb));
  const lastFive = minute(Math.max(0, MINUTES - 5), MINUTES);
  const fiveToSix = mean(minute(Math.min(5, MINUTES - 1), Math.min(6, MINUTES)).map((s) => s.mb));
  const lastMinute = mean(minute(MINUTES - 1, MINUTES).map((s) => s.mb));
  // Growth over the last five minutes: the least-squares slope × 5 min, over the mean of those minutes.
  const growth = ((slope(lastFive) * 5 * 60_000) / mean(lastFive.map((s) => s.mb))) * 100;
  console.log(
    [
      `soak: serve on the demo, --poll-ms ${POLL_MS}, ${MINUTES} min, Chromium on the Kill switches view (${flagRows} flag rows), RSS every ${SAMPLE_MS / 1000} s:`,
      `  start ${samples[0]!.mb.toFixed(1)} MB  max ${max.toFixed(1)} MB  mean min 5–6 ${fiveToSix.toFixed(1)} MB  mean last minute ${lastMinute.toFixed(1)} MB`,
      `  growth over the last 5 min (linear fit slope × 5 min / mean) ${growth.toFixed(2)} %`,
    ].join('\n'),
  );
  const note = `${MINUTES} min at --poll-ms ${POLL_MS}, one Chromium page on the Kill switches view; RSS of the serve process sampled every ${SAMPLE_MS / 1000} s (${samples.length} samples); mean min 5–6 ${fiveToSix.toFixed(1)} MB, last minute ${lastMinute.toFixed(1)} MB`;
  record({
    id: 'memory.soak.rss',
    group: 'start and memory',
    figure: `serve RSS over a ${MINUTES}-minute live session on the demo, 1 s poll (max)`,
    unit: 'MB',
    ringside: once(max),
    anchor: { name: 'RSS at start', stat: once(samples[0]!.mb) },
    target: { text: 'max ≤ 300 MB', measured: max, op: '<=', value: 300 },
    note,
  });
  record({
    id: 'memory.soak.growth',
    group: 'start and memory',
    figure: 'serve RSS growth over the last 5 minutes of that session (linear fit slope × 5 min / mean)',
    unit: '%',
    ringside: once(growth),
    anchor: null,
    target: { text: 'growth < 5 %', measured: growth, op: '<', value: 5 },
    note,
  });
  expect(samples.length).toBeGreaterThan(1);
}, (MINUTES + 3) * 60_000); // the session itself, plus start and stop
