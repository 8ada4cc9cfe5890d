import type { Rollout } from '../../../src-shared/domain/rollout';

/** A progressive-delivery controller (Argo Rollouts first). */
export interface DeployProvider {
  readonly provider: string;
  /** Rollouts in the workspace's namespaces with their steps and status. */
  listRollouts(): Promise<Rollout[]>;
}
