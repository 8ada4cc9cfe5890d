import type { Environment } from '../../../src-shared/domain/flag';
import type { Profile, WorkspacePolicy } from '../../../src-shared/domain/workspaceConfig';
import { RingsideError } from '../../../src-shared/ipc/result';

/** The scope of rollouts, rings (release plans), gates and release windows; every other scope is a flag environment. */
export const DEPLOY = 'deploy';

/** What a workspace says about who may do what (Workspace.production and Workspace.policy). */
export interface PolicySettings {
  production?: boolean;
  policy?: WorkspacePolicy;
}

const RANK: Record<Profile, number> = { viewer: 0, operator: 1, releaser: 2 };

/**
 * Every mutating action the core knows, the least profile it needs and where it applies. Operator
 * takes exposure away (kills, lowering, aborting, holding); releaser also adds it. Pausing a
 * rollout and halting a plan only hold things where they stand, so an operator may: stopping
 * the line must never wait for a releaser. Plan and window edits change what a later release does
 * (auto-advance, a blackout lifted), so they need a releaser.
 */
export const ACTIONS = {
  'flag.off': { needs: 'operator', on: 'flags', words: 'turn a flag off' },
  'flag.killByTag': { needs: 'operator', on: 'flags', words: 'kill flags by tag' },
  'rollout.lower': { needs: 'operator', on: 'flags', words: 'lower a rollout percentage' },
  'strategy.disable': { needs: 'operator', on: 'flags', words: 'disable a strategy' },
  'flag.on': { needs: 'releaser', on: 'flags', words: 'turn a flag on' },
  'rollout.raise': { needs: 'releaser', on: 'flags', words: 'raise a rollout percentage' },
  'strategy.enable': { needs: 'releaser', on: 'flags', words: 'enable a strategy' },
  'change.review': { needs: 'operator', on: 'flags', words: 'reject or cancel a change request' },
  'rollout.abort': { needs: 'operator', on: 'deploy', words: 'abort a rollout' },
  'rollout.pause': { needs: 'operator', on: 'deploy', words: 'pause a rollout' },
  'plan.halt': { needs: 'operator', on: 'deploy', words: 'halt a release plan' },
  'plan.rollback': { needs: 'operator', on: 'deploy', words: 'roll back a release plan' },
  'rollout.promote': { needs: 'releaser', on: 'deploy', words: 'promote a rollout' },
  'rollout.retry': { needs: 'releaser', on: 'deploy', words: 'retry a rollout' },
  'plan.advance': { needs: 'releaser', on: 'deploy', words: 'advance a release plan to its next ring' },
  'plan.edit': { needs: 'releaser', on: 'deploy', words: 'create, change or reset a release plan' },
  'gate.install': { needs: 'releaser', on: 'deploy', words: 'install a health gate' },
  'windows.edit': { needs: 'releaser', on: 'deploy', words: 'change the release windows' },
} as const satisfies Record<string, { needs: Profile; on: 'flags' | 'deploy'; words: string }>;
export type PolicyAction = keyof typeof ACTIONS;

/** Kills and roll-backs: never held for a second person (break-glass), only for a profile below operator. */
export const isBreakGlass = (action: PolicyAction) => ACTIONS[action].needs === 'operator' && action !== 'change.review';

/**
 * The profile in force in one scope: the environment's own entry, else the workspace's default
 * profile, else operator for a production environment of a production workspace (and for one whose
 * type is not known yet there: the safe side), else releaser. Deploys: deployProfile, else the
 * default profile, else operator in a production workspace and releaser elsewhere.
 */
export function resolveProfile(settings: PolicySettings, scope: string, environmentType: string | null): Profile {
  const policy = settings.policy;
  if (scope === DEPLOY) return policy?.deployProfile ?? policy?.defaultProfile ?? (settings.production ? 'operator' : 'releaser');
  const named = policy && Object.hasOwn(policy.environments, scope) ? policy.environments[scope] : undefined;
  if (named) return named;
  if (policy?.defaultProfile) return policy.defaultProfile;
  if (settings.production && (environmentType === null || environmentType === 'production')) return 'operator';
  return 'releaser';
}

export const allows = (profile: Profile, action: PolicyAction) => RANK[profile] >= RANK[ACTIONS[action].needs];

const scopeWords = (scope: string) => (scope === DEPLOY ? 'deploys (rollouts, rings, gates)' : `environment ${scope}`);

/** The profiles of one workspace, read against the flag listing's environments (their types) as it is now. */
export function createProfiles(settings: PolicySettings, environments: () => Environment[]) {
  const typeOf = (name: string) => environments().find((e) => e.name === name)?.type ?? null;
  const profile = (scope: string): Profile => resolveProfile(settings, scope, scope === DEPLOY ? null : typeOf(scope));

  /** Throws `forbidden` when the profile in force in `scope` may not do `action`; `who` is named in the message. */
  function requireAllowed(action: PolicyAction, scope: string, who: string): void {
    const spec = ACTIONS[action];
    const where = spec.on === 'deploy' ? DEPLOY : scope;
    const held = profile(where);
    if (allows(held, action)) return;
    throw new RingsideError(
      'forbidden',
      `${who}: the ${held} profile in ${scopeWords(where)} may not ${spec.words}; ask for ${spec.needs} there in the workspace policy, ` +
        `or ask someone who has it.`,
    );
  }

  return {
    profile,
    requireAllowed,
    /** Whether the environment is a production one as the flag listing says (unknown: no). */
    isProductionEnvironment: (name: string) => typeOf(name) === 'production',
  };
}
export type Profiles = ReturnType<typeof createProfiles>;
