import BetterSqlite3 from 'better-sqlite3';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import type { NewAuditEvent } from '../../../src-shared/domain/audit';
import { auditQueries } from './audit';
import { GENESIS } from './auditChain';
import { migrate } from './db';
import { migrations } from './migrations/index';
import { m0017AuditIngest } from './migrations/0017-audit-ingest';

const COLUMNS = `id, time, source, actor, workspace, environment, object_type, object_id, action, before_json, after_json,
  reason, result, external_id, hash`;

/** A store as it was before 0017: the per-row triggers keep full text, open intents and latest changes. */
function withTriggers() {
  const db = new BetterSqlite3(':memory:');
  for (const m of migrations.filter((m) => m.version < 17)) m.up(db);
  const insert = db.prepare(`INSERT INTO audit (${COLUMNS}) VALUES (${COLUMNS.split(',').map(() => '?').join(', ')})`);
  return { db, insert: (row: Record<string, unknown>) => insert.run(Object.values(row)) };
}

const derivedState = (db: BetterSqlite3.Database, words: string[]) => ({
  latest: db.prepare('SELECT * FROM flag_latest_change ORDER BY workspace, flag, environment').all(),
  open: db.prepare('SELECT * FROM open_intent ORDER BY audit_id').all(),
  text: words.map((w) => db.prepare('SELECT rowid FROM audit_fts WHERE audit_fts MATCH ? ORDER BY rowid').pluck().all(`"${w}"`)),
});

const FLAG_ACTIONS = ['flag.enabled', 'flag.disabled', 'flag.strategy.updated', 'flag.strategy.enabled', 'flag.strategy.disabled'];
const WORDS = ['flag', 'enabled', 'strategy', 'checkout', 'pay', 'ana', 'bob', 'pending', 'confirmed', 'incident', 'intentId'];

/** Events that exercise every trigger's conditions: changes, echoes within and past a minute, ties, intents and outcomes. */
interface Generated {
  time: number;
  source: string;
  actor: string;
  environment: string | null;
  objectType: string;
  objectId: string;
  action: string;
  after: unknown;
  reason: string | null;
  result: string | null;
}

const anEvent = (maxIntent: number): fc.Arbitrary<Generated> =>
  fc.record({
    time: fc.integer({ min: 0, max: 200_000 }),
    source: fc.constantFrom('console', 'guard', 'flag-server', 'rollout'),
    actor: fc.constantFrom('ana', 'bob', 'admin-token'),
    environment: fc.constantFrom('production', 'development', null),
    objectType: fc.constantFrom('flag', 'flag', 'rollout'),
    objectId: fc.constantFrom('checkout.kill', 'pay.kill'),
    action: fc.constantFrom(...FLAG_ACTIONS, 'flag.disabled.requested', 'flag.enabled.requested', 'verdict.changed'),
    after: fc.oneof(
      fc.constant(null),
      fc.record({ enabled: fc.boolean() }),
      fc.record({ intentId: fc.integer({ min: 1, max: maxIntent }) }),
      fc.constant('{"intentId": broken'),
    ),
    reason: fc.constantFrom(null, 'incident in checkout'),
    result: fc.constantFrom(null, 'ok', 'confirmed', 'confirmed after restart', 'pending', 'failed: 401'),
  });

const toEvent = (e: Generated): NewAuditEvent => ({
  ...e,
  workspace: 'w',
  source: e.source as NewAuditEvent['source'],
  objectType: e.objectType as NewAuditEvent['objectType'],
  before: null,
});

describe('audit rows derived once per write (migration 0017)', () => {
  it('runs after 0016 and leaves the audit without triggers', () => {
    expect(migrations[16]).toBe(m0017AuditIngest);
    const db = new BetterSqlite3(':memory:');
    migrate(db);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").all()).toEqual([]);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'audit_object'").all()).toEqual([]);
  });

  it('ends where the per-row triggers ended, for any history written in any batches', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(anEvent(40), { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
        (batches, singly) => {
          const db = new BetterSqlite3(':memory:');
          migrate(db);
          const audit = auditQueries(db);
          batches.forEach((batch, b) => {
            const events = batch.map(toEvent);
            if (singly[b]) for (const e of events) audit.append(e);
            else audit.appendMany(events);
          });
          const reference = withTriggers();
          for (const row of db.prepare(`SELECT ${COLUMNS} FROM audit ORDER BY id`).all() as Record<string, unknown>[]) reference.insert(row);
          expect(derivedState(db, WORDS)).toEqual(derivedState(reference.db, WORDS));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('indexes synced rows but not the ones a re-sync ignores', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(db);
    const audit = auditQueries(db);
    const synced = (externalId: string, objectId: string) => ({
      externalId,
      event: { ...toEvent({ time: 1, source: 'flag-server', actor: 'bob', environment: 'production', objectType: 'flag', objectId, action: 'flag.enabled', after: null, reason: null, result: null }) },
    });
    expect(audit.appendExternal('w', 'flag-server', [synced('1', 'checkout.kill')], 1)).toBe(1);
    expect(audit.appendSyncPage('w', [synced('1', 'pay.kill'), synced('2', 'pay.kill')], { 'flag-server': 2 })).toBe(1);
    expect(derivedState(db, ['checkout', 'pay']).text).toEqual([[1], [2]]);
    expect(audit.verify().ok).toBe(true);
  });
});

describe('audit row hash', () => {
  it('is sha256 over the previous hash, then the fields as a JSON array in column order, as it always was', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(db);
    const audit = auditQueries(db);
    audit.appendMany([
      { ...toEvent({ time: 5, source: 'console', actor: 'ana', environment: null, objectType: 'flag', objectId: 'ü "quoted"', action: 'flag.disabled', after: { enabled: false }, reason: 'line\nbreak \u2028', result: 'ok' }), before: { enabled: true } },
      toEvent({ time: 6, source: 'guard', actor: 'bob', environment: 'production', objectType: 'rollout', objectId: 'r', action: 'verdict.changed', after: null, reason: null, result: null }),
    ]);
    let previous = GENESIS;
    for (const row of db.prepare(`SELECT ${COLUMNS} FROM audit ORDER BY id`).all() as Record<string, unknown>[]) {
      const { hash, ...fields } = row;
      const expected = createHash('sha256').update(previous).update(JSON.stringify(Object.values(fields))).digest('hex');
      expect(hash).toBe(expected);
      previous = expected;
    }
  });
});
