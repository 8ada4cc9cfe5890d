import type { Flag, FlagEnvironmentState } from '../../../src-shared/domain/flag';
import type { FlagSummary } from '../ports';

export const cellKey = (flag: string, environment: string) => `${flag}\u0000${environment}`;

/** A state the server read back after a console change, and when: no read begun before it may undo it. */
export interface ConfirmedCell {
  at: number;
  state: FlagEnvironmentState;
}

/**
 * A flag as a read that started at `startedAt` saw it, with every cell the console confirmed
 * after that moment kept as confirmed: a slow listing that began before a kill landed must not
 * show the flag on again.
 */
export function keepConfirmed(flag: Flag, startedAt: number, confirmed: ReadonlyMap<string, ConfirmedCell>): Flag {
  if (confirmed.size === 0) return flag;
  let changed = false;
  const environments = flag.environments.map((env) => {
    const cell = confirmed.get(cellKey(flag.name, env.environment));
    if (!cell || cell.at <= startedAt) return env;
    changed = true;
    return cell.state;
  });
  return changed ? { ...flag, environments } : flag;
}

/**
 * The flags whose cheap summary disagrees with the cached flag, so their strategies must be
 * re-read: new flags, and cells whose on/off or (enabled) strategies differ. A rollout moved from
 * 25 % to 50 % does not show in a summary; the event log names those flags.
 */
export function summaryDiffers(summary: FlagSummary, cached: Flag | undefined): boolean {
  if (!cached) return true;
  for (const env of summary.environments) {
    const had = cached.environments.find((e) => e.environment === env.environment);
    if (!had || had.enabled !== env.enabled) return true;
    if (env.hasStrategies !== null && env.hasStrategies !== had.strategies.length > 0) return true;
    if (env.hasEnabledStrategies !== null && env.hasEnabledStrategies !== had.strategies.some((s) => !s.disabled)) return true;
  }
  return cached.environments.length !== summary.environments.length;
}

/** A summary over the cached flag's strategies (only called when they agree). */
export function fromSummary(summary: FlagSummary, cached: Flag): Flag {
  return { ...summary, environments: cached.environments };
}

export const byName = (a: Flag, b: Flag) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
