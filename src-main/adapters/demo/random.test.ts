import { dice, hashString, mulberry32, noise, smoothNoise, stableUuid } from './random';

describe('random', () => {
  it('replays the same stream for the same seed and a different one for another', () => {
    const a = mulberry32(7);
    const b = mulberry32(7);
    const c = mulberry32(8);
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(first);
    expect([c(), c(), c()]).not.toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('noise is a pure function of its inputs, in [0, 1)', () => {
    expect(noise(42, 1, 2, 3)).toBe(noise(42, 1, 2, 3));
    expect(noise(42, 1, 2, 3)).not.toBe(noise(43, 1, 2, 3));
    expect(noise(42, 1, 2, 3)).not.toBe(noise(42, 1, 3, 2));
    expect(noise(42, 5)).not.toBe(noise(42, 5, 0));
    const values = Array.from({ length: 2000 }, (_, i) => noise(1, i));
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
  });

  it('noise tells apart integers beyond 32 bits and negatives', () => {
    expect(noise(1, 5)).not.toBe(noise(1, 5 + 2 ** 32));
    expect(noise(1, -1)).not.toBe(noise(1, 2 ** 32 - 1));
  });

  it('dice draw within bounds and ids are UUID-shaped and stable', () => {
    const d = dice(3);
    for (let i = 0; i < 200; i++) {
      const n = d.int(2, 4);
      expect(n).toBeGreaterThanOrEqual(2);
      expect(n).toBeLessThanOrEqual(4);
    }
    expect(stableUuid(42, 1, 2)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(stableUuid(42, 1, 2)).toBe(stableUuid(42, 1, 2));
    expect(hashString('checkout')).not.toBe(hashString('search'));
  });

  it('smooth noise passes through noise(seed, stream, knot) at each knot, large streams and knots too', () => {
    for (const [seed, stream, knot] of [[7, 1, 3], [42, hashString('rel/error_rate/canary'), 120_000_123], [-5, 2 ** 32 + 9, -4]] as const) {
      expect(smoothNoise(seed, stream, knot * 15_000, 15_000)).toBe(2 * noise(seed, stream, knot) - 1);
    }
  });
});
