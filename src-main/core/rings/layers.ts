/**
 * The two layers a ring acts on: the deploy (the rollout's canary weight) and the flag (its
 * exposure in the plan's environment). Entering a ring widens both; rolling back narrows both
 * at once, each attempted whatever happens to the other.
 */
import type { AuditSource } from '../../../src-shared/domain/audit';
import type { LayerResult, ReleasePlan, Ring } from '../../../src-shared/domain/plan';
import { RingsideError } from '../../../src-shared/ipc/result';
import type { BackendTracker } from '../backends';
import type { createFlagActions } from '../flags/flagActions';
import type { Workspace } from '../workspace';
import type { RolloutActions } from './rolloutActions';

export type FlagActions = ReturnType<typeof createFlagActions>;
export type { LayerResult };

export interface Actor {
  actor: string;
  source: AuditSource;
  reason: string;
  evidence?: unknown;
}


export interface LayerDeps {
  workspace: Workspace;
  backends: BackendTracker;
  rollouts: RolloutActions;
  /** flag actions recorded under this actor and source */
  flagsAs(actor: string, source: AuditSource): FlagActions;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Widen both layers to the ring: promote the rollout once when it is below the ring's weight, then expose the flag. */
export async function enterLayers(deps: LayerDeps, plan: ReleasePlan, ring: Ring, currentWeight: number | null, who: Actor, blackoutOverride?: string) {
  const done: string[] = [];
  if (ring.weight !== null && plan.rollout && deps.workspace.deploy) {
    if (currentWeight === null || currentWeight < ring.weight) {
      await deps.rollouts.act('promote', plan.rollout, { ...who, blackoutOverride, releaseChecked: true });
      done.push(`promoted ${plan.rollout.namespace}/${plan.rollout.name} toward ${ring.weight} %`);
    }
  }
  const flagProvider = deps.workspace.flags;
  if (ring.exposure && plan.flag && flagProvider) {
    const flags = deps.flagsAs(who.actor, who.source);
    const state = await deps.backends.track('flags', () => flagProvider.readState(plan.flag!, plan.environment));
    if (!state.enabled) {
      await flags.setEnabled({ flag: plan.flag, environment: plan.environment, enabled: true, reason: who.reason });
      done.push(`turned ${plan.flag} on in ${plan.environment}`);
    }
    const target = ring.exposure.rollout;
    if (target !== null) {
      const strategy = ring.exposure.strategyId
        ? state.strategies.find((s) => s.id === ring.exposure!.strategyId)
        : state.strategies.find((s) => s.rollout !== null);
      if (!strategy || strategy.rollout === null) {
        throw new RingsideError(
          'conflict',
          `${plan.flag} has no gradual-rollout strategy${ring.exposure.strategyId ? ` ${ring.exposure.strategyId}` : ''} in ${plan.environment} for ${ring.name}'s ${target} %. Add one in the flag server or change the ring.`,
        );
      }
      if (strategy.rollout !== target) {
        await flags.setRollout({ flag: plan.flag, environment: plan.environment, strategyId: strategy.id, rollout: target, reason: who.reason });
        done.push(`set ${plan.flag} to ${target} % in ${plan.environment}`);
      }
    }
  }
  return done;
}

/** Abort the rollout and kill the flag together; one layer failing never stops the other. */
export async function rollbackLayers(deps: LayerDeps, plan: ReleasePlan, who: Actor): Promise<LayerResult[]> {
  const attempts: Promise<LayerResult>[] = [];
  if (plan.rollout && deps.workspace.deploy) {
    const ref = plan.rollout;
    const target = `${ref.namespace}/${ref.name}`;
    attempts.push(
      deps.rollouts.act('abort', ref, { ...who }).then(
        (r) => ({ layer: 'rollout', target, ok: true, message: `aborted: all traffic back to stable (phase ${r.phase})` }),
        (error: unknown) => ({ layer: 'rollout', target, ok: false, message: message(error) }),
      ),
    );
  }
  if (plan.flag && deps.workspace.flags) {
    const flag = plan.flag;
    attempts.push(
      deps
        .flagsAs(who.actor, who.source)
        .setEnabled({ flag, environment: plan.environment, enabled: false, reason: who.reason })
        .then(
          () => ({ layer: 'flag', target: flag, ok: true, message: `off in ${plan.environment}, confirmed by read-back` }),
          (error: unknown) => ({ layer: 'flag', target: flag, ok: false, message: message(error) }),
        ),
    );
  }
  return Promise.all(attempts);
}
