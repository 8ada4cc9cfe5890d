import { testFlag } from '../testing/fakeFlagServer';
import { computeFlagDebt, isFullyOn, tagValue } from './flagDebt';

const DAY = 86_400_000;
const now = 100 * DAY;
const types = [
  { id: 'release', name: 'Release', lifetimeDays: 40 },
  { id: 'operational', name: 'Operational', lifetimeDays: 7 },
  { id: 'kill-switch', name: 'Kill switch', lifetimeDays: null },
];
const full = [{ environment: 'production', enabled: true, strategies: [{ id: 's', name: 'flexibleRollout', rollout: 100, constraintCount: 0, disabled: false }] }];
const partial = [{ environment: 'production', enabled: true, strategies: [{ id: 's', name: 'flexibleRollout', rollout: 50, constraintCount: 0, disabled: false }] }];

describe('flag debt', () => {
  it('knows when a flag is fully on', () => {
    expect(isFullyOn({ environment: 'p', enabled: true, strategies: [] })).toBe(true);
    expect(isFullyOn(full[0]!)).toBe(true);
    expect(isFullyOn(partial[0]!)).toBe(false);
    expect(isFullyOn({ environment: 'p', enabled: true, strategies: [{ id: 's', name: 'default', rollout: null, constraintCount: 2, disabled: false }] })).toBe(false);
    expect(isFullyOn({ ...full[0]!, enabled: false })).toBe(false);
    // A disabled strategy exposes no one, whatever its percentage.
    expect(isFullyOn({ ...full[0]!, strategies: [{ ...full[0]!.strategies[0]!, disabled: true }, ...partial[0]!.strategies] })).toBe(false);
  });

  it('reads owner and expiry from typed and simple tags', () => {
    expect(tagValue([{ type: 'owner', value: 'team-a' }], 'owner')).toBe('team-a');
    expect(tagValue([{ type: 'simple', value: 'owner:team-b' }], 'owner')).toBe('team-b');
    expect(tagValue([{ type: 'simple', value: 'owner:' }], 'owner')).toBeNull();
  });

  it('lists each reason with the figures behind it', () => {
    const rows = computeFlagDebt({
      flags: [
        // release, 60 days old, fully on since day 50 via the event history: past lifetime + 50 days at full
        testFlag('old-release', { createdAt: now - 60 * DAY, environments: full, tags: [{ type: 'owner', value: 'a' }] }),
        // release, 10 days old, partial, owned: no debt
        testFlag('young', { createdAt: now - 10 * DAY, environments: partial, tags: [{ type: 'owner', value: 'a' }] }),
        // kill switch, 300 days, fully on, no owner, past expiry: long-lived so only owner and expiry count
        testFlag('kill', { type: 'kill-switch', createdAt: now - 300 * DAY, environments: full, tags: [{ type: 'expires', value: '1970-02-01' }] }),
        // operational flag, 8 days: past its 7-day lifetime
        testFlag('ops', { type: 'operational', createdAt: now - 8 * DAY, environments: partial, tags: [{ type: 'simple', value: 'owner:ops' }] }),
      ],
      productionEnvironments: ['production'],
      types,
      changes: [{ flag: 'old-release', environment: 'production', by: 'x', at: now - 50 * DAY, action: 'flag.enabled', source: 'console' }],
      now,
    });
    const byFlag = Object.fromEntries(rows.map((r) => [r.flag, r]));
    expect(byFlag['old-release']).toMatchObject({ reasons: ['past-lifetime', 'full-exposure-40d'], daysAtFull: 50, ageDays: 60, temporary: true });
    expect(byFlag.young).toMatchObject({ reasons: [], daysAtFull: null });
    expect(byFlag.kill).toMatchObject({ reasons: ['no-owner', 'past-expiry'], temporary: false, lifetimeDays: null, daysAtFull: 300 });
    expect(byFlag.ops).toMatchObject({ reasons: ['past-lifetime'], owner: 'ops' });
    expect(rows.map((r) => r.flag)).toEqual(['kill', 'old-release', 'ops', 'young']);
  });
});
