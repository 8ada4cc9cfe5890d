/** Median and p95 (nearest rank) of a sample, in its own unit. */
export function summarize(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
  return { n: sorted.length, median: rank(50), p95: rank(95), min: sorted[0] ?? Number.NaN, max: sorted.at(-1) ?? Number.NaN };
}

export const ms = (n: number) => `${n.toFixed(2)} ms`;
