import { once, record } from './results';
import BetterSqlite3 from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { performance } from 'node:perf_hooks';
import { auditQueries } from '../src-main/core/store/audit';
import { buildCrashWriter, crashDbFile, crashOnce, lcg } from '../src-main/core/store/auditCrashHarness';
import { openStore } from '../src-main/core/store/db';

/** More kills than the test's 200, at random moments, against the real store in a child process. */
const KILLS = Number(process.env.BENCH_CRASH_KILLS ?? 1_000);

it(`audit crash safety: ${KILLS.toLocaleString('en')} SIGKILLs`, async () => {
  const writer = await buildCrashWriter();
  const file = crashDbFile();
  const random = lcg(Number(process.env.BENCH_CRASH_SEED ?? 0xbe7c4));
  const reported = new Map<number, string>();
  let duplicates = 0;
  let beforeOpen = 0;
  const started = performance.now();
  for (let run = 0; run < KILLS; run += 1) {
    const fromReady = run % 3 !== 0;
    const outcome = await crashOnce(writer, file, `b${run}`, Math.floor(random() * (fromReady ? 80 : 350)), fromReady);
    if (!outcome.opened) beforeOpen += 1;
    for (const [id, row] of outcome.committed) {
      if (reported.has(id)) duplicates += 1;
      reported.set(id, row);
    }
  }
  const seconds = (performance.now() - started) / 1000;

  const raw = new BetterSqlite3(file, { readonly: true });
  const integrity = raw.pragma('integrity_check', { simple: true });
  const rows = new Map((raw.prepare("SELECT id, object_id FROM audit WHERE workspace = 'crash'").all() as { id: number; object_id: string }[]).map((r) => [r.id, r.object_id]));
  raw.close();
  const missing = [...reported].filter(([id, row]) => rows.get(id) !== row).length;
  const { db } = openStore({ file });
  const chain = auditQueries(db).verify();
  db.close();
  for (const dir of [dirname(writer), dirname(file)]) rmSync(dir, { recursive: true, force: true });

  console.log(
    [
      `audit crash safety, ${KILLS.toLocaleString('en')} SIGKILLs at random moments (${beforeOpen} before the store was open) in ${seconds.toFixed(0)} s:`,
      `  integrity_check                   ${integrity}`,
      `  rows reported committed           ${reported.size.toLocaleString('en')}, missing afterwards: ${missing}, reported twice: ${duplicates}`,
      `  rows in the file                  ${rows.size.toLocaleString('en')} (the rest committed just before a kill, unreported)`,
      `  hash chain                        ${chain.ok ? `intact, ${chain.checked.toLocaleString('en')} rows` : `BROKEN at ${chain.firstBroken?.id}`}`,
    ].join('\n'),
  );
  record({
    id: 'audit.crash',
    group: 'audit',
    figure: `rows reported committed by a writer SIGKILLed ${KILLS.toLocaleString('en')} times, missing afterwards`,
    unit: 'rows',
    ringside: once(missing),
    target: { text: 'none missing, chain intact', measured: missing + (chain.ok ? 0 : 1) + (integrity === 'ok' ? 0 : 1), op: '<=', value: 0 },
    note: `${reported.size.toLocaleString('en')} rows reported committed, ${duplicates} twice; integrity_check ${integrity}; chain ${chain.ok ? 'intact' : 'BROKEN'}`,
  });
  expect(integrity).toBe('ok');
  expect(missing).toBe(0);
  expect(duplicates).toBe(0);
  expect(chain.ok).toBe(true);
});
