/** The plan a release gets when none was written for it: Ring 0 developers → Ring 3 everyone. */
import type { Release } from '../../../src-shared/domain/canary';
import type { ReleasePlan, Ring, RolloutRef } from '../../../src-shared/domain/plan';
import { RingsideError } from '../../../src-shared/ipc/result';

const MIN = 60_000;
const HOUR = 60 * MIN;

interface RingSpec {
  name: string;
  audience: string;
  /** the constraint or segment the flag's strategy carries for this ring */
  flagAudience: string;
  weight: number;
  bakeMs: number;
}

export const DEFAULT_RINGS: readonly RingSpec[] = [
  { name: 'Ring 0', audience: 'Developers', flagAudience: 'constraint: group IN developers', weight: 5, bakeMs: 30 * MIN },
  { name: 'Ring 1', audience: 'Employees', flagAudience: 'constraint: email ENDS_WITH company domain', weight: 25, bakeMs: 2 * HOUR },
  { name: 'Ring 2', audience: 'Beta users', flagAudience: 'segment: beta-program', weight: 50, bakeMs: 24 * HOUR },
  { name: 'Ring 3', audience: 'Everyone', flagAudience: 'gradual rollout 100 %', weight: 100, bakeMs: 2 * HOUR },
];

/**
 * Both layers when the release has both: the rollout's weight grows ring by ring while the flag's
 * audience widens. A release with only a flag grows the flag's gradual rollout instead.
 */
export function defaultRings(hasFlag: boolean, hasRollout: boolean): Ring[] {
  if (!hasFlag && !hasRollout) {
    throw new RingsideError('bad_request', 'A release plan needs the release to name a flag, a rollout, or both.');
  }
  return DEFAULT_RINGS.map((spec, index) => {
    const last = index === DEFAULT_RINGS.length - 1;
    const percent = hasRollout ? (last ? 100 : null) : spec.weight;
    return {
      name: spec.name,
      audience: spec.audience,
      exposure: hasFlag ? { audience: spec.flagAudience, strategyId: null, rollout: percent } : null,
      weight: hasRollout ? spec.weight : null,
      bakeMs: spec.bakeMs,
    };
  });
}

export function defaultPlan(release: Release, rollout: RolloutRef | null, environment: string, now: number): ReleasePlan {
  return {
    id: `plan-${release.id}`,
    releaseId: release.id,
    name: `${release.service} ${release.version}`,
    flag: release.flag,
    environment,
    rollout,
    autoAdvance: false,
    guardMode: 'act',
    rings: defaultRings(release.flag !== null, rollout !== null),
    createdAt: now,
    updatedAt: now,
  };
}
