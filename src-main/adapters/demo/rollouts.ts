import type { Rollout, RolloutStep } from '../../../src-shared/domain/rollout';
import type { Clock, DeployProvider } from '../../core/ports';

/** The demo's Argo-like rollouts: canary steps that advance with the clock. */

const MINUTE = 60_000;
const weight = (w: number): RolloutStep => ({ kind: 'setWeight', weight: w, durationSeconds: null });
const pause = (minutes: number | null): RolloutStep => ({
  kind: 'pause',
  weight: null,
  durationSeconds: minutes === null ? null : minutes * 60,
});
const analysis = (minutes: number): RolloutStep => ({ kind: 'analysis', weight: null, durationSeconds: minutes * 60 });

export interface RolloutPlan {
  name: string;
  namespace: string;
  service: string;
  /** version being rolled out now */
  version: string;
  /** how long before the workspace was created the current rollout began */
  startedBeforeMs: number;
  steps: RolloutStep[];
}

/** Ring 0 is 5 %, Ring 1 is 25 % (an untimed pause: a person promotes), Ring 2 is 50 %, then everyone. */
export const CHECKOUT_STEPS: RolloutStep[] = [
  weight(5), pause(10), weight(25), pause(null), analysis(15), weight(50), pause(30), weight(100),
];
const SEARCH_STEPS: RolloutStep[] = [
  weight(5), pause(10), weight(25), pause(30), weight(50), analysis(120), pause(60), weight(100),
];
const PAYMENTS_STEPS: RolloutStep[] = [
  weight(5), pause(10), weight(25), pause(30), analysis(15), weight(50), pause(60), weight(100),
];

export const ROLLOUT_PLANS: readonly RolloutPlan[] = [
  { name: 'checkout', namespace: 'shop', service: 'checkout', version: '2.4.0', startedBeforeMs: 90 * MINUTE, steps: CHECKOUT_STEPS },
  { name: 'search', namespace: 'search', service: 'search', version: '1.8.2', startedBeforeMs: 120 * MINUTE, steps: SEARCH_STEPS },
  { name: 'payments', namespace: 'shop', service: 'payments', version: '3.12.1', startedBeforeMs: 26 * 60 * MINUTE, steps: PAYMENTS_STEPS },
];

/** Start of the current rollout of a plan, whole minutes, relative to the workspace's creation. */
export const planStart = (plan: RolloutPlan, createdAt: number) =>
  Math.floor((createdAt - plan.startedBeforeMs) / MINUTE) * MINUTE;

export interface StepEntry {
  index: number;
  at: number;
}

export interface StepWalk {
  /** every step entered up to `until`, in order */
  entered: StepEntry[];
  /** steps.length once the rollout is complete */
  index: number;
  canaryWeight: number;
}

/**
 * Where a rollout stands at `until`: setWeight steps apply at once, timed pauses and analyses
 * elapse, an untimed pause waits for the next promotion (epoch ms) at or after it began.
 */
export function walkSteps(steps: readonly RolloutStep[], startedAt: number, until: number, promotions: readonly number[] = []): StepWalk {
  const entered: StepEntry[] = [];
  let index = 0;
  let at = startedAt;
  let canaryWeight = 0;
  let used = 0;
  while (index < steps.length && at <= until) {
    entered.push({ index, at });
    const step = steps[index]!;
    if (step.kind === 'setWeight') {
      canaryWeight = step.weight ?? canaryWeight;
      index++;
      continue;
    }
    let end: number;
    if (step.durationSeconds === null) {
      const next = promotions.slice(used).findIndex((t) => t >= at);
      if (next < 0) break;
      used += next + 1;
      end = promotions[used - 1]!;
    } else {
      end = at + step.durationSeconds * 1000;
    }
    if (end > until) break;
    at = end;
    index++;
  }
  return { entered, index, canaryWeight };
}

interface RolloutState {
  plan: RolloutPlan;
  startedAt: number;
  /** times a person promoted past an untimed pause; later issues append here */
  promotions: number[];
  abortedAt: number | null;
}

/** Deploys as Argo Rollouts would report them; state is the plan plus what people did to it. */
export class DemoDeployProvider implements DeployProvider {
  readonly provider = 'demo';
  private readonly states = new Map<string, RolloutState>();

  constructor(private readonly options: { clock: Clock; createdAt: number }) {
    for (const plan of ROLLOUT_PLANS) {
      this.states.set(plan.name, { plan, startedAt: planStart(plan, options.createdAt), promotions: [], abortedAt: null });
    }
  }

  async listRollouts(): Promise<Rollout[]> {
    const now = this.options.clock.now();
    return [...this.states.values()].map((state) => toRollout(state, now));
  }
}

function toRollout(state: RolloutState, now: number): Rollout {
  const { plan } = state;
  const steps = structuredClone(plan.steps);
  const walk = walkSteps(plan.steps, state.startedAt, Math.min(now, state.abortedAt ?? now), state.promotions);
  const base = { name: plan.name, namespace: plan.namespace, steps, currentStepIndex: walk.index };
  if (state.abortedAt !== null && state.abortedAt <= now) {
    const message = `RolloutAborted: Rollout aborted update to ${plan.name} ${plan.version}`;
    return { ...base, phase: 'Degraded', message, canaryWeight: 0, aborted: true, paused: false };
  }
  const current = plan.steps[walk.index];
  if (!current) return { ...base, phase: 'Healthy', message: null, canaryWeight: walk.canaryWeight, aborted: false, paused: false };
  if (current.kind === 'pause') {
    return { ...base, phase: 'Paused', message: 'CanaryPauseStep', canaryWeight: walk.canaryWeight, aborted: false, paused: true };
  }
  const message = current.kind === 'analysis' ? `AnalysisRunRunning: ${plan.name}-${plan.version}-${walk.index}` : null;
  return { ...base, phase: 'Progressing', message, canaryWeight: walk.canaryWeight, aborted: false, paused: false };
}
