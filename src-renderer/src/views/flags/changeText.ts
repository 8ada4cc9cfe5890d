import type { FlagChange } from '../../../../src-shared/domain/flagDebt';
import { formatAge } from '../../format/age';

const changeVerbs: Record<string, string> = {
  'flag.enabled': 'on',
  'flag.disabled': 'off',
  'flag.strategy.updated': 'rollout changed',
  'flag.strategy.enabled': 'audience added',
  'flag.strategy.disabled': 'audience removed',
};

/** What an audited flag action did, in a word or two: "off", "rollout changed". */
export const changeVerb = (action: string): string => changeVerbs[action] ?? action;

/** "off by ana.ribeiro 3 min ago" */
export function describeChange(change: FlagChange, now: number): string {
  return `${changeVerb(change.action)} by ${change.by} ${formatAge(now - change.at)} ago`;
}
