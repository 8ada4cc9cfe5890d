import type { AuditSource } from '../../../src-shared/domain/audit';
import type { Rollout } from '../../../src-shared/domain/rollout';
import { RingsideError } from '../../../src-shared/ipc/result';
import type { BackendTracker } from '../backends';
import type { EventBus } from '../events';
import type { Clock, DeployProvider, RolloutRef } from '../ports';
import type { AuditQueries } from '../store/audit';
import type { Policy } from '../policy/actionPolicy';
import type { Workspace } from '../workspace';
import type { Gatekeeper } from './windowsService';

export type RolloutVerb = 'promote' | 'promoteFull' | 'abort' | 'retry' | 'pause';

export interface RolloutActor {
  actor: string;
  source: AuditSource;
  reason?: string;
  /** the reason to go ahead during a release blackout (promotions only) */
  blackoutOverride?: string;
  /** the caller already asked the release windows and the policy for this action (advancing a ring) */
  releaseChecked?: boolean;
  /** what made the guard act, kept in the audit beside the outcome */
  evidence?: unknown;
}

const ACTIONS: Record<RolloutVerb, { action: string; what: string; releases: boolean; confirmed: (r: Rollout) => boolean }> = {
  promote: { action: 'rollout.promoted', what: 'Promoting', releases: true, confirmed: () => true },
  promoteFull: { action: 'rollout.promotedFull', what: 'Fully promoting', releases: true, confirmed: (r) => r.promoteFull || r.canaryWeight === 100 },
  abort: { action: 'rollout.aborted', what: 'Aborting', releases: false, confirmed: (r) => r.aborted },
  retry: { action: 'rollout.retried', what: 'Retrying', releases: false, confirmed: (r) => !r.aborted },
  pause: { action: 'rollout.paused', what: 'Pausing', releases: false, confirmed: (r) => r.paused || r.specPaused },
};

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Rollout actions from the console or the guard. Each writes its intent to the audit before
 * calling the controller and its outcome after; promotions are releases and ask the release
 * windows first, aborts never do.
 */
/** What a release action on a rollout needs: the workspace, the audit, the backends, the release windows. */
export interface RolloutActionContext {
  workspace: Workspace;
  audit: AuditQueries;
  backends: BackendTracker;
  bus: EventBus;
  clock: Clock;
  gate: Gatekeeper;
  /** Profiles, four-eyes and break-glass (core/policy); absent in tests of the actions alone. */
  policy?: Policy;
}

export function createRolloutActions(ctx: RolloutActionContext) {
  const provider = (): DeployProvider => {
    if (!ctx.workspace.deploy) throw new RingsideError('unavailable', 'No deploy backend is configured for this workspace.');
    return ctx.workspace.deploy;
  };

  async function act(verb: RolloutVerb, ref: RolloutRef, who: RolloutActor): Promise<Rollout> {
    const spec = ACTIONS[verb];
    const deploy = provider();
    const approval = who.releaseChecked ? null : ((await ctx.policy?.beforeRollout(verb, ref, who)) ?? null);
    if (spec.releases && !who.releaseChecked) ctx.gate.check(`${spec.what} ${ref.namespace}/${ref.name}`, who.blackoutOverride, who.actor);
    const base = {
      source: who.source,
      actor: who.actor,
      workspace: ctx.workspace.id,
      environment: null,
      objectType: 'rollout' as const,
      objectId: ref.name,
      reason: who.reason ?? null,
    };
    const intentId = ctx.audit.append({
      ...base,
      time: ctx.clock.now(),
      action: `${spec.action}.requested`,
      before: { namespace: ref.namespace },
      after: who.evidence ? { evidence: who.evidence } : null,
      result: 'pending',
    });
    const outcome = (result: string, after: unknown) =>
      ctx.audit.append({ ...base, time: ctx.clock.now(), action: spec.action, before: { namespace: ref.namespace }, after, result });
    let outcomeWritten = false;
    let accepted = false;
    try {
      const rollout = await ctx.backends.track('deploy', () => deploy[verb](ref));
      accepted = true;
      const state = { intentId, phase: rollout.phase, canaryWeight: rollout.canaryWeight, aborted: rollout.aborted, paused: rollout.paused };
      if (rollout.unconfirmed) {
        outcome('unconfirmed', { ...state, phaseConfirmed: false, note: rollout.unconfirmed });
        outcomeWritten = true;
        throw new RingsideError(
          'timeout',
          `${spec.what} ${ref.namespace}/${ref.name} was accepted, but ${rollout.unconfirmed}: the phase it last reported (${rollout.phase}) is unconfirmed. Reload in a moment to see its answer.`,
        );
      }
      if (!spec.confirmed(rollout)) {
        outcome('unconfirmed', state);
        outcomeWritten = true;
        throw new RingsideError('conflict', `The controller accepted ${verb} on ${ref.namespace}/${ref.name} but answers it unchanged (phase ${rollout.phase}); reload and check.`);
      }
      outcome('confirmed', who.evidence ? { ...state, evidence: who.evidence } : state);
      return rollout;
    } catch (error) {
      if (!outcomeWritten) outcome(`failed: ${message(error).slice(0, 500)}`, { intentId });
      throw error;
    } finally {
      // Accepted, even if not confirmed yet: the approval is used up and an abort is reviewed.
      if (accepted) await ctx.policy?.afterRollout(verb, ref, who, approval, who.reason ?? null);
      ctx.bus.emit('state:changed', { domain: 'rollouts' });
      ctx.bus.emit('state:changed', { domain: 'audit' });
    }
  }

  return { act };
}
export type RolloutActions = ReturnType<typeof createRolloutActions>;
