import type { Flag } from '../../../src-shared/domain/flag';
import type { FlagDebtRow } from '../../../src-shared/domain/flagDebt';
import { flag } from './fixtures';

/** The name of flag number n (1-based) of a large fleet: forty services, numbered flags. */
export const fleetFlagName = (n: number) => `svc-${String(n % 40).padStart(2, '0')}.flag-${String(n).padStart(4, '0')}`;

/** `count` flags, on in both environments, tagged by team: a fleet at real-world size. */
export function manyFlags(count: number): Flag[] {
  return Array.from({ length: count }, (_, i) =>
    flag(fleetFlagName(i + 1), true, {
      description: `Turns feature ${i + 1} of svc-${i % 40} off in an incident`,
      tags: [{ type: 'team', value: `team-${i % 12}` }],
    }),
  );
}

/** `count` debt-board rows, each past its lifetime, the first oldest. */
export function manyDebtRows(count: number): FlagDebtRow[] {
  return Array.from({ length: count }, (_, i) => ({
    flag: fleetFlagName(i + 1),
    type: 'release' as const,
    temporary: true,
    lifetimeDays: 40,
    ageDays: 10_000 - i,
    daysAtFull: null,
    owner: `team-${i % 12}`,
    expires: null,
    reasons: ['past-lifetime' as const],
  }));
}
