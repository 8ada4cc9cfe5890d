import type { CapabilityCheck, ChangeRequestState, FlagChangeRequest, RolloutAction, RolloutApproval } from '../../../src-shared/domain/governance';
import type { RolloutRef } from './deployProvider';

/**
 * A flag server's change requests (Unleash Enterprise's API). A server that requires them answers
 * a direct change with 403 and the permission SKIP_CHANGE_REQUEST (RingsideError.permission).
 */
export interface FlagChangeRequests {
  /** Whether the server offers the change-request API at all (the open-source server does not). */
  available(): Promise<boolean>;
  create(input: { flag: string; environment: string; enabled: boolean }): Promise<FlagChangeRequest>;
  /** Pending requests of the workspace's project, oldest first. */
  pending(): Promise<FlagChangeRequest[]>;
  /** Move a request on: 'Approved' by someone else than its author, then 'Applied'; or 'Rejected' / 'Cancelled'. */
  setState(id: string, state: ChangeRequestState): Promise<FlagChangeRequest>;
}

/** What the flag server says these credentials may do, and who they belong to. */
export interface FlagGovernance {
  /** Per environment: toggle and strategy rights as the server reports them. */
  capabilities(environments: string[]): Promise<CapabilityCheck[]>;
  /** The user the token acts as, null when the server cannot say (an admin API token). */
  whoAmI(): Promise<string | null>;
  /** Environments whose changes must go through change requests, when the server can say; null when it cannot. */
  changeRequestEnvironments?(): Promise<string[] | null>;
  changeRequests?: FlagChangeRequests;
}

/** Rollout approvals kept as annotations on the Rollout, and what the Kubernetes credentials may do. */
export interface DeployGovernance {
  /** Per namespace: SelfSubjectAccessReview for patching rollouts and creating AnalysisTemplates. */
  capabilities(namespaces: string[]): Promise<CapabilityCheck[]>;
  /** The Kubernetes user the credentials authenticate as (SelfSubjectReview), null when the server cannot say. */
  whoAmI(): Promise<string | null>;
  /** Approvals on the rollouts of the workspace's namespaces. */
  approvals(): Promise<RolloutApproval[]>;
  request(ref: RolloutRef, input: { action: RolloutAction; by: string; reason: string }): Promise<RolloutApproval>;
  /** Refused (conflict) by the requester, for a stale request, or when there is none. */
  approve(ref: RolloutRef, by: string): Promise<RolloutApproval>;
  /** The approval on this rollout for this action, if one is valid now (approved, not stale, another person). */
  validApproval(ref: RolloutRef, action: RolloutAction): Promise<RolloutApproval | null>;
  /** Remove the request and approval annotations (after the action ran, or to withdraw it). */
  clear(ref: RolloutRef): Promise<void>;
}
