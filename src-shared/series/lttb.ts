/**
 * Largest-Triangle-Three-Buckets downsampling (Steinarsson 2013): keeps the first and last points
 * and, per bucket, the point forming the largest triangle with its neighbours, so spikes survive.
 * Points with a non-finite value are dropped first: they cannot be drawn and would poison the areas.
 */
export function lttb(points: readonly (readonly [number, number])[], threshold: number): [number, number][] {
  const data = points.filter(([t, v]) => Number.isFinite(t) && Number.isFinite(v)).map(([t, v]) => [t, v] as [number, number]);
  if (threshold >= data.length || threshold < 3) return threshold < 3 && data.length > 2 ? [data[0]!, data[data.length - 1]!] : data;
  const sampled: [number, number][] = [data[0]!];
  const every = (data.length - 2) / (threshold - 2);
  let a = 0;
  for (let i = 0; i < threshold - 2; i += 1) {
    // The average of the next bucket is the third corner of every candidate triangle.
    const nextStart = Math.floor((i + 1) * every) + 1;
    const nextEnd = Math.min(Math.floor((i + 2) * every) + 1, data.length);
    let avgT = 0;
    let avgV = 0;
    for (let j = nextStart; j < nextEnd; j += 1) {
      avgT += data[j]![0];
      avgV += data[j]![1];
    }
    const count = Math.max(1, nextEnd - nextStart);
    avgT /= count;
    avgV /= count;

    const start = Math.floor(i * every) + 1;
    const end = Math.floor((i + 1) * every) + 1;
    const [at, av] = data[a]!;
    let best = start;
    let bestArea = -1;
    for (let j = start; j < end; j += 1) {
      const [t, v] = data[j]!;
      const area = Math.abs((at - avgT) * (v - av) - (at - t) * (avgV - av));
      if (area > bestArea) {
        bestArea = area;
        best = j;
      }
    }
    sampled.push(data[best]!);
    a = best;
  }
  sampled.push(data[data.length - 1]!);
  return sampled;
}
