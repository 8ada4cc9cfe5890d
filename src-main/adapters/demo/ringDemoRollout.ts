import type { PlanRun } from '../../../src-shared/domain/plan';
import type { Rollout, RolloutStep } from '../../../src-shared/domain/rollout';
import type { Clock, DeployProvider, RolloutRef } from '../../core/ports';

/**
 * The ring demo's rollout: one Argo-like canary whose steps are the plan's rings, each setWeight
 * followed by an untimed pause, so it only moves when the ring service promotes it. It keeps the
 * history of its canary weight, which the demo's signals read: the canary degrades at 25 %.
 */

const step = (kind: RolloutStep['kind'], weight: number | null = null): RolloutStep => ({ kind, weight, durationSeconds: null, templates: [], detail: null });
export const RING_DEMO_STEPS: readonly RolloutStep[] = [
  step('setWeight', 5), step('pause'), step('setWeight', 25), step('pause'), step('setWeight', 50), step('pause'), step('setWeight', 100),
];

export interface WeightChange {
  at: number;
  weight: number;
}

const weightThrough = (index: number) =>
  RING_DEMO_STEPS.slice(0, index + 1).reduce((w, s) => (s.kind === 'setWeight' ? (s.weight ?? w) : w), 0);

export class RingDemoRollout {
  private index = 1;
  private aborted = false;
  private specPaused = false;
  /** every canary weight the rollout has had, oldest first; 0 after an abort */
  readonly history: WeightChange[];

  constructor(
    readonly ref: RolloutRef,
    private readonly version: string,
    private readonly clock: Pick<Clock, 'now'>,
    startedAt: number,
  ) {
    this.history = [{ at: startedAt, weight: weightThrough(this.index) }];
  }

  /** The canary weight at instant t, as the history says. */
  weightAt(t: number): number {
    let weight = 0;
    for (const change of this.history) if (change.at <= t) weight = change.weight;
    return weight;
  }

  /** When the canary last began taking at least `weight` % before t, or null. */
  reachedAt(weight: number, t: number): number | null {
    let since: number | null = null;
    for (const change of this.history) {
      if (change.at > t) break;
      if (change.weight >= weight) since ??= change.at;
      else since = null;
    }
    return since;
  }

  private record(weight: number) {
    const now = this.clock.now();
    if (this.history[this.history.length - 1]!.weight !== weight) this.history.push({ at: now, weight });
  }

  /** The step index after the next run of setWeight steps (the next pause, or the end). */
  private nextPause(): number {
    let i = this.index + 1;
    while (i < RING_DEMO_STEPS.length && RING_DEMO_STEPS[i]!.kind !== 'pause') i++;
    return i;
  }

  promote(): void {
    this.specPaused = false;
    if (this.aborted || this.index >= RING_DEMO_STEPS.length) return;
    this.index = this.nextPause();
    this.record(weightThrough(Math.min(this.index, RING_DEMO_STEPS.length - 1)));
  }

  /**
   * Stand where a stored plan run left the rollout (a restart): promoted once per ring entered
   * after Ring 0, at the time it was entered, then aborted where the run rolled back or last saw it
   * aborted, or paused at a halt. The weight history is what the demo's signals read, so the canary
   * goes on with the same story.
   */
  resume(run: Pick<PlanRun, 'ring' | 'rings' | 'halt' | 'rollout' | 'observedAt'>): void {
    const history: WeightChange[] = [this.history[0]!];
    this.index = 1;
    this.aborted = false;
    this.specPaused = false;
    for (let ring = 1; ring <= run.ring && this.index < RING_DEMO_STEPS.length; ring++) {
      this.index = this.nextPause();
      const at = run.rings[ring]?.enteredAt ?? history.at(-1)!.at;
      history.push({ at, weight: weightThrough(Math.min(this.index, RING_DEMO_STEPS.length - 1)) });
    }
    const abortedAt = run.halt?.rolledBack ? run.halt.at : run.rollout?.aborted ? (run.halt?.at ?? run.observedAt) : null;
    if (abortedAt !== null && this.index < RING_DEMO_STEPS.length) {
      this.aborted = true;
      history.push({ at: Math.max(abortedAt, history.at(-1)!.at), weight: 0 });
    } else if (run.halt) this.specPaused = true;
    this.history.splice(0, this.history.length, ...history);
  }

  promoteFull(): void {
    if (this.aborted) return;
    this.index = RING_DEMO_STEPS.length;
    this.record(100);
  }

  abort(): void {
    if (this.index >= RING_DEMO_STEPS.length) return;
    this.aborted = true;
    this.record(0);
  }

  retry(): void {
    if (!this.aborted) return;
    this.aborted = false;
    this.index = 1;
    this.record(weightThrough(1));
  }

  pause(): void {
    this.specPaused = true;
  }

  read(): Rollout {
    const now = this.clock.now();
    const done = this.index >= RING_DEMO_STEPS.length;
    const atPause = !this.aborted && RING_DEMO_STEPS[this.index]?.kind === 'pause';
    const held = atPause || this.specPaused;
    const pausedAt = this.history[this.history.length - 1]!.at;
    return {
      name: this.ref.name,
      namespace: this.ref.namespace,
      phase: this.aborted ? 'Degraded' : done ? 'Healthy' : held ? 'Paused' : 'Progressing',
      message: this.aborted ? `RolloutAborted: Rollout aborted update to revision ${this.version}` : this.specPaused ? 'manually paused' : atPause ? 'CanaryPauseStep' : null,
      currentStepIndex: this.index,
      canaryWeight: this.aborted ? 0 : weightThrough(Math.min(this.index, RING_DEMO_STEPS.length - 1)),
      steps: structuredClone([...RING_DEMO_STEPS]),
      aborted: this.aborted,
      paused: !this.aborted && held,
      specPaused: this.specPaused,
      pauseConditions: atPause ? [{ reason: 'CanaryPauseStep', startTime: pausedAt }] : [],
      promoteFull: false,
      weights: null,
      currentStepAnalysisRun: null,
      stableRS: '6d4f9c7b8',
      currentPodHash: done && !this.aborted ? '6d4f9c7b8' : '7c9b5d6f4',
      observedAt: now,
    };
  }
}

const same = (a: RolloutRef, b: RolloutRef) => a.namespace === b.namespace && a.name === b.name;

/** The demo's own rollouts plus the ring demo's, behind one DeployProvider. */
export function withRingDemoRollout(inner: DeployProvider, sim: RingDemoRollout): DeployProvider {
  const act = (ref: RolloutRef, change: () => void, fallback: () => Promise<Rollout>) => {
    if (!same(ref, sim.ref)) return fallback();
    change();
    return Promise.resolve(sim.read());
  };
  return {
    provider: inner.provider,
    listRollouts: async () => [...(await inner.listRollouts()), sim.read()],
    getRollout: (ref) => act(ref, () => {}, () => inner.getRollout(ref)),
    promote: (ref) => act(ref, () => sim.promote(), () => inner.promote(ref)),
    promoteFull: (ref) => act(ref, () => sim.promoteFull(), () => inner.promoteFull(ref)),
    abort: (ref) => act(ref, () => sim.abort(), () => inner.abort(ref)),
    retry: (ref) => act(ref, () => sim.retry(), () => inner.retry(ref)),
    pause: (ref) => act(ref, () => sim.pause(), () => inner.pause(ref)),
  };
}
