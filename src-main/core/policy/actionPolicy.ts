import type { AuditSource } from '../../../src-shared/domain/audit';
import type { Environment } from '../../../src-shared/domain/flag';
import type { RolloutApproval } from '../../../src-shared/domain/governance';
import type { PlanRun, ReleasePlan } from '../../../src-shared/domain/plan';
import type { EventBus } from '../events';
import type { Clock, RolloutRef } from '../ports';
import type { RolloutVerb } from '../rings/rolloutActions';
import type { AfterFactReviewQueries } from '../store/afterFactReviews';
import type { AuditQueries } from '../store/audit';
import type { Workspace } from '../workspace';
import { createBreakGlass } from './breakGlass';
import { createFourEyes } from './fourEyes';
import { createIdentities } from './identity';
import { createProfiles, DEPLOY, isBreakGlass, type PolicyAction, type PolicySettings } from './profiles';

export interface Who {
  actor: string;
  source: AuditSource;
}

/** The flag changes the core makes; each is one policy action. */
export type FlagChangeKind = Extract<PolicyAction, 'flag.on' | 'flag.off' | 'rollout.raise' | 'rollout.lower' | 'strategy.enable' | 'strategy.disable'>;

const VERB_ACTION: Record<RolloutVerb, PolicyAction> = {
  promote: 'rollout.promote',
  promoteFull: 'rollout.promote',
  abort: 'rollout.abort',
  retry: 'rollout.retry',
  pause: 'rollout.pause',
};
const FLAG_WORDS: Record<FlagChangeKind, string> = {
  'flag.on': 'turning {flag} on',
  'flag.off': 'turning {flag} off',
  'rollout.raise': 'raising the rollout of {flag}',
  'rollout.lower': 'lowering the rollout of {flag}',
  'strategy.enable': 'enabling a strategy of {flag}',
  'strategy.disable': 'disabling a strategy of {flag}',
};
const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const refName = (ref: RolloutRef) => `${ref.namespace}/${ref.name}`;

export interface PolicyDeps {
  workspace: Workspace;
  settings: PolicySettings;
  /** the flag listing's environments as the flag service holds them now */
  environments: () => Environment[];
  reviews: AfterFactReviewQueries;
  audit: AuditQueries;
  bus: EventBus;
  clock: Clock;
}

/**
 * The policy every action consults before its adapter is called (core/policy in DESIGN.md): the
 * profile in force (forbidden), a second person where releases need one (blocked), and afterwards
 * the break-glass review of a kill or roll-back where they do. The stop-the-line guard is not a
 * person: its kills and aborts are break-glass and always go ahead, reviewed like anyone's.
 */
export function createPolicy(deps: PolicyDeps) {
  const { workspace, settings, clock } = deps;
  const profiles = createProfiles(settings, deps.environments);
  const fourEyes = createFourEyes(workspace, settings, clock);
  const breakGlass = createBreakGlass({ workspace, reviews: deps.reviews, audit: deps.audit, bus: deps.bus, clock });
  const identities = createIdentities(workspace, clock);

  const requireAllowed = (action: PolicyAction, scope: string, who: Who | string) => {
    const person = typeof who === 'string' ? { actor: who, source: 'console' as const } : who;
    if (person.source === 'guard' && isBreakGlass(action)) return;
    profiles.requireAllowed(action, scope, person.actor);
  };

  /** A flag change: the profile, then (for a release) the server's change requests. Throws before anything is sent. */
  async function beforeFlag(kind: FlagChangeKind, flag: string, environment: string, who: Who): Promise<void> {
    requireAllowed(kind, environment, who);
    if (isBreakGlass(kind)) return;
    await fourEyes.requireDirectRelease(`${capital(FLAG_WORDS[kind].replace('{flag}', flag))} in ${environment}`, environment);
  }

  /** After a confirmed flag change: a kill where releases need a second person is reviewed after the fact. */
  async function afterFlag(kind: FlagChangeKind, flag: string, environment: string, who: Who, auditAction: string, reason: string | null) {
    // after the server confirmed: the kill's answer does not wait for the change-request rules to be read again
    if (!isBreakGlass(kind) || !(await fourEyes.flagNeededApproval(environment))) return;
    breakGlass.flag({ backend: 'flags', target: flag, environment, action: auditAction, actor: who.actor, source: who.source, reason });
  }

  const explainFlag = (error: unknown, kind: FlagChangeKind, flag: string, environment: string) =>
    fourEyes.explainRefusal(error, `${FLAG_WORDS[kind].replace('{flag}', flag)} in ${environment}`, environment, isBreakGlass(kind));

  /** A rollout action: the profile, then for a promotion a valid approval where deploys need one. */
  async function beforeRollout(verb: RolloutVerb, ref: RolloutRef, who: Who): Promise<RolloutApproval | null> {
    requireAllowed(VERB_ACTION[verb], DEPLOY, who);
    if (verb !== 'promote' && verb !== 'promoteFull') return null;
    return fourEyes.requireDeployApproval(ref, verb, `${verb === 'promote' ? 'Promoting' : 'Fully promoting'} ${refName(ref)}`);
  }

  /** The approval is used up once the release ran; clearing it failing is audited (a stale approval is void anyway). */
  async function released(ref: RolloutRef, approval: RolloutApproval | null, who: Who) {
    if (!approval) return;
    const failed = await fourEyes.used(ref);
    if (failed === null) return;
    deps.audit.append({
      time: clock.now(),
      source: who.source,
      actor: who.actor,
      workspace: workspace.id,
      environment: null,
      objectType: 'rollout',
      objectId: ref.name,
      action: 'rollout.approval.cleared',
      before: { namespace: ref.namespace, action: approval.action, approvedBy: approval.approvedBy },
      after: null,
      reason: null,
      result: `failed: ${failed.slice(0, 500)}`,
    });
  }

  async function afterRollout(verb: RolloutVerb, ref: RolloutRef, who: Who, approval: RolloutApproval | null, reason: string | null) {
    await released(ref, approval, who);
    if (verb === 'abort' && fourEyes.deployNeedsApproval()) {
      breakGlass.flag({ backend: 'deploy', target: refName(ref), environment: DEPLOY, action: 'rollout.aborted', actor: who.actor, source: who.source, reason });
    }
  }

  /**
   * Entering a plan's next ring, checked for every layer before any is touched: advance (and the
   * flag exposure) by the profile, the flag side against change requests, and the rollout step
   * against an approval where deploys need one. Answers that approval.
   */
  async function beforeAdvance(plan: ReleasePlan, run: PlanRun, who: Who): Promise<RolloutApproval | null> {
    const ring = plan.rings[run.ring + 1];
    if (!ring) return null;
    requireAllowed('plan.advance', DEPLOY, who);
    const what = `Advancing ${plan.name} to ${ring.name}`;
    if (ring.exposure && plan.flag && workspace.flags) {
      requireAllowed('flag.on', plan.environment, who);
      await fourEyes.requireDirectRelease(`${what} (exposing ${plan.flag} in ${plan.environment})`, plan.environment);
    }
    const weight = run.rollout?.canaryWeight ?? null;
    const promotes = ring.weight !== null && plan.rollout !== null && workspace.deploy !== null && (weight === null || weight < ring.weight);
    return promotes ? fourEyes.requireDeployApproval(plan.rollout!, 'advance', what) : null;
  }

  return {
    profiles,
    fourEyes,
    breakGlass,
    identities,
    settings,
    requireAllowed,
    beforeFlag,
    afterFlag,
    explainFlag,
    beforeRollout,
    afterRollout,
    released,
    beforeAdvance,
  };
}
export type Policy = ReturnType<typeof createPolicy>;
