import type { Rollout } from '../../../src-shared/domain/rollout';

/** Which Rollout object an action is for. */
export interface RolloutRef {
  namespace: string;
  name: string;
}

/**
 * A progressive-delivery controller (Argo Rollouts first). Every action acts as
 * `kubectl argo rollouts <verb>` does and answers the object as the server holds it afterwards.
 * Failures are RingsideErrors whose message says what to do (forbidden, not_found, conflict…).
 */
export interface DeployProvider {
  readonly provider: string;
  /** Rollouts in the workspace's namespaces with their steps and status. */
  listRollouts(): Promise<Rollout[]>;
  getRollout(ref: RolloutRef): Promise<Rollout>;
  /** Past the current pause (or the whole manual pause): `kubectl argo rollouts promote`. */
  promote(ref: RolloutRef): Promise<Rollout>;
  /** Skip every remaining step and analysis: `promote --full` (status.promoteFull=true). */
  promoteFull(ref: RolloutRef): Promise<Rollout>;
  /** Send all traffic back to stable: status.abort=true. */
  abort(ref: RolloutRef): Promise<Rollout>;
  /** Resume an aborted update from its first step: status.abort=false. */
  retry(ref: RolloutRef): Promise<Rollout>;
  /** Hold the rollout where it is: spec.paused=true. */
  pause(ref: RolloutRef): Promise<Rollout>;
}
