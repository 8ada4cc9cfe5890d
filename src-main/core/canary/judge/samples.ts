/**
 * Sample hygiene shared by every part of the judge. Metric series arrive with gaps (NaN from a
 * failed scrape, ±Infinity from a division by a zero rate); a rank test or a mean cannot use
 * them, so they are dropped here, once, and counted so the verdict can say how many went.
 */

export interface CleanSample {
  values: number[];
  /** how many NaN or ±Infinity values were left out */
  dropped: number;
}

export function finiteOnly(values: readonly number[]): CleanSample {
  const kept = values.filter((v) => Number.isFinite(v));
  return { values: kept, dropped: values.length - kept.length };
}

export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** The most recent value: series are ordered in time, so this is the last window. */
export function last(values: readonly number[]): number | null {
  return values.length === 0 ? null : (values[values.length - 1] ?? null);
}

/** Ascending copy; the callers' arrays are never reordered. */
export function sortedCopy(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}
