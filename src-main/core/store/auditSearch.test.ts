import BetterSqlite3 from 'better-sqlite3';
import type { NewAuditEvent } from '../../../src-shared/domain/audit';
import { auditQueries } from './audit';
import { FEW_MATCHES } from './auditSearch';
import { migrate } from './db';

const base: NewAuditEvent = {
  time: 0,
  source: 'console',
  actor: 'ana',
  workspace: 'w',
  environment: 'production',
  objectType: 'flag',
  objectId: 'checkout.pricing',
  action: 'flag.disabled',
  before: { enabled: true },
  after: { enabled: false },
  reason: null,
  result: 'confirmed',
};

function seeded() {
  const db = new BetterSqlite3(':memory:');
  migrate(db);
  const audit = auditQueries(db);
  audit.appendMany([
    { ...base, time: 1, reason: 'INC-2041 checkout errors spiking' },
    { ...base, time: 2, actor: 'marcus', objectId: 'search.ranking', reason: 'rollback after canary failure' },
    { ...base, time: 3, source: 'flag-server', environment: 'development', action: 'flag.enabled', after: { note: 'pricing "v2" (beta)' } },
    { ...base, time: 4, workspace: 'other', reason: 'INC-2041 elsewhere' },
  ]);
  return { db, audit };
}

describe('audit search', () => {
  it('finds words in reason, actor, object and payload, newest first, within the workspace', () => {
    const { audit } = seeded();
    expect(audit.search('w', { text: 'INC-2041', limit: 10 }).events.map((e) => e.time)).toEqual([1]);
    expect(audit.search('w', { text: 'marcus', limit: 10 }).events.map((e) => e.time)).toEqual([2]);
    expect(audit.search('w', { text: 'checkout', limit: 10 }).events.map((e) => e.time)).toEqual([3, 1]);
    expect(audit.search('w', { text: 'beta', limit: 10 }).events.map((e) => e.time)).toEqual([3]);
  });

  it('combines text with filters and pages by id', () => {
    const { audit } = seeded();
    expect(audit.search('w', { text: 'checkout', source: 'flag-server', limit: 10 }).events.map((e) => e.time)).toEqual([3]);
    expect(audit.search('w', { environment: 'production', actor: 'ana', limit: 10 }).events.map((e) => e.time)).toEqual([1]);
    expect(audit.search('w', { from: 2, to: 3, limit: 10 }).events.map((e) => e.time)).toEqual([3, 2]);
    const first = audit.search('w', { limit: 2 });
    expect(first.events.map((e) => e.time)).toEqual([3, 2]);
    expect(audit.search('w', { limit: 2, before: first.next! }).events.map((e) => e.time)).toEqual([1]);
  });

  it.each([
    'NEAR(a b)',
    '"unterminated',
    'flag* AND OR NOT',
    '^start col:umn',
    '(((',
    '"} or 1=1 --',
    "'; DROP TABLE audit; --",
    'x'.repeat(9_999),
  ])('treats hostile input as words, never as syntax: %s', (text) => {
    const { audit } = seeded();
    expect(() => audit.search('w', { text, limit: 10 })).not.toThrow();
  });

  it('refuses text over 10,000 characters with a clear error', () => {
    const { audit } = seeded();
    expect(() => audit.search('w', { text: 'y'.repeat(10_001), limit: 10 })).toThrow(/longer than 10000 characters/);
  });

  it.each([
    ['text', { text: 'checkout' }, /audit_fts/],
    ['source', { source: 'console' }, /INDEX audit_source|INDEX audit_workspace_id/],
    ['actor', { actor: 'ana' }, /INDEX audit_actor|INDEX audit_workspace_id/],
    ['time range', { from: 1, to: 2 }, /INDEX audit_workspace_(time|id)/],
  ])('uses an index for %s, never a plain scan of audit', (_name, filter, index) => {
    const { db } = seeded();
    const where = Object.keys(filter)
      .map((k) => (k === 'text' ? 'a.id IN (SELECT rowid FROM audit_fts WHERE audit_fts MATCH @text)' : k === 'from' ? 'a.time >= @from' : k === 'to' ? 'a.time <= @to' : `a.${k} = @${k}`))
      .join(' AND ');
    const plan = db
      .prepare(`EXPLAIN QUERY PLAN SELECT a.* FROM audit a WHERE a.workspace = 'w' AND ${where} ORDER BY a.id DESC LIMIT 50`)
      .all(filter as Record<string, unknown>) as { detail: string }[];
    const text = plan.map((p) => p.detail).join(' | ');
    expect(text).toMatch(index);
    expect(text).not.toMatch(/SCAN a\b/);
  });

  it('orders by event time, not insertion, for rare words (matches first) and common ones (index walk) alike', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(db);
    const audit = auditQueries(db);
    // Synced history arrives after newer console rows: insertion order is not time order.
    const rows = Array.from({ length: FEW_MATCHES + 500 }, (_, i) => ({ ...base, time: 10_000 - i, reason: i % 1000 === 7 ? 'common rare-word' : 'common' }));
    audit.appendMany(rows.slice(0, 3_000));
    audit.appendMany(rows.slice(3_000).reverse());
    const rare = audit.search('w', { text: 'rare-word', limit: 10 }).events.map((e) => e.time);
    expect(rare).toEqual([10_000 - 7, 10_000 - 1_007, 10_000 - 2_007, 10_000 - 3_007, 10_000 - 4_007, 10_000 - 5_007]);
    const common = audit.search('w', { text: 'common', limit: 3, before: { time: 10_000 - 2_999, id: 3_000 } }).events.map((e) => e.time);
    expect(common).toEqual([10_000 - 3_000, 10_000 - 3_001, 10_000 - 3_002]);
    expect(audit.countMatching('w', { text: 'rare-word' })).toBe(6);
    expect(audit.countMatching('w', { text: 'common' })).toBe(FEW_MATCHES + 500);
  });
});
