import type { Capability, CapabilityCheck } from '../../../src-shared/domain/governance';
import type { Profile } from '../../../src-shared/domain/workspaceConfig';
import type { PolicyAnswer } from './slices/policySlice';

/**
 * Mirrors of the core's decisions, so a control it would refuse is disabled with the reason
 * beside it. The core decides (and refuses with `forbidden` whatever the profile does not allow);
 * while the policy is unknown nothing is disabled here and the core's answer is shown instead.
 */
export type Permit = { allowed: true } | { allowed: false; reason: string };

export type FlagAction = 'kill' | 'turnOn' | 'raise' | 'lower';
export type DeployAction = 'advance' | 'promote' | 'installGate' | 'halt' | 'rollback';

const ALLOWED: Permit = { allowed: true };
const rank: Record<Profile, number> = { viewer: 0, operator: 1, releaser: 2 };

/** Break-glass (kill, lower, halt, roll back) needs an operator; releasing needs a releaser. */
const needs: Record<FlagAction | DeployAction, Profile> = {
  kill: 'operator',
  lower: 'operator',
  halt: 'operator',
  rollback: 'operator',
  turnOn: 'releaser',
  raise: 'releaser',
  advance: 'releaser',
  promote: 'releaser',
  installGate: 'releaser',
};

const flagCapability: Record<FlagAction, Capability> = { kill: 'flags.toggle', turnOn: 'flags.toggle', raise: 'flags.strategy', lower: 'flags.strategy' };
const deployCapability: Record<DeployAction, Capability> = {
  advance: 'rollouts.patch',
  promote: 'rollouts.patch',
  halt: 'rollouts.patch',
  rollback: 'rollouts.patch',
  installGate: 'analysistemplates.create',
};

const operatorMay: Record<Exclude<FlagAction | DeployAction, 'kill' | 'lower' | 'halt' | 'rollback'>, string> = {
  turnOn: 'may kill, not turn on',
  raise: 'may kill and lower a rollout, not raise it',
  advance: 'may halt and roll back, not advance a ring',
  promote: 'may halt and roll back, not promote a rollout',
  installGate: 'may halt and roll back, not install a gate',
};

const profileWord: Record<Profile, string> = { viewer: 'Viewer', operator: 'Operator', releaser: 'Releaser' };

function profilePermit(profile: Profile | undefined, action: FlagAction | DeployAction, where: string): Permit {
  if (!profile || rank[profile] >= rank[needs[action]]) return ALLOWED;
  if (profile === 'viewer') return { allowed: false, reason: `Viewer profile ${where}: read only.` };
  return { allowed: false, reason: `${profileWord[profile]} profile ${where}: ${operatorMay[action as keyof typeof operatorMay]}.` };
}

/** A server's refusal in words, with the permission as the server names it. */
export function capabilityReason(check: CapabilityCheck): string {
  const why = check.reason ?? `The server does not allow ${check.capability} in ${check.scope === '*' ? 'any scope' : check.scope}`;
  const trimmed = why.replace(/[.\s]+$/, '');
  return check.permission ? `${trimmed} (permission ${check.permission}).` : `${trimmed}.`;
}

function deniedCapability(policy: PolicyAnswer, capability: Capability, scope: string | null): CapabilityCheck | undefined {
  return policy.capabilities.find((c) => c.capability === capability && !c.allowed && (c.scope === '*' || (scope !== null && c.scope === scope)));
}

/** May the person turn a flag on or off, or change its rollout, in one environment? */
export function flagPermit(policy: PolicyAnswer | null, environment: string, action: FlagAction): Permit {
  if (!policy) return ALLOWED;
  const scope = policy.scopes.find((s) => s.scope === environment);
  const byProfile = profilePermit(scope?.profile, action, `in ${environment}`);
  if (!byProfile.allowed) return byProfile;
  const denied = deniedCapability(policy, flagCapability[action], environment);
  return denied ? { allowed: false, reason: capabilityReason(denied) } : ALLOWED;
}

/**
 * May the person act on a rollout, ring or gate? Rollouts, rings and gates share one profile
 * ('deploy'); the Kubernetes answer is per namespace, and a ring advance also widens its flag.
 */
export function deployPermit(
  policy: PolicyAnswer | null,
  action: DeployAction,
  where: { namespace?: string | null; flagEnvironment?: string | null } = {},
): Permit {
  if (!policy) return ALLOWED;
  const scope = policy.scopes.find((s) => s.scope === 'deploy');
  const byProfile = profilePermit(scope?.profile, action, 'for deploys');
  if (!byProfile.allowed) return byProfile;
  const denied = deniedCapability(policy, deployCapability[action], where.namespace ?? null);
  if (denied) return { allowed: false, reason: capabilityReason(denied) };
  // rings take the deploy profile, but the flag server's own answer for the flag still counts
  const flagDenied = action === 'advance' && where.flagEnvironment ? deniedCapability(policy, 'flags.strategy', where.flagEnvironment) : undefined;
  return flagDenied ? { allowed: false, reason: capabilityReason(flagDenied) } : ALLOWED;
}

/** The name of the Unleash permission a server that requires change requests says is missing. */
export const SKIP_CHANGE_REQUEST = 'SKIP_CHANGE_REQUEST';
