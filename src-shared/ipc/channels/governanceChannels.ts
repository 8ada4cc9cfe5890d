import { z } from 'zod';
import { AfterFactReview, CapabilityCheck, FlagChangeRequest, RolloutAction, RolloutApproval, ScopePolicy } from '../../domain/governance';
import { RolloutRef } from '../../domain/plan';
import { Empty, EnvName, FlagName, Reason, SafeText, type ChannelDef } from './fields';

/** Permissions, profiles, four-eyes and break-glass in the active workspace. */
export const governanceChannels = {
  'policy:get': {
    doc:
      'What the person at the console may do here: the profile and four-eyes rule per environment (and for deploys), and what ' +
      "the servers say the credentials may do (Unleash's token permissions, Kubernetes SelfSubjectAccessReview per namespace).",
    request: z.object({ refresh: z.boolean().optional() }).strict(),
    response: z.object({
      scopes: z.array(ScopePolicy),
      capabilities: z.array(CapabilityCheck),
      /** who the servers say the credentials belong to; null where a server cannot say */
      identity: z.object({ flags: z.string().nullable(), deploy: z.string().nullable() }),
      checkedAt: z.number().nullable(),
      /** why a part could not be read (server down, API missing), in words */
      notices: z.array(z.string()),
    }),
  },
  'changes:list': {
    doc: "Releases waiting for a second person: the flag server's pending change requests and the approvals on rollouts.",
    request: Empty,
    response: z.object({
      flagRequests: z.array(FlagChangeRequest),
      rolloutApprovals: z.array(RolloutApproval),
      /** which kinds this workspace's servers support */
      available: z.object({ flags: z.boolean(), deploy: z.boolean() }),
      notices: z.array(z.string()),
    }),
  },
  'changes:requestFlag': {
    doc: 'Ask for a flag change through the flag server’s change requests (where the environment requires them). Audited.',
    request: z.object({ flag: FlagName, environment: EnvName, enabled: z.boolean(), reason: Reason }).strict(),
    response: FlagChangeRequest,
  },
  'changes:reviewFlag': {
    doc: 'Approve, reject, apply or cancel a flag change request; the server refuses an approval by its author. Audited.',
    request: z.object({ id: SafeText.min(1).max(64), state: z.enum(['Approved', 'Rejected', 'Applied', 'Cancelled']), reason: Reason.optional() }).strict(),
    response: FlagChangeRequest,
  },
  'changes:requestRollout': {
    doc: 'Ask a second person to approve a rollout action (recorded as annotations on the Rollout, for its current generation). Audited.',
    request: z.object({ rollout: RolloutRef, action: RolloutAction, reason: Reason }).strict(),
    response: RolloutApproval,
  },
  'changes:approveRollout': {
    doc: 'Approve the pending request on a rollout; refused for its requester and when the rollout changed since (stale). Audited.',
    request: z.object({ rollout: RolloutRef }).strict(),
    response: RolloutApproval,
  },
  'reviews:list': {
    doc: 'Break-glass actions (kills, roll-backs where releases need approval) waiting for someone else to acknowledge them.',
    request: z.object({ includeAcknowledged: z.boolean().optional() }).strict(),
    response: z.object({ reviews: z.array(AfterFactReview) }),
  },
  'reviews:acknowledge': {
    doc: 'Acknowledge a break-glass action after the fact; refused for the person who took it. Audited.',
    request: z.object({ id: z.number().int().positive(), note: SafeText.trim().max(2000).optional() }).strict(),
    response: AfterFactReview,
  },
} as const satisfies Record<`${string}:${string}`, ChannelDef>;
