import { z } from 'zod';
import { RolloutRef } from './plan';
import { Profile } from './workspaceConfig';

/** Actions the credentials are checked for, by the servers' own RBAC. */
export const Capability = z.enum(['flags.toggle', 'flags.strategy', 'rollouts.patch', 'analysistemplates.create']);
export type Capability = z.infer<typeof Capability>;

/** One answer of a server about what these credentials may do in one scope (an environment or a namespace). */
export const CapabilityCheck = z.object({
  capability: Capability,
  /** the environment (flags) or namespace (deploy) it applies to; '*' for everywhere */
  scope: z.string(),
  allowed: z.boolean(),
  /** why not, in words, when not allowed or unknown */
  reason: z.string().nullable(),
  /** the server's name for the permission (Unleash UPDATE_FEATURE_ENVIRONMENT, Kubernetes "patch rollouts.argoproj.io") */
  permission: z.string().optional(),
});
export type CapabilityCheck = z.infer<typeof CapabilityCheck>;

/** The profile in force in one scope and whether releases there need a second person. */
export const ScopePolicy = z.object({
  /** a flag environment name, or 'deploy' for rollouts, rings and gates */
  scope: z.string(),
  profile: Profile,
  production: z.boolean(),
  /** releases here need a second person (the server's change requests, or Ringside's rollout approvals) */
  fourEyes: z.boolean(),
});
export type ScopePolicy = z.infer<typeof ScopePolicy>;

/** Unleash change-request states, as its API spells them. */
export const ChangeRequestState = z.enum(['Draft', 'In review', 'Approved', 'Applied', 'Cancelled', 'Rejected', 'Scheduled']);
export type ChangeRequestState = z.infer<typeof ChangeRequestState>;

/** A flag change waiting for, or past, a second person's approval, kept by the flag server. */
export const FlagChangeRequest = z.object({
  id: z.string(),
  flag: z.string(),
  environment: z.string(),
  /** what it does when applied */
  enabled: z.boolean(),
  state: ChangeRequestState,
  requestedBy: z.string(),
  requestedAt: z.number().nullable(),
  approvedBy: z.array(z.string()),
});
export type FlagChangeRequest = z.infer<typeof FlagChangeRequest>;

export const RolloutAction = z.enum(['promote', 'promoteFull', 'advance', 'installGate']);
export type RolloutAction = z.infer<typeof RolloutAction>;

/** A rollout action waiting for, or given, a second person's approval, kept as annotations on the Rollout. */
export const RolloutApproval = z.object({
  rollout: RolloutRef,
  action: RolloutAction,
  /** metadata.generation the request was made for: any spec change since voids it */
  generation: z.number().int(),
  requestedBy: z.string(),
  requestedAt: z.number(),
  reason: z.string(),
  approvedBy: z.string().nullable(),
  approvedAt: z.number().nullable(),
  /** the rollout changed since the request (its generation moved): the approval no longer counts */
  stale: z.boolean(),
});
export type RolloutApproval = z.infer<typeof RolloutApproval>;

/** A break-glass action (a kill or roll-back where releases need approval), listed until someone else acknowledges it. */
export const AfterFactReview = z.object({
  id: z.number().int(),
  /** 'flags' or 'deploy' */
  backend: z.enum(['flags', 'deploy']),
  /** flag name or namespace/name */
  target: z.string(),
  environment: z.string(),
  action: z.string(),
  actor: z.string(),
  at: z.number(),
  reason: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
  acknowledgedAt: z.number().nullable(),
  note: z.string().nullable(),
});
export type AfterFactReview = z.infer<typeof AfterFactReview>;
