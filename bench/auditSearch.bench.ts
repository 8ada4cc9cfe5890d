import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { verifyInChunks } from '../src-main/core/audit/chainCheck';
import { writeExport } from '../src-main/core/audit/export';
import { auditQueries } from '../src-main/core/store/audit';
import type { AuditFilter } from '../src-main/core/store/auditSearch';
import { openStore } from '../src-main/core/store/db';
import { actions, actors, benchEvent, START } from './auditEvents';
import { ms, summarize } from './stats';

const EVENTS = Number(process.env.BENCH_AUDIT_EVENTS ?? 1_000_000);
const SEARCHES = 200;
it(`audit ingest, search, paging, export and verify over ${EVENTS.toLocaleString('en')} events`, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ringside-bench-'));
  const file = join(dir, 'ringside.db');
  const { db } = openStore({ file });
  const audit = auditQueries(db);

  const started = performance.now();
  const batch = 10_000;
  for (let i = 0; i < EVENTS; i += batch) {
    audit.appendMany(Array.from({ length: Math.min(batch, EVENTS - i) }, (_, k) => benchEvent(i + k)));
  }
  const seconds = (performance.now() - started) / 1000;

  // Incident numbers that occur (every 50th event carries one): each matches EVENTS / 4,000 events.
  const terms = Array.from({ length: SEARCHES }, (_, k) => `INC-${1000 + ((k * 37 * 50) % 4000)}`);
  const time = <T>(inputs: T[], fn: (input: T) => unknown) =>
    summarize(
      inputs.map((input) => {
        const t = performance.now();
        fn(input);
        return performance.now() - t;
      }),
    );
  const fts = time(terms, (term) => audit.search('bench', { text: term, limit: 50 }));
  const filtered = time(terms, (term) => audit.search('bench', { text: term, environment: 'production', source: 'console', limit: 50 }));
  const common = time(['checkout', 'payments', 'ledger', 'catalog', 'search', 'profile'], (word) => audit.search('bench', { text: word, limit: 50 }));
  const raw = new BetterSqlite3(file, { readonly: true });
  const like = raw.prepare(
    `SELECT * FROM audit WHERE workspace = 'bench' AND (reason LIKE @q OR action LIKE @q OR object_id LIKE @q OR actor LIKE @q
       OR before_json LIKE @q OR after_json LIKE @q) ORDER BY time DESC, id DESC LIMIT 50`,
  );
  const likeStats = time(terms.slice(0, 40), (term) => like.all({ q: `%${term}%` }));

  // The Audit view's other requests: filters alone, a time window, the next page by cursor, a jump by offset, the count.
  const filters: AuditFilter[] = Array.from({ length: SEARCHES }, (_, k) => {
    const from = START + ((k * 7919) % EVENTS) * 1000;
    const shapes: AuditFilter[] = [
      { objectId: `checkout.feature-${(k * 6) % 997}` },
      { source: 'console', actor: actors[k % actors.length]! },
      { action: actions[k % actions.length]!, environment: 'production' },
      { from, to: from + 3_600_000 },
    ];
    return shapes[k % shapes.length]!;
  });
  const filterStats = time(filters, (filter) => audit.search('bench', { ...filter, limit: 100 }));
  const cursors = filters.map((filter) => ({ filter, next: audit.search('bench', { ...filter, limit: 100 }).next }));
  const nextPage = time(cursors, ({ filter, next }) => audit.search('bench', { ...filter, limit: 100, ...(next ? { before: next } : {}) }));
  const jumps = time(Array.from({ length: 20 }, (_, k) => Math.floor(((k + 0.5) / 20) * EVENTS)), (offset) => audit.search('bench', { limit: 100, offset }));
  const counts = time(filters.slice(0, 40), (filter) => audit.countMatching('bench', filter));
  const countAll = time([0, 1, 2, 3, 4], () => audit.countMatching('bench', {}));

  const rssBefore = process.memoryUsage().rss;
  const exportStart = performance.now();
  const exported = await writeExport({
    audit,
    workspace: 'bench',
    filter: {},
    format: 'csv',
    file: join(dir, 'all.csv'),
    chain: { ok: true, checked: EVENTS, firstBroken: null, verifiedAt: Date.now() },
    now: Date.now(),
  });
  const exportSeconds = (performance.now() - exportStart) / 1000;
  const rssGrowth = (process.memoryUsage().rss - rssBefore) / 1e6;

  const verifyStart = performance.now();
  const report = audit.verify();
  const verifySeconds = (performance.now() - verifyStart) / 1000;
  const chunkedStart = performance.now();
  const chunked = await verifyInChunks(audit);
  const chunkedSeconds = (performance.now() - chunkedStart) / 1000;
  raw.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });

  const pad = (s: string) => s.padEnd(34);
  console.log(
    [
      `audit, ${EVENTS.toLocaleString('en')} events (hash-chained, FTS5-indexed, WAL):`,
      `  ${pad('ingest')}${Math.round(EVENTS / seconds).toLocaleString('en')} events/s (${seconds.toFixed(1)} s)`,
      `  ${pad('search FTS5')}median ${ms(fts.median)}  p95 ${ms(fts.p95)}  (${SEARCHES} searches, 50 newest of ${Math.round(EVENTS / 4000)} matches)`,
      `  ${pad('search FTS5, a common word')}median ${ms(common.median)}  p95 ${ms(common.p95)}  (${Math.round(EVENTS / 6).toLocaleString('en')} matches: index walk)`,
      `  ${pad('search FTS5 + 2 filters')}median ${ms(filtered.median)}  p95 ${ms(filtered.p95)}`,
      `  ${pad('same search with LIKE')}median ${ms(likeStats.median)}  p95 ${ms(likeStats.p95)}  (40 searches)`,
      `  ${pad('filters alone (4 kinds)')}median ${ms(filterStats.median)}  p95 ${ms(filterStats.p95)}  (100 rows)`,
      `  ${pad('next page by cursor')}median ${ms(nextPage.median)}  p95 ${ms(nextPage.p95)}`,
      `  ${pad('jump by offset (5 %..97 % deep)')}median ${ms(jumps.median)}  p95 ${ms(jumps.p95)}`,
      `  ${pad('count a filter')}median ${ms(counts.median)}  p95 ${ms(counts.p95)}`,
      `  ${pad('count the whole workspace')}median ${ms(countAll.median)}`,
      `  ${pad('export CSV, streamed')}${Math.round(exported.rows / exportSeconds).toLocaleString('en')} rows/s, ${(exported.bytes / 1e6 / exportSeconds).toFixed(1)} MB/s (${(exported.bytes / 1e6).toFixed(0)} MB; RSS grew ${rssGrowth.toFixed(0)} MB)`,
      `  ${pad('verify hash chain, one pass')}${verifySeconds.toFixed(1)} s (${report.ok ? 'intact' : 'BROKEN'})`,
      `  ${pad('verify in 5,000-row chunks')}${chunkedSeconds.toFixed(1)} s (${chunked.ok ? 'intact' : 'BROKEN'}; the event loop answers between chunks)`,
    ].join('\n'),
  );
  expect(report.ok).toBe(true);
  expect(chunked).toEqual(report);
  expect(exported.rows).toBe(EVENTS);
});
