/**
 * The exact null distribution of the Mann-Whitney U statistic for samples without ties.
 *
 * Under H0 every choice of which n1 of the N = n1 + n2 pooled ranks belong to the first sample
 * is equally likely (C(N, n1) of them). If the k-th smallest member of the first sample holds
 * pooled rank j, exactly j − k members of the second sample lie below it, so
 * U = Σ (j − k). Walking the ranks j = 1..N and deciding for each whether it joins the first
 * sample counts the ways to reach every U (dynamic programming over the number of ways).
 */

/** Samples up to this size (each) use the exact distribution when there are no ties. */
export const EXACT_MAX_SAMPLE = 20;

/**
 * counts[u] = number of rank assignments giving U = u, for u = 0..n1·n2.
 * With n1, n2 ≤ 20 the total C(40, 20) ≈ 1.4e11 < 2^53, so every count is an exact integer.
 */
export function exactUCounts(n1: number, n2: number): number[] {
  const maxU = n1 * n2;
  // ways[k][u]: ways to place k first-sample members among the ranks seen so far with sum u
  let ways: number[][] = Array.from({ length: n1 + 1 }, () => new Array<number>(maxU + 1).fill(0));
  ways[0]![0] = 1;
  for (let j = 1; j <= n1 + n2; j++) {
    const next = ways.map((row) => row.slice());
    for (let k = 1; k <= Math.min(j, n1); k++) {
      const below = j - k; // second-sample members under this one
      if (below > n2) continue;
      const from = ways[k - 1]!;
      const to = next[k]!;
      for (let u = 0; u + below <= maxU; u++) {
        const w = from[u]!;
        if (w !== 0) to[u + below]! += w;
      }
    }
    ways = next;
  }
  return ways[n1]!;
}

export interface ExactUDistribution {
  counts: number[];
  total: number;
  /** P(U ≤ u) */
  cdf(u: number): number;
}

export function exactUDistribution(n1: number, n2: number): ExactUDistribution {
  const counts = exactUCounts(n1, n2);
  const total = counts.reduce((a, b) => a + b, 0);
  const cumulative: number[] = [];
  let running = 0;
  for (const c of counts) cumulative.push((running += c));
  return {
    counts,
    total,
    cdf(u: number): number {
      if (u < 0) return 0;
      const i = Math.min(Math.floor(u), counts.length - 1);
      return cumulative[i]! / total;
    },
  };
}
