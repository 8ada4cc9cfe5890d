import type { AuditEvent } from '../../../src-shared/domain/audit';
import type { WorkspaceSummary } from '../../../src-shared/domain/backend';
import type { MetricSeries, Release } from '../../../src-shared/domain/canary';
import type { Environment, Flag } from '../../../src-shared/domain/flag';
import type { FlagChange, FlagDebtRow } from '../../../src-shared/domain/flagDebt';
import type { ResponseOf } from '../../../src-shared/ipc/contract';
import type { Rollout } from '../../../src-shared/domain/rollout';
import type { Verdict } from '../../../src-shared/domain/verdict';

export const NOW = 1_800_000_000_000;
export const HOSTILE = '<img src=x onerror=alert(1)>';

export const environments: Environment[] = [
  { name: 'development', type: 'development' },
  { name: 'production', type: 'production' },
];

export function flag(name: string, production: boolean, extra: Partial<Flag> = {}): Flag {
  return {
    name,
    project: 'default',
    type: 'kill-switch',
    description: `Turns ${name} off in an incident`,
    createdBy: 'ana',
    createdAt: NOW - 86_400_000,
    tags: [{ type: 'team', value: 'payments' }],
    lifecycleStage: null,
    environments: [
      { environment: 'development', enabled: true, strategies: [] },
      { environment: 'production', enabled: production, strategies: [] },
    ],
    ...extra,
  };
}

export const flags: Flag[] = [
  flag('checkout.kill', true),
  flag('search.new-ranking', false, { type: 'release', description: HOSTILE, tags: [{ type: 'note', value: HOSTILE }] }),
  flag('recs.rollout', true, {
    type: 'release',
    environments: [
      { environment: 'development', enabled: false, strategies: [] },
      {
        environment: 'production',
        enabled: true,
        strategies: [{ id: 's1', name: 'flexibleRollout', rollout: 25, constraintCount: 0, disabled: false }],
      },
    ],
  }),
];

/** The latest change per flag and environment, as main reads it from the audit. */
export const changes: FlagChange[] = [
  { flag: 'search.new-ranking', environment: 'production', by: 'ana.ribeiro', at: NOW - 3 * 60_000, action: 'flag.disabled', source: 'console' },
];

/** A whole flags:list answer over the fixtures (live, writable); override any part. */
export function flagsListing(patch: Partial<ResponseOf<'flags:list'>> = {}): ResponseOf<'flags:list'> {
  return { flags, environments, fetchedAt: NOW, stale: false, readOnlyReason: null, changes, retries: [], reconciled: [], ...patch };
}

const debtRow = (flag: string, extra: Partial<FlagDebtRow>): FlagDebtRow => ({
  flag,
  type: 'release',
  temporary: true,
  lifetimeDays: 40,
  ageDays: 10,
  daysAtFull: null,
  owner: 'ana',
  expires: null,
  reasons: [],
  ...extra,
});

/** The debt board: one clean flag, debt of one, two and three reasons, a hostile owner and expiry. */
export const debtRows: FlagDebtRow[] = [
  debtRow('checkout.kill', { type: 'kill-switch', temporary: false, lifetimeDays: null, ageDays: 400, daysAtFull: 380 }),
  debtRow('recs.rollout', { ageDays: 55, reasons: ['past-lifetime'] }),
  debtRow('search.new-ranking', {
    ageDays: 90,
    daysAtFull: 45,
    owner: HOSTILE,
    expires: '=HYPERLINK("http://x","y")',
    reasons: ['past-lifetime', 'full-exposure-40d'],
  }),
  debtRow('old.banner', { ageDays: 70, daysAtFull: 60, owner: null, expires: '2026-01-01', reasons: ['past-lifetime', 'no-owner', 'past-expiry'] }),
  debtRow('exp.color', { type: 'experiment', ageDays: 120, reasons: ['past-lifetime'] }),
];

export const workspace: WorkspaceSummary = {
  id: 'demo',
  name: 'Demo fleet',
  kind: 'demo',
  backends: [
    { kind: 'flags', provider: 'demo-unleash', state: 'online', configured: true, lastSyncAt: NOW - 12_000, message: null },
    { kind: 'deploy', provider: 'demo-argo', state: 'offline', configured: true, lastSyncAt: null, message: 'not answering' },
    { kind: 'metrics', provider: 'demo-prometheus', state: 'online', configured: true, lastSyncAt: NOW - 1_000, message: null },
  ],
};

const metric = (id: string, label: string, unit: string) => ({ id, label, unit, harmful: 'increase' as const });

export const releases: Release[] = [
  {
    id: 'checkout-2.4.0',
    service: 'checkout',
    version: '2.4.0',
    flag: 'checkout.kill',
    rollout: 'checkout',
    startedAt: NOW - 3_600_000,
    metrics: [metric('latency_p95', 'p95 latency', 'ms'), metric('error_rate', 'Error rate', '%'), metric('cpu', 'CPU', 'cores')],
  },
  {
    id: 'search-1.9.0',
    service: 'search',
    version: '1.9.0',
    flag: null,
    rollout: null,
    startedAt: NOW - 7_200_000,
    metrics: [metric('latency_p95', 'p95 latency', 'ms'), metric('error_rate', 'Error rate', '%')],
  },
];

/** Flat series over [from, to]: canary at `canary`, baseline at 100, six points each. */
export function flatSeries(release: Release, from: number, to: number, canary: number): MetricSeries[] {
  const times = Array.from({ length: 6 }, (_, i) => Math.round(from + ((to - from) * i) / 5));
  return release.metrics.flatMap((m) => [
    { metric: m.id, group: 'canary' as const, points: times.map((t): [number, number] => [t, canary]) },
    { metric: m.id, group: 'baseline' as const, points: times.map((t): [number, number] => [t, 100]) },
  ]);
}

export const rollouts: Rollout[] = [
  {
    name: 'checkout',
    namespace: 'shop',
    phase: 'Paused',
    message: 'CanaryPauseStep',
    currentStepIndex: 1,
    canaryWeight: 20,
    steps: [
      { kind: 'setWeight', weight: 20, durationSeconds: null, templates: [], detail: null },
      { kind: 'pause', weight: null, durationSeconds: 600, templates: [], detail: null },
      { kind: 'setWeight', weight: 60, durationSeconds: null, templates: [], detail: null },
    ],
    aborted: false,
    paused: true,
    specPaused: false,
    pauseConditions: [{ reason: 'CanaryPauseStep', startTime: NOW - 120_000 }],
    promoteFull: false,
    weights: null,
    currentStepAnalysisRun: null,
    stableRS: '5b8c9d7f6',
    currentPodHash: '6c9d8e7a5',
    observedAt: NOW,
  },
];

/** `count` events, newest (highest id) first. */
export function auditEvents(count: number): AuditEvent[] {
  return Array.from({ length: count }, (_, i) => {
    const id = count - i;
    return {
      id,
      time: NOW - i * 60_000,
      source: 'console' as const,
      actor: 'ana',
      workspace: 'demo',
      environment: 'production',
      objectType: 'flag' as const,
      objectId: `flag-${id}`,
      action: 'flag.off',
      before: { enabled: true },
      after: { enabled: false },
      reason: id === count ? HOSTILE : `reason ${id}`,
      result: 'ok',
    };
  });
}

/** A pass verdict with no metrics: enough for views that only need the judge to answer. */
export function passVerdict(releaseId: string): Verdict {
  return {
    releaseId,
    outcome: 'pass',
    score: 100,
    reason: 'every metric within tolerance',
    decidedAt: NOW,
    window: { from: NOW - 30 * 60_000, to: NOW },
    stale: false,
    metrics: [],
    rules: [],
  };
}
