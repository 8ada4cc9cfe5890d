import type { FlagStrategy } from '../../../../src-shared/domain/flag';

/** What a person called the strategy in the flag server, else its kind ("flexibleRollout"). */
export const strategyName = (s: FlagStrategy): string => s.title || s.name;

/** "Employees · 1 constraint · 100 %": enough to tell a flag's strategies apart. */
export function strategySummary(s: FlagStrategy): string {
  const parts = [strategyName(s), `${s.constraintCount} ${s.constraintCount === 1 ? 'constraint' : 'constraints'}`];
  if (s.rollout !== null) parts.push(`${s.rollout} %`);
  return parts.join(' · ');
}
