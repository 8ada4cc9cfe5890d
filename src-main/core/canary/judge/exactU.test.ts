import { exactUCounts, exactUDistribution } from './exactU';

const choose = (n: number, k: number) => {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return Math.round(r);
};

describe('exact distribution of U', () => {
  it('counts every rank assignment once: 3 vs 3 gives 1 1 2 3 3 3 3 2 1 1', () => {
    // Computed by full enumeration of all C(6,3) = 20 rank assignments (and it is the
    // coefficient list of the Gaussian binomial [6 choose 3]_q, Mann & Whitney 1947).
    expect(exactUCounts(3, 3)).toEqual([1, 1, 2, 3, 3, 3, 3, 2, 1, 1]);
  });

  it('sums to C(n1 + n2, n1), is symmetric, and is exact up to 20 vs 20', () => {
    for (const [m, n] of [[4, 7], [10, 5], [20, 20]] as const) {
      const counts = exactUCounts(m, n);
      expect(counts).toHaveLength(m * n + 1);
      expect(counts.reduce((a, b) => a + b, 0)).toBe(choose(m + n, m));
      expect(counts).toEqual([...counts].reverse());
    }
    expect(choose(40, 20)).toBe(137846528820);
  });

  it('reproduces published two-tailed α = 0.05 critical values of U', () => {
    // The standard printed table "critical values of U, two-tailed α = 0.05" (found in most
    // statistics texts): n1 = n2 = 5 → 2, 8 → 13, 10 → 23, 20 → 127, each confirmed
    // independently in Python (full enumeration up to 10 vs 10, the Mann-Whitney 1947
    // recurrence for 20 vs 20). Critical c means P(U ≤ c) ≤ 0.025 < P(U ≤ c + 1).
    for (const [size, critical] of [[5, 2], [8, 13], [10, 23], [20, 127]] as const) {
      const dist = exactUDistribution(size, size);
      expect(dist.cdf(critical)).toBeLessThanOrEqual(0.025);
      expect(dist.cdf(critical + 1)).toBeGreaterThan(0.025);
    }
    // P(U ≤ 127 | 20, 20) = 0.0245452, by the Mann-Whitney recurrence in Python
    expect(exactUDistribution(20, 20).cdf(127)).toBeCloseTo(0.02454516259468622, 12);
  });
});
