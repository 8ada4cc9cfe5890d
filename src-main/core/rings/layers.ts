/**
 * The two layers a ring acts on: the deploy (the rollout's canary weight) and the flag (its
 * exposure in the plan's environment). Entering a ring widens both; rolling back narrows both
 * at once, each attempted whatever happens to the other.
 */
import type { AuditSource } from '../../../src-shared/domain/audit';
import type { FlagStrategy } from '../../../src-shared/domain/flag';
import type { FlagExposure, LayerResult, ReleasePlan } from '../../../src-shared/domain/plan';
import type { Rollout } from '../../../src-shared/domain/rollout';
import { RingsideError } from '../../../src-shared/ipc/result';
import type { BackendTracker } from '../backends';
import type { createFlagActions } from '../flags/flagActions';
import type { Workspace } from '../workspace';
import { ringStrategies, type RingStrategy } from './ringStrategies';
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

/**
 * Widen both layers to ring `index`: promote the rollout once when it is below the ring's weight,
 * then expose the flag. Answers what was done and the rollout as the controller answered the
 * promotion, so the plan never shows an older reading than its own action.
 */
export async function enterLayers(deps: LayerDeps, plan: ReleasePlan, index: number, currentWeight: number | null, who: Actor, blackoutOverride?: string) {
  const ring = plan.rings[index];
  if (!ring) throw new RingsideError('not_found', `${plan.name} has no ring ${index}.`);
  const done: string[] = [];
  let rollout: Rollout | null = null;
  if (ring.weight !== null && plan.rollout && deps.workspace.deploy) {
    if (currentWeight === null || currentWeight < ring.weight) {
      rollout = await deps.rollouts.act('promote', plan.rollout, { ...who, blackoutOverride, releaseChecked: true });
      done.push(`promoted ${plan.rollout.namespace}/${plan.rollout.name} toward ${ring.weight} %`);
    }
  }
  if (ring.exposure && plan.flag && deps.workspace.flags) done.push(...(await exposeFlag(deps, plan, index, who)));
  return { done, rollout };
}

const strategyLabel = (s: FlagStrategy) => (s.title ? `"${s.title}"` : s.id);

/**
 * The flag side of entering a ring. Order is what keeps later audiences dark: every check comes
 * before any write; later rings' strategies are disabled first, the percentage is set next, then
 * this ring's (and earlier rings') strategies are enabled, and only then is the flag turned on,
 * so no audience beyond the ring is exposed even for a moment.
 */
async function exposeFlag(deps: LayerDeps, plan: ReleasePlan, index: number, who: Actor): Promise<string[]> {
  const flag = plan.flag!;
  const provider = deps.workspace.flags!;
  const ring = plan.rings[index]!;
  const exposure = ring.exposure!;
  const env = plan.environment;
  const flags = deps.flagsAs(who.actor, who.source);
  const done: string[] = [];
  let state = await deps.backends.track('flags', () => provider.readState(flag, env));

  const { enable, disable } = ringStrategies(plan.rings, index);
  const byId = new Map(state.strategies.map((s) => [s.id, s]));
  const missing = [...enable, ...disable].find((s) => !byId.has(s.id));
  if (missing) {
    throw new RingsideError(
      'conflict',
      `${flag} has no strategy ${missing.id} in ${env}, which ${missing.ring} names for its audience. Choose ${missing.ring}'s strategies again in the plan's settings.`,
    );
  }
  const gradual = exposure.rollout === null ? null : rolloutStrategy(state.strategies, exposure);
  if (exposure.rollout !== null && (!gradual || gradual.rollout === null)) {
    throw new RingsideError(
      'conflict',
      `${flag} has no gradual-rollout strategy${exposure.strategyId ? ` ${exposure.strategyId}` : ''} in ${env} for ${ring.name}'s ${exposure.rollout} %. Add one in the flag server or change the ring.`,
    );
  }
  const enabling = enable.filter((s) => byId.get(s.id)!.disabled);
  const stillDisabled = new Set(state.strategies.filter((s) => s.disabled && !enabling.some((e) => e.id === s.id)).map((s) => s.id));
  for (const s of disable) stillDisabled.add(s.id);
  // Unleash turns a flag off when all its strategies are disabled, and answers "on" then by adding a
  // default strategy for everyone: a ring that leaves none enabled cannot be entered safely.
  if (state.strategies.length > 0 && state.strategies.every((s) => stillDisabled.has(s.id))) {
    throw new RingsideError(
      'conflict',
      `Every strategy of ${flag} in ${env} would be disabled in ${ring.name}; turning it on then makes Unleash add a default strategy that exposes everyone. Name ${ring.name}'s strategy in the plan's settings.`,
    );
  }

  const toggle = async (step: RingStrategy, enabled: boolean) => {
    state = (await flags.setStrategyEnabled({ flag, environment: env, strategyId: step.id, enabled, reason: who.reason })).state;
    done.push(`${enabled ? 'enabled' : 'disabled'} strategy ${strategyLabel(byId.get(step.id)!)} (${step.ring}) of ${flag} in ${env}`);
  };
  for (const step of disable) if (!byId.get(step.id)!.disabled) await toggle(step, false);
  if (gradual && exposure.rollout !== null && gradual.rollout !== exposure.rollout) {
    await flags.setRollout({ flag, environment: env, strategyId: gradual.id, rollout: exposure.rollout, reason: who.reason });
    done.push(`set ${flag} to ${exposure.rollout} % in ${env}`);
  }
  for (const step of enabling) await toggle(step, true);
  // `state` is the last read-back: it shows the flag off if Unleash turned it off along the way.
  if (!state.enabled) {
    await flags.setEnabled({ flag, environment: env, enabled: true, reason: who.reason });
    done.push(`turned ${flag} on in ${env}`);
  }
  return done;
}

/** The strategy whose percentage a ring sets: the one it names, else its own, else the first enabled gradual rollout. */
function rolloutStrategy(strategies: FlagStrategy[], exposure: FlagExposure): FlagStrategy | undefined {
  if (exposure.strategyId) return strategies.find((s) => s.id === exposure.strategyId);
  const own = new Set(exposure.strategyIds ?? []);
  const gradual = strategies.filter((s) => s.rollout !== null);
  return gradual.find((s) => own.has(s.id)) ?? gradual.find((s) => !s.disabled) ?? gradual[0];
}

/** Abort the rollout and kill the flag together; one layer failing never stops the other. Answers the abort's reading too. */
export async function rollbackLayers(deps: LayerDeps, plan: ReleasePlan, who: Actor): Promise<{ layers: LayerResult[]; rollout: Rollout | null }> {
  const attempts: Promise<LayerResult>[] = [];
  let rollout: Rollout | null = null;
  if (plan.rollout && deps.workspace.deploy) {
    const ref = plan.rollout;
    const target = `${ref.namespace}/${ref.name}`;
    attempts.push(
      deps.rollouts.act('abort', ref, { ...who }).then(
        (r) => {
          rollout = r;
          return { layer: 'rollout', target, ok: true, message: `aborted: all traffic back to stable (phase ${r.phase})` };
        },
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
  const layers = await Promise.all(attempts);
  return { layers, rollout };
}
