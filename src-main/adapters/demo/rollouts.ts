import type { Rollout, RolloutStep } from '../../../src-shared/domain/rollout';
import { RingsideError } from '../../../src-shared/ipc/result';
import type { Clock, DeployProvider, RolloutRef } from '../../core/ports';

/** The demo's Argo-like rollouts: canary steps that advance with the clock. */

const MINUTE = 60_000;
const step = (kind: RolloutStep['kind'], fields: Partial<RolloutStep>): RolloutStep => ({
  kind, weight: null, durationSeconds: null, templates: [], detail: null, ...fields,
});
const weight = (w: number) => step('setWeight', { weight: w });
const pause = (minutes: number | null) => step('pause', { durationSeconds: minutes === null ? null : minutes * 60 });
const analysis = (minutes: number) => step('analysis', { durationSeconds: minutes * 60, templates: ['success-rate'] });

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

/** Where a rollout stood when something last changed it; the clock walks on from here. */
interface Position {
  index: number;
  /** when the step at `index` was entered */
  at: number;
  canaryWeight: number;
}

interface RolloutState {
  plan: RolloutPlan;
  /** version the stable ReplicaSet runs */
  stableVersion: string;
  base: Position;
  /** spec.paused since then (a person paused it) */
  heldSince: number | null;
  aborted: boolean;
  promoteFull: boolean;
}

/** The walk from a position: like walkSteps, with timed steps elapsing and untimed pauses holding. */
function walkFrom(steps: readonly RolloutStep[], from: Position, until: number): Position {
  let { index, at, canaryWeight } = from;
  while (index < steps.length) {
    const current = steps[index]!;
    if (current.kind === 'setWeight') {
      canaryWeight = current.weight ?? canaryWeight;
      index++;
      continue;
    }
    if (current.kind !== 'analysis' && current.kind !== 'pause') break;
    if (current.durationSeconds === null || at + current.durationSeconds * 1000 > until) break;
    at += current.durationSeconds * 1000;
    index++;
  }
  return { index, at, canaryWeight };
}

const FULL: Pick<Position, 'canaryWeight'> = { canaryWeight: 100 };

/**
 * Deploys as Argo Rollouts would report them. State is the plan plus what people did to it, kept
 * in memory; actions follow the controller's reaction to `kubectl argo rollouts` without its delays.
 */
export class DemoDeployProvider implements DeployProvider {
  readonly provider = 'demo';
  private readonly states = new Map<string, RolloutState>();

  constructor(private readonly options: { clock: Clock; createdAt: number }) {
    for (const plan of ROLLOUT_PLANS) {
      this.states.set(key(plan), {
        plan,
        stableVersion: previousVersion(plan.version),
        base: { index: 0, at: planStart(plan, options.createdAt), canaryWeight: 0 },
        heldSince: null,
        aborted: false,
        promoteFull: false,
      });
    }
  }

  async listRollouts(): Promise<Rollout[]> {
    const now = this.options.clock.now();
    return [...this.states.values()].map((state) => toRollout(state, now));
  }

  async getRollout(ref: RolloutRef): Promise<Rollout> {
    return toRollout(this.state(ref), this.options.clock.now());
  }

  async promote(ref: RolloutRef): Promise<Rollout> {
    return this.act(ref, (state, now) => {
      if (state.aborted) return;
      state.heldSince = null;
      // The plugin unpauses the spec and either clears a pause step's condition or moves the index
      // past the analysis running now: either way the rollout leaves its current step.
      if (state.base.index < state.plan.steps.length) {
        state.base = walkFrom(state.plan.steps, { ...state.base, index: state.base.index + 1, at: now }, now);
      }
    });
  }

  async promoteFull(ref: RolloutRef): Promise<Rollout> {
    return this.act(ref, (state) => {
      if (state.aborted || state.base.index >= state.plan.steps.length) return;
      state.promoteFull = true;
    });
  }

  async abort(ref: RolloutRef): Promise<Rollout> {
    return this.act(ref, (state) => {
      if (state.base.index >= state.plan.steps.length && !state.promoteFull) return;
      state.aborted = true;
    });
  }

  async retry(ref: RolloutRef): Promise<Rollout> {
    return this.act(ref, (state, now) => {
      if (!state.aborted) return;
      state.aborted = false;
      state.promoteFull = false;
      state.heldSince = null;
      state.base = walkFrom(state.plan.steps, { index: 0, at: now, canaryWeight: 0 }, now);
    });
  }

  async pause(ref: RolloutRef): Promise<Rollout> {
    return this.act(ref, (state, now) => {
      if (state.heldSince === null) state.heldSince = now;
    });
  }

  private state(ref: RolloutRef): RolloutState {
    const state = this.states.get(`${ref.namespace}/${ref.name}`);
    if (!state) throw new RingsideError('not_found', `The demo has no rollout ${ref.name} in namespace ${ref.namespace}.`);
    return state;
  }

  /** Brings the state up to now, applies the change, answers the rollout as it then stands. */
  private act(ref: RolloutRef, change: (state: RolloutState, now: number) => void): Rollout {
    const state = this.state(ref);
    const now = this.options.clock.now();
    settle(state, now);
    change(state, now);
    return toRollout(state, now);
  }
}

const key = (ref: RolloutRef) => `${ref.namespace}/${ref.name}`;

/** 2.4.0 replaced 2.3.0; the demo never shows further back. */
function previousVersion(version: string): string {
  const [major, minor = '0'] = version.split('.');
  return `${major}.${Math.max(0, Number(minor) - 1)}.0`;
}

/** A stable, pod-template-hash-like name for a version's ReplicaSet. */
function podHash(name: string, version: string): string {
  let h = 2166136261;
  for (const c of `${name}@${version}`) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  return h.toString(36).padStart(7, '0').slice(-10);
}

/** Freezes the walk at `now` into the base, so a change applies from where the rollout stands. */
function settle(state: RolloutState, now: number): void {
  if (state.aborted || state.heldSince !== null) return;
  if (state.promoteFull) {
    state.base = { index: state.plan.steps.length, at: now, ...FULL };
    state.promoteFull = false;
  }
  state.base = walkFrom(state.plan.steps, state.base, now);
  if (state.base.index >= state.plan.steps.length) state.stableVersion = state.plan.version;
}

function toRollout(state: RolloutState, now: number): Rollout {
  const { plan } = state;
  const steps = structuredClone(plan.steps);
  const frozen = state.aborted || state.heldSince !== null;
  const full = !frozen && state.promoteFull;
  const walk = frozen ? state.base : full ? { index: steps.length, at: now, ...FULL } : walkFrom(plan.steps, state.base, now);
  const done = walk.index >= steps.length;
  const currentPodHash = podHash(plan.name, plan.version);
  const stableRS = done && !state.aborted ? currentPodHash : podHash(plan.name, state.stableVersion);
  const current = plan.steps[walk.index];
  const pauseConditions = !state.aborted && current?.kind === 'pause' ? [{ reason: 'CanaryPauseStep', startTime: walk.at }] : [];
  const analysisRun =
    !state.aborted && current?.kind === 'analysis' ? { name: `${plan.name}-${currentPodHash}-${walk.index}`, status: 'Running', message: null } : null;
  const base = {
    name: plan.name,
    namespace: plan.namespace,
    steps,
    currentStepIndex: walk.index,
    specPaused: state.heldSince !== null,
    pauseConditions,
    promoteFull: false,
    weights: null,
    currentStepAnalysisRun: analysisRun,
    stableRS,
    currentPodHash,
    observedAt: now,
  };
  if (state.aborted) {
    const message = `RolloutAborted: Rollout aborted update to revision ${plan.version}`;
    return { ...base, phase: 'Degraded', message, canaryWeight: 0, aborted: true, paused: false };
  }
  if (state.heldSince !== null) {
    return { ...base, phase: 'Paused', message: 'manually paused', canaryWeight: walk.canaryWeight, aborted: false, paused: true };
  }
  if (done) return { ...base, phase: 'Healthy', message: null, canaryWeight: walk.canaryWeight, aborted: false, paused: false };
  if (current!.kind === 'pause') {
    return { ...base, phase: 'Paused', message: 'CanaryPauseStep', canaryWeight: walk.canaryWeight, aborted: false, paused: true };
  }
  const message = analysisRun ? `AnalysisRunRunning: ${analysisRun.name}` : null;
  return { ...base, phase: 'Progressing', message, canaryWeight: walk.canaryWeight, aborted: false, paused: false };
}
