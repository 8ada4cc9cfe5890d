import type { FeatureTypeInfo, Flag, FlagEnvironmentState, FlagTag } from '../../../src-shared/domain/flag';
import type { DebtReason, FlagChange, FlagDebtRow } from '../../../src-shared/domain/flagDebt';

const DAY = 86_400_000;
/** Unleash's own threshold for a flag that has been fully released and should be cleaned up. */
export const FULL_EXPOSURE_DAYS = 40;
const TEMPORARY = new Set(['release', 'experiment']);

/** Fully on: enabled, and some enabled strategy without constraints serves everyone (no rollout, or 100 %). */
export function isFullyOn(state: FlagEnvironmentState): boolean {
  if (!state.enabled) return false;
  if (state.strategies.length === 0) return true;
  return state.strategies.some((s) => !s.disabled && s.constraintCount === 0 && (s.rollout === null || s.rollout >= 100));
}

/** A tag's value by key, from a typed tag (`owner` / `team-a`) or a simple one (`simple` / `owner:team-a`). */
export function tagValue(tags: FlagTag[], key: string): string | null {
  for (const tag of tags) {
    if (tag.type === key && tag.value) return tag.value;
    if (tag.value.startsWith(`${key}:`) && tag.value.length > key.length + 1) return tag.value.slice(key.length + 1);
  }
  return null;
}

export interface DebtInput {
  flags: Flag[];
  productionEnvironments: string[];
  types: FeatureTypeInfo[];
  /** latest exposure change per flag and environment, from the audit (console and server events) */
  changes: FlagChange[];
  now: number;
}

/** The debt board: each flag's figures and the reasons it should be looked at, most reasons first. */
export function computeFlagDebt(input: DebtInput): FlagDebtRow[] {
  const lifetime = new Map(input.types.map((t) => [t.id, t.lifetimeDays]));
  const lastChange = new Map(input.changes.map((c) => [`${c.flag}\u0000${c.environment}`, c.at]));
  const rows = input.flags.map((flag): FlagDebtRow => {
    const ageDays = (input.now - flag.createdAt) / DAY;
    const lifetimeDays = lifetime.get(flag.type) ?? null;
    const temporary = TEMPORARY.has(flag.type);
    let daysAtFull: number | null = null;
    for (const env of flag.environments) {
      if (!input.productionEnvironments.includes(env.environment) || !isFullyOn(env)) continue;
      const since = lastChange.get(`${flag.name}\u0000${env.environment}`) ?? flag.createdAt;
      daysAtFull = Math.max(daysAtFull ?? 0, (input.now - since) / DAY);
    }
    const owner = tagValue(flag.tags, 'owner');
    const expires = tagValue(flag.tags, 'expires');
    const expiresAt = expires ? Date.parse(expires) : Number.NaN;
    const reasons: DebtReason[] = [];
    if (lifetimeDays !== null && ageDays > lifetimeDays) reasons.push('past-lifetime');
    if (temporary && daysAtFull !== null && daysAtFull > FULL_EXPOSURE_DAYS) reasons.push('full-exposure-40d');
    if (!owner) reasons.push('no-owner');
    if (!Number.isNaN(expiresAt) && expiresAt < input.now) reasons.push('past-expiry');
    return {
      flag: flag.name,
      type: flag.type,
      temporary,
      lifetimeDays,
      ageDays: round(ageDays),
      daysAtFull: daysAtFull === null ? null : round(daysAtFull),
      owner,
      expires,
      reasons,
    };
  });
  return rows.sort((a, b) => b.reasons.length - a.reasons.length || b.ageDays - a.ageDays);
}

const round = (n: number) => Math.round(n * 10) / 10;
