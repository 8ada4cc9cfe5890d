import { Flag, FlagType } from '../../../src-shared/domain/flag';
import { DAY_MS } from './fleet';
import { DemoFlagProvider } from './flags';
import { FIXED_NOW } from './testClock';

describe('DemoFlagProvider', () => {
  const provider = new DemoFlagProvider({ seed: 42, now: FIXED_NOW });

  it('serves every flag type, each flag in development and production, all valid', async () => {
    const { flags, environments } = await provider.listFlags();
    expect(provider.provider).toBe('demo');
    expect(environments).toEqual([
      { name: 'development', type: 'development' },
      { name: 'production', type: 'production' },
    ]);
    expect(flags.length).toBeGreaterThanOrEqual(14);
    expect(new Set(flags.map((f) => f.type))).toEqual(new Set(FlagType.options));
    for (const flag of flags) {
      expect(() => Flag.parse(flag)).not.toThrow();
      expect(flag.environments.map((e) => e.environment)).toEqual(['development', 'production']);
      expect(flag.createdAt).toBeLessThanOrEqual(FIXED_NOW);
      expect(flag.createdAt).toBeGreaterThan(FIXED_NOW - 120 * DAY_MS);
    }
    expect(new Set(flags.map((f) => f.name)).size).toBe(flags.length);
  });

  it('has the tags and stages the console filters on', async () => {
    const { flags } = await provider.listFlags();
    const tagged = (type: string) => flags.filter((f) => f.tags.some((t) => t.type === type));
    expect(tagged('service')).toHaveLength(flags.length);
    expect(tagged('owner').length).toBeLessThan(flags.length);
    expect(tagged('owner').length).toBeGreaterThan(0);
    expect(tagged('expires').length).toBeGreaterThan(0);
    expect(tagged('incident').map((f) => f.name)).toContain('checkout.cart-recommendations');
    expect(new Set(flags.map((f) => f.lifecycleStage))).toEqual(new Set(['initial', 'pre-live', 'live', 'completed']));
    const rollouts = flags.flatMap((f) => f.environments.flatMap((e) => e.strategies.map((s) => s.rollout)));
    expect(rollouts).toEqual(expect.arrayContaining([100, 10, 25, 50]));
    expect(flags.some((f) => f.environments.some((e) => e.strategies.some((s) => s.constraintCount > 0)))).toBe(true);
    expect(flags.some((f) => f.description.includes('<img src=x onerror=alert(1)> "quotes" & {braces}'))).toBe(true);
  });

  it('hands out copies: changing a result does not change the next one', async () => {
    const first = await provider.listFlags();
    first.flags[0]!.environments[1]!.enabled = !first.flags[0]!.environments[1]!.enabled;
    first.flags.pop();
    first.environments.pop();
    const second = await provider.listFlags();
    expect(second).toEqual(await new DemoFlagProvider({ seed: 42, now: FIXED_NOW }).listFlags());
  });

  it('is the same for the same seed and clock; strategy ids follow the seed', async () => {
    const again = await new DemoFlagProvider({ seed: 42, now: FIXED_NOW }).listFlags();
    expect(again).toEqual(await provider.listFlags());
    const other = await new DemoFlagProvider({ seed: 7, now: FIXED_NOW }).listFlags();
    expect(other.flags[0]!.environments[0]!.strategies[0]!.id).not.toBe(again.flags[0]!.environments[0]!.strategies[0]!.id);
  });
});
