import type { BlackoutStatus, PlanRun, PlanView, ReleasePlan, ReleaseWindows } from '../../../src-shared/domain/plan';
import type { ChannelName, RequestOf, ResponseOf } from '../../../src-shared/ipc/contract';
import { fail, ok, type Result } from '../../../src-shared/ipc/result';
import { HOSTILE, NOW } from './fixtures';

const MIN = 60_000;

export const ringPlan: ReleasePlan = {
  id: 'plan-payments-3ds',
  releaseId: 'payments-3ds-1.4.0',
  name: 'payments-3ds 1.4.0',
  flag: 'payments.3ds2-challenge-flow',
  environment: 'production',
  rollout: { namespace: 'shop', name: 'payments-3ds' },
  autoAdvance: false,
  guardMode: 'act',
  rings: [
    { name: 'Ring 0', audience: 'Developers', exposure: { audience: 'constraint: group IN developers', strategyId: null, rollout: null }, weight: 5, bakeMs: 10 * MIN },
    { name: 'Ring 1', audience: HOSTILE, exposure: { audience: 'segment: employees', strategyId: null, rollout: null }, weight: 25, bakeMs: 30 * MIN },
    { name: 'Ring 2', audience: 'Beta users', exposure: null, weight: 50, bakeMs: 120 * MIN },
    { name: 'Ring 3', audience: 'Everyone', exposure: { audience: null, strategyId: null, rollout: 100 }, weight: 100, bakeMs: 60 * MIN },
  ],
  createdAt: NOW - 60 * MIN,
  updatedAt: NOW - 60 * MIN,
};

/** Ring 1 baking with 18 minutes left and a passing verdict; Ring 0 advanced by a person. */
export const bakingRun: PlanRun = {
  ring: 1,
  rings: [
    { enteredAt: NOW - 40 * MIN, enteredBy: 'fatima.elamin', gateSince: NOW - 39 * MIN, healthyAt: NOW - 29 * MIN },
    { enteredAt: NOW - 12 * MIN, enteredBy: 'ringside-auto', gateSince: NOW - 12 * MIN, healthyAt: null },
    { enteredAt: null, enteredBy: null, gateSince: null, healthyAt: null },
    { enteredAt: null, enteredBy: null, gateSince: null, healthyAt: null },
  ],
  halt: null,
  guardLatchedAt: null,
  completedAt: null,
  observedAt: NOW,
  verdict: {
    outcome: 'pass',
    score: 100,
    reason: 'every metric within tolerance',
    decidedAt: NOW,
    stale: false,
    metrics: [{ metric: 'error_rate', classification: 'Pass', failing: false, canary: 0.34, baseline: 0.35, pValue: 0.41 }],
    rules: [{ kind: 'relative', metric: 'error_rate', threshold: 2, tripped: false, canary: 0.34, baseline: 0.35, message: 'within 2×' }],
  },
  rollout: { phase: 'Paused', canaryWeight: 25, aborted: false, paused: true, message: 'CanaryPauseStep' },
  observeError: null,
};

export const openStatus: BlackoutStatus = { blocked: false, reason: null, endsAt: null, endsAtLocal: null, timeZone: 'Europe/Berlin' };
export const frozenStatus: BlackoutStatus = {
  blocked: true,
  reason: 'Freeze "Year-end freeze" (holidays)',
  endsAt: NOW + 3 * 86_400_000,
  endsAtLocal: 'Mon 2027-01-04 08:00 Europe/Berlin',
  timeZone: 'Europe/Berlin',
};

export function planView(run: PlanRun = bakingRun, patch: Partial<PlanView> = {}): PlanView {
  const states = run.ring === 1 && !run.halt ? (['done', 'baking', 'pending', 'pending'] as const) : (['done', 'halted', 'pending', 'pending'] as const);
  return {
    plan: ringPlan,
    run,
    rings: ringPlan.rings.map((_, index) => ({
      index,
      state: states[index]!,
      bakeLeftMs: states[index] === 'baking' ? 18 * MIN : null,
      note: states[index] === 'halted' ? `rolled back: ${run.halt?.reason}` : states[index] === 'baking' ? 'baking: 18 min left of 30 min' : states[index]!,
      enteredAt: run.rings[index]!.enteredAt,
      enteredBy: run.rings[index]!.enteredBy,
    })),
    advance: { allowed: false, reason: 'Ring 1 has not held its gate yet: baking: 18 min left of 30 min.' },
    computedAt: NOW,
    ...patch,
  };
}

type Handler<C extends ChannelName> = (request: RequestOf<C>) => Result<ResponseOf<C>> | Promise<Result<ResponseOf<C>>>;
type RingChannels = 'plans:list' | 'plans:create' | 'plans:update' | 'plans:advance' | 'plans:halt' | 'plans:rollback' | 'plans:reset' | 'plans:exportGate' | 'windows:get' | 'windows:set';

/** A plan store behind the fake bridge: the default handlers for the ring channels. */
export function fakeRingHandlers(): { [C in RingChannels]: Handler<C> } {
  let view = planView();
  let windows: ReleaseWindows = { timeZone: 'Europe/Berlin', weekly: [], freezes: [] };
  const unknown = (planId: string) => fail('not_found', `No release plan "${planId}" in workspace Demo fleet.`);
  return {
    'plans:list': () => ok({ plans: [view], unplanned: [], blackout: openStatus }),
    'plans:create': (req) => fail('conflict', `Release ${req.releaseId} already has a plan; change that one or reset it.`),
    'plans:update': ({ planId, ...patch }) => {
      if (planId !== view.plan.id) return unknown(planId);
      view = { ...view, plan: { ...view.plan, ...patch } };
      return ok(view);
    },
    'plans:advance': (req) => (req.planId === view.plan.id ? fail('conflict', view.advance.reason!) : unknown(req.planId)),
    'plans:halt': (req) => (req.planId === view.plan.id ? ok({ plan: view, layers: [{ layer: 'rollout', target: 'shop/payments-3ds', ok: true, message: 'paused where it stands' }] }) : unknown(req.planId)),
    'plans:rollback': (req) => {
      if (req.planId !== view.plan.id) return unknown(req.planId);
      const halt = { ring: 1, at: NOW, by: 'ana', reason: 'Rolled back from the console', kind: 'person' as const, acted: true, rolledBack: true, evidence: null };
      view = planView({ ...bakingRun, halt });
      return ok({
        plan: view,
        layers: [
          { layer: 'rollout', target: 'shop/payments-3ds', ok: true, message: 'aborted: all traffic back to stable (phase Degraded)' },
          { layer: 'flag', target: 'payments.3ds2-challenge-flow', ok: true, message: 'off in production, confirmed by read-back' },
        ],
      });
    },
    'plans:reset': (req) => (req.planId === view.plan.id ? ok(view) : unknown(req.planId)),
    'plans:exportGate': (req) => ok({ name: 'payments-3ds-1.4.0-health-gate', yaml: `apiVersion: argoproj.io/v1alpha1\nkind: AnalysisTemplate\n# ${req.address}\n` }),
    'windows:get': () => ok({ windows, status: openStatus }),
    'windows:set': (req) => {
      windows = req;
      return ok({ windows, status: openStatus });
    },
  };
}
