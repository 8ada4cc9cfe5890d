import type { KubeObject } from './rolloutFixtures';

/**
 * What the Argo Rollouts controller writes when it reconciles a Rollout a client changed, reduced
 * to the fields Ringside's actions touch: it records the generation it saw (as a decimal string, as
 * the controller does since v0.10), lifts a controller pause once its conditions are cleared, and
 * sets the phase and message the change leads to.
 */
export function reconcile(object: KubeObject): void {
  const status = (object.status ??= {}) as Record<string, unknown>;
  const spec = (object.spec ?? {}) as { paused?: boolean; strategy?: { canary?: { steps?: unknown[] } } };
  status.observedGeneration = String(object.metadata.generation ?? 0);
  const conditions = (status.pauseConditions as unknown[] | undefined) ?? [];
  if (status.controllerPause && conditions.length === 0) delete status.controllerPause;
  if (status.abort) {
    status.phase = 'Degraded';
    status.message = 'RolloutAborted: Rollout aborted update to revision 2';
  } else if (status.promoteFull) {
    delete status.promoteFull;
    const steps = spec.strategy?.canary?.steps;
    if (steps) status.currentStepIndex = steps.length;
    if (typeof status.currentPodHash === 'string') status.stableRS = status.currentPodHash;
    status.phase = 'Healthy';
    status.message = '';
  } else if (spec.paused) {
    status.phase = 'Paused';
    status.message = 'manually paused';
  } else if (conditions.length > 0) {
    status.phase = 'Paused';
    status.message = String((conditions[0] as { reason?: unknown }).reason ?? '');
  } else {
    status.phase = 'Progressing';
    status.message = 'more replicas need to be updated';
  }
}
