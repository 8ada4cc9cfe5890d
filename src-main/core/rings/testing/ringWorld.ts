/**
 * A small world for the ring service's tests: a flag server, a rollout with Argo's canary steps,
 * and a metrics store whose canary can be made to fail, all in memory, behind the real ports,
 * under the real core (dispatch, store, audit, judge). Real servers are used in the integration test.
 */
import type { Rollout, RolloutStep } from '../../../../src-shared/domain/rollout';
import { RingsideError } from '../../../../src-shared/ipc/result';
import { createCore } from '../../createCore';
import type { DeployProvider, MetricsProvider, RolloutRef } from '../../ports';
import { fakeFlagServer, testFlag } from '../../testing/fakeFlagServer';
import { fakeClock } from '../../testing/fakeWorkspace';
import type { Workspace } from '../../workspace';

const step = (kind: RolloutStep['kind'], weight: number | null = null): RolloutStep => ({ kind, weight, durationSeconds: null, templates: [], detail: null });
/** Rings 0–3 as Argo steps: each setWeight followed by an untimed pause a promotion moves past. */
export const STEPS: RolloutStep[] = [step('setWeight', 5), step('pause'), step('setWeight', 25), step('pause'), step('setWeight', 50), step('pause'), step('setWeight', 100)];

/** An in-memory Argo-like controller for one rollout: promote walks to the next pause, abort sends traffic back. */
export function fakeDeploy(now: () => number) {
  const state = { index: 1, aborted: false, specPaused: false, promoteFull: false, down: false };
  const calls: string[] = [];
  const weightAt = (index: number) => STEPS.slice(0, index + 1).reduce((w, s) => (s.kind === 'setWeight' ? (s.weight ?? w) : w), 0);
  const rollout = (): Rollout => {
    const atPause = STEPS[state.index]?.kind === 'pause';
    return {
      name: 'checkout',
      namespace: 'shop',
      phase: state.aborted ? 'Degraded' : state.index >= STEPS.length ? 'Healthy' : atPause || state.specPaused ? 'Paused' : 'Progressing',
      message: state.aborted ? 'RolloutAborted: Rollout aborted update to revision 2' : null,
      currentStepIndex: state.index,
      canaryWeight: state.aborted ? 0 : weightAt(state.index),
      steps: STEPS,
      aborted: state.aborted,
      paused: !state.aborted && (atPause || state.specPaused),
      specPaused: state.specPaused,
      pauseConditions: atPause && !state.aborted ? [{ reason: 'CanaryPauseStep', startTime: now() }] : [],
      promoteFull: state.promoteFull,
      weights: null,
      currentStepAnalysisRun: null,
      stableRS: 'abc123',
      currentPodHash: 'def456',
      observedAt: now(),
    };
  };
  const check = (ref: RolloutRef, verb: string) => {
    if (state.down) throw new RingsideError('unavailable', 'The Kubernetes API at 127.0.0.1:6443 is not answering.');
    if (ref.namespace !== 'shop' || ref.name !== 'checkout') throw new RingsideError('not_found', `rollouts.argoproj.io "${ref.name}" not found`);
    calls.push(verb);
  };
  const provider: DeployProvider = {
    provider: 'fake-argo',
    listRollouts: async () => [rollout()],
    async getRollout(ref) {
      if (state.down) throw new RingsideError('unavailable', 'The Kubernetes API at 127.0.0.1:6443 is not answering.');
      if (ref.name !== 'checkout') throw new RingsideError('not_found', `rollouts.argoproj.io "${ref.name}" not found`);
      return rollout();
    },
    async promote(ref) {
      check(ref, 'promote');
      state.specPaused = false;
      if (!state.aborted) {
        let i = state.index + 1;
        while (i < STEPS.length && STEPS[i]!.kind !== 'pause') i++;
        state.index = i;
      }
      return rollout();
    },
    async promoteFull(ref) {
      check(ref, 'promoteFull');
      state.index = STEPS.length;
      return rollout();
    },
    async abort(ref) {
      check(ref, 'abort');
      state.aborted = true;
      return rollout();
    },
    async retry(ref) {
      check(ref, 'retry');
      state.aborted = false;
      state.index = 1;
      return rollout();
    },
    async pause(ref) {
      check(ref, 'pause');
      state.specPaused = true;
      return rollout();
    },
  };
  return { provider, state, calls };
}

/**
 * Canary and baseline error rates around 1 %, with a little deterministic wobble; `canaryLevel`
 * moves the canary, `lastCanary` (when set) replaces its newest sample alone: one bad scrape.
 */
export function fakeMetrics() {
  const control = { canaryLevel: 1, lastCanary: null as number | null, down: false };
  const provider: MetricsProvider = {
    provider: 'fake-prometheus',
    async queryRange({ query, start, end, stepMs }) {
      if (control.down) throw new RingsideError('unavailable', 'Prometheus is not answering.');
      const level = query === 'canary_errors' ? control.canaryLevel : 1;
      const points: [number, number][] = [];
      for (let t = Math.ceil(start / stepMs) * stepMs, i = 0; t <= end; t += stepMs, i++) points.push([t, level * (1 + 0.03 * Math.sin(i * 1.7))]);
      const newest = points[points.length - 1];
      if (query === 'canary_errors' && control.lastCanary !== null && newest) newest[1] = control.lastCanary;
      return [{ labels: {}, points }];
    },
  };
  return { provider, control };
}

/** The world on a data folder (default: in memory); restart() builds a new core on the same folder and servers. */
export function ringWorld(options: { dataDir?: string } = {}) {
  const clock = fakeClock();
  const flags = fakeFlagServer([testFlag('checkout.pricing', { tags: [] })], clock.now);
  flags.flags.get('checkout.pricing')!.environments[1]!.enabled = false;
  const deploy = fakeDeploy(clock.now);
  const metrics = fakeMetrics();
  const workspace: Workspace = {
    id: 'w',
    name: 'Shop',
    kind: 'live',
    flags: flags.provider,
    deploy: deploy.provider,
    metrics: metrics.provider,
    releases: [
      {
        release: {
          id: 'checkout-2.4.0',
          service: 'checkout',
          version: '2.4.0',
          flag: 'checkout.pricing',
          rollout: 'checkout',
          startedAt: clock.now() - 3_600_000,
          metrics: [{ id: 'error_rate', label: 'Error rate', unit: '%', harmful: 'increase', critical: true }],
        },
        queries: { error_rate: { canary: 'canary_errors', baseline: 'baseline_errors' } },
      },
    ],
  };
  const start = () => {
    const built = createCore({ dataDir: options.dataDir ?? ':memory:', version: 't', clock, actor: 'ana', workspace: () => workspace, log: () => {} });
    built.bus.onAny((event, payload) => events.push({ event, payload }));
    return built;
  };
  const events: { event: string; payload: unknown }[] = [];
  let core = start();

  async function call<T = unknown>(channel: string, request: unknown = {}): Promise<T> {
    const result = await world.core.dispatch(channel, request);
    if (!result.ok) throw new RingsideError(result.error.code, result.error.message);
    return result.value as T;
  }
  async function audit() {
    const page = await call<{ events: { action: string; source: string; actor: string; reason: string | null; result: string | null; objectId: string; after: unknown }[] }>('audit:page', { limit: 500 });
    return page.events.slice().reverse();
  }
  const flagOn = () => flags.flags.get('checkout.pricing')!.environments[1]!;
  const world = {
    core,
    clock,
    flags,
    deploy,
    metrics,
    workspace,
    events,
    call,
    audit,
    flagOn,
    /** Stop this core and start another on the same data folder, as a restart of the app does. */
    restart() {
      core.dispose();
      core = start();
      world.core = core;
    },
  };
  return world;
}
