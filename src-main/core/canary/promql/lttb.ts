import { RingsideError } from '../../../../src-shared/ipc/result';

export type TimePoint = readonly [t: number, v: number];

/**
 * Largest-Triangle-Three-Buckets (Steinarsson, 2013): at most `maxPoints` points that keep the
 * visual shape of a time-ordered series, spikes included. The first and last points are kept.
 * NaN and ±Infinity are never averaged: a bucket's average uses its finite values only, and a
 * point whose triangle cannot be measured is picked only when nothing in its bucket can be.
 */
export function lttb<P extends TimePoint>(points: readonly P[], maxPoints: number): P[] {
  if (!Number.isInteger(maxPoints) || maxPoints < 2) {
    throw new RingsideError('bad_request', `Downsampling needs a whole number of points, at least 2 (got ${maxPoints}).`);
  }
  if (maxPoints >= points.length) return points.slice();
  const first = points[0] as P;
  const last = points[points.length - 1] as P;
  if (maxPoints === 2) return [first, last];

  const sampled: P[] = [first];
  // Buckets split the points between the first and the last; each gives one point.
  const bucketSize = (points.length - 2) / (maxPoints - 2);
  let anchorT = first[0];
  let anchorV = Number.isFinite(first[1]) ? first[1] : finiteMean(points, 0, points.length) ?? 0;

  for (let bucket = 0; bucket < maxPoints - 2; bucket += 1) {
    const from = Math.floor(bucket * bucketSize) + 1;
    const to = Math.min(Math.floor((bucket + 1) * bucketSize) + 1, points.length - 1);
    // The third corner: the average of the next bucket (the last point for the last bucket).
    const nextFrom = to;
    const nextTo = Math.min(Math.floor((bucket + 2) * bucketSize) + 1, points.length);
    const nextT = meanOf(points, nextFrom, nextTo, (p) => p[0]) ?? last[0];
    const nextV = finiteMean(points, nextFrom, nextTo) ?? anchorV;

    let chosen = from;
    let largest = -1;
    for (let i = from; i < to; i += 1) {
      const p = points[i] as P;
      const area = Math.abs((anchorT - nextT) * (p[1] - anchorV) - (anchorT - p[0]) * (nextV - anchorV));
      // NaN areas (a NaN value, or Infinity - Infinity) lose to any measurable triangle.
      if (area > largest) {
        largest = area;
        chosen = i;
      }
    }
    const pick = points[chosen] as P;
    sampled.push(pick);
    anchorT = pick[0];
    if (Number.isFinite(pick[1])) anchorV = pick[1];
  }
  sampled.push(last);
  return sampled;
}

function meanOf<P extends TimePoint>(points: readonly P[], from: number, to: number, pick: (p: P) => number): number | null {
  let sum = 0;
  let n = 0;
  for (let i = from; i < to; i += 1) {
    const v = pick(points[i] as P);
    if (Number.isFinite(v)) {
      sum += v;
      n += 1;
    }
  }
  return n === 0 ? null : sum / n;
}

const finiteMean = <P extends TimePoint>(points: readonly P[], from: number, to: number) => meanOf(points, from, to, (p) => p[1]);
