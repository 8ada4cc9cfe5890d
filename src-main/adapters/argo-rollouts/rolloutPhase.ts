import type { KubeRollout } from './kubeSchemas';

/**
 * The phase and message of a Rollout by the controller's own rule (argo-rollouts
 * utils/rollout GetRolloutPhase, falling back to CalculateRolloutPhase for controllers that set
 * no status.phase), which is also what `kubectl argo rollouts get rollout` prints.
 */
export type ArgoPhase = 'Progressing' | 'Paused' | 'Healthy' | 'Degraded';
export interface PhaseAndMessage {
  phase: ArgoPhase | string;
  message: string;
}

const WORKLOAD_GENERATION = 'rollout.argoproj.io/workload-generation';
/** the condition reasons that make a rollout Degraded (utils/conditions) */
const DEGRADING_REASONS = new Set(['RolloutAborted', 'ProgressDeadlineExceeded']);

/** Go's strconv.Atoi: an optional sign and decimal digits, nothing else. */
function atoi(value: string | number | undefined): number | null {
  if (typeof value === 'number') return Number.isInteger(value) ? value : null;
  if (value === undefined || !/^[+-]?\d+$/.test(value)) return null;
  return Number(value);
}

/** observedGeneration that is not a number (a 0.9 pod hash) never holds the phase back. */
function generationObserved(object: KubeRollout): boolean {
  const observed = atoi(object.status?.observedGeneration);
  if (observed === null) return true;
  return observed >= (object.metadata.generation ?? 0);
}

/** The user cleared the pause conditions but the controller has not reacted yet. */
export function isUnpausing(object: KubeRollout): boolean {
  return object.status?.controllerPause === true && (object.status.pauseConditions ?? []).length === 0;
}

function workloadGenerationObserved(object: KubeRollout): boolean {
  const wanted = atoi(object.metadata.annotations?.[WORKLOAD_GENERATION]);
  const observed = atoi(object.status?.workloadObservedGeneration);
  return wanted === null || observed === null || wanted === observed;
}

export function rolloutPhase(object: KubeRollout): PhaseAndMessage {
  if (!generationObserved(object)) return { phase: 'Progressing', message: 'waiting for rollout spec update to be observed' };
  if (isUnpausing(object)) return { phase: 'Progressing', message: 'waiting for rollout to unpause' };
  if (object.spec.workloadRef && !workloadGenerationObserved(object)) {
    return { phase: 'Progressing', message: 'waiting for rollout spec update to be observed for the reference workload' };
  }
  const status = object.status ?? {};
  if (status.phase) return { phase: status.phase, message: status.message ?? '' };
  return calculatePhase(object);
}

/** The controller-side calculation, for status written by controllers before 1.0. */
export function calculatePhase(object: KubeRollout): PhaseAndMessage {
  const { spec } = object;
  const status = object.status ?? {};
  for (const condition of status.conditions ?? []) {
    if (condition.type === 'InvalidSpec') return { phase: 'Degraded', message: `InvalidSpec: ${condition.message ?? ''}` };
    if (condition.reason && DEGRADING_REASONS.has(condition.reason)) {
      return { phase: 'Degraded', message: `${condition.reason}: ${condition.message ?? ''}` };
    }
  }
  if (spec.paused) return { phase: 'Paused', message: 'manually paused' };
  const pause = (status.pauseConditions ?? [])[0];
  if (pause) return { phase: 'Paused', message: pause.reason };
  if (spec.restartAt && spec.restartAt !== status.restartedAt && !sameInstant(spec.restartAt, status.restartedAt)) {
    return { phase: 'Progressing', message: 'rollout is restarting' };
  }
  const desired = spec.replicas ?? 1;
  const updated = status.updatedReplicas ?? 0;
  if (updated < desired) return { phase: 'Progressing', message: 'more replicas need to be updated' };
  if ((status.availableReplicas ?? 0) < updated) return { phase: 'Progressing', message: 'updated replicas are still becoming available' };
  const fullyPromoted = Boolean(status.stableRS) && status.stableRS === status.currentPodHash;
  const strategy = spec.strategy ?? {};
  if (strategy.blueGreen) {
    const active = status.blueGreen?.activeSelector;
    if (!active || active !== status.currentPodHash) return { phase: 'Progressing', message: 'active service cutover pending' };
    if (!fullyPromoted) {
      const post = status.blueGreen?.postPromotionAnalysisRunStatus;
      const waiting = Boolean(strategy.blueGreen.postPromotionAnalysis) && (!post || !COMPLETED.has(post.status));
      return { phase: 'Progressing', message: waiting ? 'waiting for analysis to complete' : 'waiting for post-promotion verification to complete' };
    }
  } else if (strategy.canary) {
    if (!strategy.canary.trafficRouting && (status.replicas ?? 0) > updated) {
      return { phase: 'Progressing', message: 'old replicas are pending termination' };
    }
    if (!fullyPromoted) return { phase: 'Progressing', message: 'waiting for all steps to complete' };
  }
  return { phase: 'Healthy', message: '' };
}

/** AnalysisPhase.Completed(): every phase but Pending and Running */
const COMPLETED = new Set(['Successful', 'Failed', 'Error', 'Inconclusive']);

function sameInstant(a: string, b: string | null | undefined): boolean {
  if (!b) return false;
  const [x, y] = [Date.parse(a), Date.parse(b)];
  return !Number.isNaN(x) && x === y;
}
