import type { PauseCondition, Rollout, RolloutStep } from '../../../src-shared/domain/rollout';
import { durationSeconds } from './goDuration';
import type { KubeCanaryStep, KubeReplicaSet, KubeRollout } from './kubeSchemas';
import { rolloutPhase } from './rolloutPhase';
import { canaryWeights, imagesOf, revisionsOf, strategyOf } from './rolloutShape';

const blank = { weight: null, durationSeconds: null, templates: [] as string[], detail: null };

function duration(value: number | string | undefined): Pick<RolloutStep, 'durationSeconds' | 'detail'> {
  if (value === undefined || value === '') return { durationSeconds: null, detail: null };
  const seconds = durationSeconds(value);
  return seconds === null
    ? { durationSeconds: null, detail: `unreadable duration ${JSON.stringify(value).slice(0, 40)}` }
    : { durationSeconds: seconds, detail: null };
}

export function toStep(step: KubeCanaryStep): RolloutStep {
  if (step.setWeight !== undefined) return { ...blank, kind: 'setWeight', weight: step.setWeight };
  if (step.pause) return { ...blank, kind: 'pause', ...duration(step.pause.duration) };
  if (step.analysis) {
    const names = (step.analysis.templates ?? []).map((t) => t.templateName);
    if (step.analysis.templateName) names.push(step.analysis.templateName);
    return { ...blank, kind: 'analysis', templates: names };
  }
  if (step.experiment) {
    const names = (step.experiment.templates ?? []).map((t) => t.name);
    return { ...blank, kind: 'experiment', templates: names, ...duration(step.experiment.duration) };
  }
  // setCanaryScale, setHeaderRoute, setMirrorRoute, plugin…: kept so indexes still line up.
  const key = Object.keys(step).find((k) => step[k] !== undefined && step[k] !== null);
  return { ...blank, kind: 'other', detail: key ?? 'empty step' };
}

const epochMs = (iso: string | undefined): number | null => {
  if (!iso) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
};

/** The index Argo's GetCurrentCanaryStep uses: null without canary steps, 0 before the controller set one. */
export function currentStepIndex(object: KubeRollout): number | null {
  const steps = object.spec.strategy?.canary?.steps ?? [];
  if (steps.length === 0) return null;
  return object.status?.currentStepIndex ?? 0;
}

export function stableHash(object: KubeRollout): string | null {
  return object.status?.stableRS || object.status?.canary?.stableRS || null;
}

/**
 * The canary weight Argo's GetCanaryReplicasOrWeight gives: 100 once promoted in full, on the
 * first rollout or when the new ReplicaSet is the stable one; 0 when aborted; else the last
 * setWeight at or before the current step (100 past the last step).
 */
function canaryWeight(object: KubeRollout, index: number | null): number {
  const status = object.status ?? {};
  const stable = stableHash(object);
  const current = status.currentPodHash ?? null;
  if (!object.spec.strategy?.canary) return current !== null && current === stable ? 100 : 0;
  if (status.promoteFull || stable === null || current === stable) return 100;
  if (status.abort) return 0;
  const steps = object.spec.strategy.canary.steps ?? [];
  if (index === null || index >= steps.length) return 100;
  for (let i = index; i >= 0; i--) {
    const weight = steps[i]!.setWeight;
    if (weight !== undefined) return weight;
  }
  return 0;
}

/** `replicaSets`: the namespace's ReplicaSets, for revisions and a basic canary's actual weight; null when not read. */
export function toRollout(object: KubeRollout, observedAt: number, replicaSets: KubeReplicaSet[] | null = null): Rollout {
  const status = object.status ?? {};
  const pauseConditions: PauseCondition[] = (status.pauseConditions ?? []).map((c) => ({
    reason: c.reason,
    startTime: epochMs(c.startTime),
  }));
  const specPaused = object.spec.paused === true;
  const paused = specPaused || pauseConditions.length > 0;
  const index = currentStepIndex(object);
  const weights = status.canary?.weights;
  const run = status.canary?.currentStepAnalysisRunStatus;
  const { phase, message } = rolloutPhase(object);
  const experiment = status.canary?.currentExperiment;
  return {
    name: object.metadata.name,
    namespace: object.metadata.namespace,
    phase,
    message: message || null,
    currentStepIndex: index,
    canaryWeight: canaryWeight(object, index),
    steps: (object.spec.strategy?.canary?.steps ?? []).map(toStep),
    aborted: status.abort === true,
    paused,
    specPaused,
    pauseConditions,
    promoteFull: status.promoteFull === true,
    weights: weights ? { canary: weights.canary.weight, stable: weights.stable.weight } : null,
    currentStepAnalysisRun: run ? { name: run.name, status: run.status, message: run.message || null } : null,
    stableRS: stableHash(object),
    currentPodHash: status.currentPodHash || null,
    observedAt,
    strategy: strategyOf(object),
    weight: canaryWeights(object, replicaSets),
    images: imagesOf(object),
    revisions: revisionsOf(object, replicaSets),
    currentExperiment: experiment ? { name: experiment, phase: null } : null,
  };
}
