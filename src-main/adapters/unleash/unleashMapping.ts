import type { FlagEnvironmentState, FlagServerEvent, FlagType } from '../../../src-shared/domain/flag';
import type { UnleashEvent, UnleashStrategy } from './schemas';

const FLAG_TYPES = new Set<FlagType>(['release', 'experiment', 'operational', 'kill-switch', 'permission']);

/** Unleash's flag type, or release for a custom type Ringside does not know. */
export const flagTypeOf = (type: string | null | undefined): FlagType =>
  FLAG_TYPES.has(type as FlagType) ? (type as FlagType) : 'release';

export function toServerEvent(e: UnleashEvent): FlagServerEvent {
  return {
    id: e.id,
    type: e.type,
    createdBy: e.createdBy ?? 'unknown',
    createdAt: Date.parse(e.createdAt),
    flag: e.featureName ?? null,
    environment: e.environment ?? null,
    data: e.data ?? null,
    preData: e.preData ?? null,
  };
}

export function toEnvironmentState(env: { name: string; enabled: boolean; strategies?: UnleashStrategy[] | null }): FlagEnvironmentState {
  return {
    environment: env.name,
    enabled: env.enabled,
    strategies: (env.strategies ?? []).map((s) => ({
      id: s.id,
      name: s.name,
      rollout: rolloutOf(s),
      constraintCount: (s.constraints?.length ?? 0) + (s.segments?.length ?? 0),
      ...(s.title ? { title: s.title } : {}),
      disabled: s.disabled ?? false,
    })),
  };
}

function rolloutOf(strategy: UnleashStrategy): number | null {
  if (strategy.name !== 'flexibleRollout') return null;
  const value = Number(strategy.parameters?.rollout);
  return Number.isFinite(value) && value >= 0 && value <= 100 ? value : null;
}
