import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { NewAuditEvent } from '../src-shared/domain/audit';
import { auditQueries } from '../src-main/core/store/audit';
import { openStore } from '../src-main/core/store/db';
import { ms, summarize } from './stats';

const EVENTS = Number(process.env.BENCH_AUDIT_EVENTS ?? 1_000_000);
const SEARCHES = 200;
const actors = ['ana.ribeiro', 'marcus.lee', 'priya.natarajan', 'jun.park', 'ringside-guard'];
const actions = ['flag.enabled', 'flag.disabled', 'flag.strategy.updated', 'rollout.promoted', 'verdict.changed'];
const services = ['checkout', 'search', 'payments', 'profile', 'ledger', 'catalog'];

function event(i: number): NewAuditEvent {
  const service = services[i % services.length]!;
  return {
    time: 1_700_000_000_000 + i * 1000,
    source: i % 3 === 0 ? 'flag-server' : 'console',
    actor: actors[i % actors.length]!,
    workspace: 'bench',
    environment: i % 2 ? 'production' : 'development',
    objectType: 'flag',
    objectId: `${service}.feature-${i % 997}`,
    action: actions[i % actions.length]!,
    before: { enabled: i % 2 === 0 },
    after: { enabled: i % 2 === 1, rollout: i % 101 },
    reason: i % 50 === 0 ? `INC-${1000 + (i % 4000)} rollback after ${service} errors` : null,
    result: 'confirmed',
  };
}

it(`audit ingest and search over ${EVENTS.toLocaleString('en')} events`, () => {
  const file = join(mkdtempSync(join(tmpdir(), 'ringside-bench-')), 'ringside.db');
  const { db } = openStore({ file });
  const audit = auditQueries(db);

  const started = performance.now();
  const batch = 10_000;
  for (let i = 0; i < EVENTS; i += batch) {
    audit.appendMany(Array.from({ length: Math.min(batch, EVENTS - i) }, (_, k) => event(i + k)));
  }
  const seconds = (performance.now() - started) / 1000;

  const terms = Array.from({ length: SEARCHES }, (_, k) => `INC-${1000 + ((k * 37) % 4000)}`);
  const time = (fn: (term: string) => unknown) =>
    summarize(
      terms.map((term) => {
        const t = performance.now();
        fn(term);
        return performance.now() - t;
      }),
    );
  const fts = time((term) => audit.search('bench', { text: term, limit: 50 }));
  const filtered = time((term) => audit.search('bench', { text: term, environment: 'production', source: 'console', limit: 50 }));
  const raw = new BetterSqlite3(file, { readonly: true });
  const like = raw.prepare(
    `SELECT * FROM audit WHERE workspace = 'bench' AND (reason LIKE @q OR action LIKE @q OR object_id LIKE @q OR actor LIKE @q
       OR before_json LIKE @q OR after_json LIKE @q) ORDER BY id DESC LIMIT 50`,
  );
  const likeStats = time((term) => like.all({ q: `%${term}%` }));
  const verifyStart = performance.now();
  const report = audit.verify();
  const verifySeconds = (performance.now() - verifyStart) / 1000;
  raw.close();
  db.close();

  console.log(
    [
      `audit, ${EVENTS.toLocaleString('en')} events (hash-chained, FTS5-indexed, WAL):`,
      `  ingest                      ${Math.round(EVENTS / seconds).toLocaleString('en')} events/s (${seconds.toFixed(1)} s)`,
      `  search FTS5                 median ${ms(fts.median)}  p95 ${ms(fts.p95)}  (${SEARCHES} searches, 50 newest)`,
      `  search FTS5 + 2 filters     median ${ms(filtered.median)}  p95 ${ms(filtered.p95)}`,
      `  same search with LIKE       median ${ms(likeStats.median)}  p95 ${ms(likeStats.p95)}`,
      `  verify hash chain           ${verifySeconds.toFixed(1)} s (${report.ok ? 'intact' : 'BROKEN'})`,
    ].join('\n'),
  );
  expect(report.ok).toBe(true);
});
