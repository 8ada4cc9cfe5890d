import type { NewAuditEvent } from '../src-shared/domain/audit';

export const actors = ['ana.ribeiro', 'marcus.lee', 'priya.natarajan', 'jun.park', 'ringside-guard'];
export const actions = ['flag.enabled', 'flag.disabled', 'flag.strategy.updated', 'rollout.promoted', 'verdict.changed'];
export const services = ['checkout', 'search', 'payments', 'profile', 'ledger', 'catalog'];
export const START = 1_700_000_000_000;

/** The benchmark's history; bench/auditUnleash.bench.ts loads the same events into Unleash. */
export function benchEvent(i: number, workspace = 'bench'): NewAuditEvent {
  const service = services[i % services.length]!;
  return {
    time: START + i * 1000,
    source: i % 3 === 0 ? 'flag-server' : 'console',
    actor: actors[i % actors.length]!,
    workspace,
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

/** The audit's columns without its indexes, triggers or chain: the plain-table anchor of the ingest figures. */
export const PLAIN_TABLE = `CREATE TABLE audit (id INTEGER PRIMARY KEY, time INTEGER NOT NULL, source TEXT NOT NULL, actor TEXT NOT NULL,
  workspace TEXT NOT NULL, environment TEXT, object_type TEXT NOT NULL, object_id TEXT NOT NULL, action TEXT NOT NULL,
  before_json TEXT, after_json TEXT, reason TEXT, result TEXT, external_id TEXT, hash TEXT) STRICT`;
const PLAIN_HASH = 'f'.repeat(64);
export const PLAIN_INSERT = 'INSERT INTO audit VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';

/** An event as the plain table's row: the same column values Ringside stores, a fixed hash. */
export const plainRow = (id: number, e: NewAuditEvent): unknown[] => [
  id,
  e.time,
  e.source,
  e.actor,
  e.workspace,
  e.environment,
  e.objectType,
  e.objectId,
  e.action,
  e.before == null ? null : JSON.stringify(e.before),
  e.after == null ? null : JSON.stringify(e.after),
  e.reason,
  e.result,
  null,
  PLAIN_HASH,
];
