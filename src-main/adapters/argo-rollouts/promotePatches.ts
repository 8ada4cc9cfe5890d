import { currentStepIndex, stableHash } from './toRollout';
import type { KubeRollout } from './kubeSchemas';

/** JSON merge patches to send; null where the plugin sends none. */
export interface Patches {
  /** to the main resource */
  spec: unknown;
  /** to the status subresource */
  status: unknown;
  /** to the main resource instead, when the CRD has no status subresource (Argo Rollouts 0.9) */
  unified: unknown;
}

/**
 * What `kubectl argo rollouts promote` sends (pkg/kubectl-argo-rollouts/cmd/promote/promote.go):
 * unpause a manual pause; clear the pause conditions when there are any (stepping past an
 * inconclusive analysis the controller paused on); otherwise, for a canary in the middle of an
 * analysis or experiment, move the step index on by one. Never both clear and step.
 */
export function promotePatches(object: KubeRollout): Patches {
  const status = object.status ?? {};
  const canary = object.spec.strategy?.canary;
  const steps = canary?.steps ?? [];
  const nextIndex = () => {
    const index = currentStepIndex(object);
    return index === null ? null : index < steps.length ? index + 1 : index;
  };
  const spec = object.spec.paused ? { spec: { paused: false } } : null;
  const unpauseAndClear = { spec: { paused: false }, status: { pauseConditions: null } };
  const conditions = status.pauseConditions ?? [];
  const inconclusive = canary !== undefined && status.canary?.currentStepAnalysisRunStatus?.status === 'Inconclusive';

  if (inconclusive && conditions.length > 0 && status.controllerPause) {
    const index = nextIndex();
    const patch = index === null ? null : { status: { pauseConditions: null, controllerPause: false, currentStepIndex: index } };
    return { spec, status: patch, unified: unpauseAndClear };
  }
  if (conditions.length > 0) return { spec, status: { status: { pauseConditions: null } }, unified: unpauseAndClear };
  if (canary) {
    const index = nextIndex();
    if (index !== null) {
      return {
        spec,
        status: { status: { pauseConditions: null, currentStepIndex: index } },
        unified: { spec: { paused: false }, status: { pauseConditions: null, currentStepIndex: index } },
      };
    }
  }
  return { spec, status: null, unified: unpauseAndClear };
}

/**
 * `promote --full`: the plugin's status patch, status.promoteFull=true, unless the new ReplicaSet is
 * already the stable one. Two additions the plugin (cmd/promote getPatches, case full) does not make,
 * because the controller skips no steps of a rollout a person holds: a spec.paused rollout is
 * unpaused too, and a CRD without the status subresource gets the same change on the main resource
 * (one unified patch) rather than nothing.
 */
export function promoteFullPatches(object: KubeRollout): Patches {
  if ((object.status?.currentPodHash ?? null) === stableHash(object)) return { spec: null, status: null, unified: null };
  const status = { status: { promoteFull: true } };
  if (!object.spec.paused) return { spec: null, status, unified: status };
  return { spec: { spec: { paused: false } }, status, unified: { spec: { paused: false }, status: { promoteFull: true } } };
}
