import { erfc, normalCdf, normalQuantile, normalSurvival } from './normal';

// Reference values: the standard tables (Abramowitz & Stegun, ch. 7 and 26), to the digits
// shown there, cross-checked with Python's math.erfc and statistics.NormalDist.
describe('normal distribution', () => {
  it('matches tabulated erfc values, relative error < 1e-12', () => {
    const table: Array<[number, number]> = [
      [0.5, 0.4795001221869535],
      [1, 0.15729920705028513],
      [3, 2.2090496998585438e-5],
      [6, 2.1519736712498916e-17],
    ];
    for (const [x, expected] of table) expect(Math.abs(erfc(x) - expected) / expected).toBeLessThan(1e-12);
    expect(erfc(0)).toBe(1);
    expect(erfc(-1)).toBeCloseTo(2 - 0.15729920705028513, 14);
  });

  it('gives Φ(1.96) = 0.9750021 and the far tail without cancelling to zero', () => {
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021048517796, 12);
    expect(normalCdf(0)).toBe(0.5);
    // P(Z ≥ 8) = 6.22e-16; 1 − Φ(8) would round to 0 or 1.1e-16
    expect(Math.abs(normalSurvival(8) - 6.220960574271819e-16) / 6.220960574271819e-16).toBeLessThan(1e-10);
  });

  it('inverts the cdf: z(0.975) = 1.959964, z(0.995) = 2.575829', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.9599639845400536, 10);
    expect(normalQuantile(0.995)).toBeCloseTo(2.5758293035489, 10);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 8);
    expect(() => normalQuantile(1)).toThrow(RangeError);
  });
});
