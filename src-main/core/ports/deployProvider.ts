import type { DeployGovernance } from './governance';
import type { AnalysisRunView, GateInstall } from '../../../src-shared/domain/analysis';
import type { Rollout } from '../../../src-shared/domain/rollout';

/** Which Rollout object an action is for. */
export interface RolloutRef {
  namespace: string;
  name: string;
}

/** A listed object that could not be read as a rollout; the others are listed beside it. */
export interface UnreadableRollout {
  namespace: string;
  name: string;
  reason: string;
}

/** Everything one listing found: the rollouts, what could not be read, and what a person should know. */
export interface RolloutListing {
  rollouts: Rollout[];
  unreadable: UnreadableRollout[];
  /** e.g. "listed namespace by namespace: cluster-wide listing is forbidden" */
  notices: string[];
}

/**
 * An action's answer. `unconfirmed` is set when the controller had not observed the change within
 * the read-back: the phase is then the last one it reported, not its answer to the action.
 */
export type ActedRollout = Rollout & { unconfirmed?: string };

/**
 * A progressive-delivery controller (Argo Rollouts first). Every action acts as
 * `kubectl argo rollouts <verb>` does and answers the object as the server holds it afterwards.
 * Failures are RingsideErrors whose message says what to do (forbidden, not_found, conflict…).
 */
export interface DeployProvider {
  readonly provider: string;
  /** Rollouts in the workspace's namespaces with their steps and status. */
  listRollouts(): Promise<Rollout[]>;
  /** The same listing with unreadable items and notices; providers without it answer listRollouts alone. */
  listRolloutsDetailed?(): Promise<RolloutListing>;
  getRollout(ref: RolloutRef): Promise<Rollout>;
  /** Past the current pause (or the whole manual pause): `kubectl argo rollouts promote`. */
  promote(ref: RolloutRef): Promise<ActedRollout>;
  /** Skip every remaining step and analysis: `promote --full` (status.promoteFull=true). */
  promoteFull(ref: RolloutRef): Promise<ActedRollout>;
  /** Send all traffic back to stable: status.abort=true. */
  abort(ref: RolloutRef): Promise<ActedRollout>;
  /** Resume an aborted update from its first step: status.abort=false. */
  retry(ref: RolloutRef): Promise<ActedRollout>;
  /** Hold the rollout where it is: spec.paused=true. */
  pause(ref: RolloutRef): Promise<ActedRollout>;
  /** The AnalysisRuns the rollout owns with their measurements; absent where the controller has none. */
  analysisRuns?(ref: RolloutRef): Promise<AnalysisRunView[]>;
  /**
   * Create or update an AnalysisTemplate in the rollout's namespace (server-side dry run, then the
   * write, then a read-back) and say where the rollout references it.
   */
  installAnalysisTemplate?(ref: RolloutRef, template: Record<string, unknown>): Promise<GateInstall>;
  /** What the credentials may do per namespace, who they are, and rollout approvals kept as annotations. */
  governance?: DeployGovernance;
}
