import type { PlanRun, ReleasePlan, ReleaseWindows } from '../../../src-shared/domain/plan';
import type { Clock } from '../../core/ports';
import type { ReleaseDefinition, Workspace } from '../../core/workspace';
import { newRun, enterRing } from '../../core/rings/progression';
import { DemoFlagProvider } from './flags';
import { strategyIdsOf } from './fleet';
import { DEMO_METRICS, metricQuery } from './releases';
import { RingDemoRollout, withRingDemoRollout } from './ringDemoRollout';
import { withRingDemoMetrics, type RingDemoRelease } from './ringDemoSignals';

/**
 * The demo's release plan in motion: payments-3ds 1.4.0 (the 3-D Secure 2 challenge flow) has
 * been in Ring 0 for a quarter of an hour when the console starts. Its plan auto-advances and
 * lets the guard act; Ring 1 brings employee traffic, its canary degrades, the guard stops the
 * line. `speed` shortens bake times and the degradation alike (60: a minute becomes a second),
 * so the whole story plays in seconds for a test and in about half an hour at speed 1.
 */

const MIN = 60_000;
export const RING_DEMO_RELEASE: RingDemoRelease & { flag: string; namespace: string; rollout: string } = {
  id: 'payments-3ds-1.4.0',
  service: 'payments-3ds',
  version: '1.4.0',
  baselineVersion: '1.3.2',
  flag: 'payments.3ds2-challenge-flow',
  namespace: 'shop',
  rollout: 'payments-3ds',
};
/** How long Ring 0 had been running when the demo starts: enough canary data for a verdict at once. */
const RING0_BEFORE_START_MS = 15 * MIN;
const OWNER = 'fatima.elamin';

export interface RingDemoOptions {
  seed: number;
  clock: Clock;
  createdAt: number;
  /** 1 is real time; larger plays the plan faster */
  speed: number;
  /** the plan's run as the store last saved it (a restart): the release goes on from there */
  resume?: { run: PlanRun | null } | null;
}

/** The id under which the demo's release plan is stored; its presence means the demo ran on this data folder before. */
export const RING_DEMO_PLAN_ID = `plan-${RING_DEMO_RELEASE.id}`;

function releaseDefinition(startedAt: number, speed: number): ReleaseDefinition {
  const r = RING_DEMO_RELEASE;
  return {
    release: {
      id: r.id,
      service: r.service,
      version: r.version,
      flag: r.flag,
      rollout: r.rollout,
      startedAt,
      metrics: DEMO_METRICS.map((m) => ({ ...m })),
    },
    queries: Object.fromEntries(
      DEMO_METRICS.map((m) => [m.id, { canary: metricQuery(m.id, r.service, r.version), baseline: metricQuery(m.id, r.service, r.baselineVersion) }]),
    ),
    // The last sample decides the hard rules here: a pool running dry shows at once, not on average.
    // They trip after three breaches one scrape (15 s, shortened by the speed) or more apart.
    rules: [
      { kind: 'relative', metric: 'error_rate', threshold: 2, statistic: 'last', floor: 0.05, intervalMs: Math.round(15_000 / speed) },
      { kind: 'absolute', metric: 'latency_p95', threshold: 200, statistic: 'last', intervalMs: Math.round(15_000 / speed) },
    ],
  };
}

function plan(createdAt: number, speed: number, seed: number): ReleasePlan {
  const bake = (minutes: number) => Math.round((minutes * MIN) / speed);
  const r = RING_DEMO_RELEASE;
  // The flag carries one strategy per ring audience in production, in ring order (fleet.ts).
  const [developers, employees, beta, everyone] = strategyIdsOf(seed, r.flag, 'production').map((id) => [id]);
  return {
    id: RING_DEMO_PLAN_ID,
    releaseId: r.id,
    name: `${r.service} ${r.version}`,
    flag: r.flag,
    environment: 'production',
    rollout: { namespace: r.namespace, name: r.rollout },
    autoAdvance: true,
    guardMode: 'act',
    rings: [
      { name: 'Ring 0', audience: 'Developers', exposure: { audience: 'constraint: group IN developers', strategyId: null, rollout: null, strategyIds: developers }, weight: 5, bakeMs: bake(10) },
      { name: 'Ring 1', audience: 'Employees', exposure: { audience: 'constraint: email ENDS_WITH @shop.example', strategyId: null, rollout: null, strategyIds: employees }, weight: 25, bakeMs: bake(30) },
      { name: 'Ring 2', audience: 'Beta users', exposure: { audience: 'segment: beta-program', strategyId: null, rollout: null, strategyIds: beta }, weight: 50, bakeMs: bake(120) },
      { name: 'Ring 3', audience: 'Everyone', exposure: { audience: 'gradual rollout 100 %', strategyId: null, rollout: 100, strategyIds: everyone }, weight: 100, bakeMs: bake(60) },
    ],
    createdAt,
    updatedAt: createdAt,
  };
}

/** A change freeze three days ahead: visible in the view, never in the way of the demo's own story. */
function windows(createdAt: number): ReleaseWindows {
  const day = (offset: number) => new Date(createdAt + offset * 86_400_000).toISOString().slice(0, 10);
  return {
    timeZone: 'Europe/Berlin',
    weekly: [],
    freezes: [{ label: 'Payments provider migration', from: `${day(3)}T18:00`, to: `${day(4)}T09:00`, reason: 'card scheme cut-over' }],
  };
}

/** The demo workspace with the ring demo's release, rollout, signals and plan added. */
export function withRingDemo(workspace: Workspace, options: RingDemoOptions): Workspace {
  const { createdAt, speed, clock, seed } = options;
  const startedAt = createdAt - RING0_BEFORE_START_MS;
  const r = RING_DEMO_RELEASE;
  const rollout = new RingDemoRollout({ namespace: r.namespace, name: r.rollout }, r.version, clock, startedAt);
  if (options.resume) {
    // The flag's state came back with the flag server's (the cache); the rollout follows the stored run.
    if (options.resume.run) rollout.resume(options.resume.run);
  } else if (workspace.flags instanceof DemoFlagProvider) {
    // Ring 0 is live: the flag serves developers in production.
    void workspace.flags.changeByOther(OWNER, r.flag, 'production', true);
  }
  const seeded = plan(createdAt, speed, seed);
  const run: PlanRun = enterRing(newRun(seeded), 0, startedAt, OWNER);
  return {
    ...workspace,
    deploy: workspace.deploy ? withRingDemoRollout(workspace.deploy, rollout) : null,
    metrics: workspace.metrics ? withRingDemoMetrics(workspace.metrics, { seed, speed, release: r, rollout, now: clock.now }) : null,
    releases: [...workspace.releases, releaseDefinition(startedAt, speed)],
    // Saved on a data folder's first run only: after a restart the stored plan and run go on (no replay, no second guard action).
    seedPlans: () => ({ plans: [{ plan: seeded, run }], windows: windows(createdAt), replace: false }),
  };
}
