import BetterSqlite3 from 'better-sqlite3';
import type { AuditFilter } from './auditSearch';
import { auditQueries } from './audit';
import { migrate } from './db';

const FILTERS: [string, AuditFilter][] = [
  ['text', { text: 'INC-2041 rollback' }],
  ['time range', { from: 1_000, to: 2_000 }],
  ['source', { source: 'console' }],
  ['environment', { environment: 'production' }],
  ['object', { objectId: 'checkout.pricing' }],
  ['actor', { actor: 'ana' }],
  ['action', { action: 'flag.disabled' }],
];

/** Every non-empty combination of the filters the Audit view offers: 127 of them. */
const combinations = Array.from({ length: (1 << FILTERS.length) - 1 }, (_, i) => {
  const picked = FILTERS.filter((_, bit) => (i + 1) & (1 << bit));
  return [picked.map(([name]) => name).join(' + '), Object.assign({}, ...picked.map(([, f]) => f)) as AuditFilter] as const;
});

const db = new BetterSqlite3(':memory:');
migrate(db);
const audit = auditQueries(db);

describe('audit filters and the query planner', () => {
  it.each(combinations)('%s: the page query seeks through an index, never scans audit', (_name, filter) => {
    const plan = audit.plan('w', filter).join(' | ');
    // A full scan of the table (with or without a covering index) walks every row of every workspace.
    expect(plan).not.toMatch(/SCAN a( |$)/);
    expect(plan).not.toMatch(/SCAN a USING (COVERING )?INDEX/);
    // The seek must use a filter column, not only the workspace: the FTS index or a filter's own index.
    expect(plan).toMatch(/VIRTUAL TABLE INDEX|SEARCH a USING (COVERING )?INDEX \w+ \(workspace=\? AND (source|actor|action|environment|object_id|time)/);
    // Every filter index ends in time, so newest first is the index's own order: no sort of the matches.
    if (!filter.text) expect(plan).not.toMatch(/TEMP B-TREE/);
  });

  it.each(combinations.filter(([, f]) => f.text))('%s, rare words: the text index drives, every other column off its index', (_name, filter) => {
    const plan = audit.plan('w', filter, { before: { time: 1_500, id: 42 } }, true).join(' | ');
    expect(plan).toMatch(/^SEARCH a USING INTEGER PRIMARY KEY \(rowid=\?\) \| LIST SUBQUERY 1 \| SCAN audit_fts VIRTUAL TABLE INDEX \d+:M\d+ \| (CREATE BLOOM FILTER \| )?USE TEMP B-TREE FOR ORDER BY$/);
  });

  it.each(combinations)('%s: the next page after a cursor seeks too', (_name, filter) => {
    const plan = audit.plan('w', filter, { before: { time: 1_500, id: 42 }, beforeId: 100 }).join(' | ');
    expect(plan).not.toMatch(/SCAN a( |$)/);
    if (!filter.text) expect(plan).not.toMatch(/TEMP B-TREE/);
  });

  it('without a filter pages the workspace newest first through its time index, without sorting', () => {
    expect(audit.plan('w', {}).join(' | ')).toBe('SEARCH a USING INDEX audit_workspace_time (workspace=?)');
    expect(audit.plan('w', {}, { before: { time: 1, id: 2 } }).join(' | ')).toMatch(/^SEARCH a USING INDEX audit_workspace_time \(workspace=\? AND time<\?\)$/);
  });
});
