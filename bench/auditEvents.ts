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
