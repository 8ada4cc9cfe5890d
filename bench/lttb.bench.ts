import { performance } from 'node:perf_hooks';
import { lttb, lttbIndices } from '../src-shared/series/lttb';
import { quick, record, stat } from './results';
import { ms, summarize } from './stats';

/**
 * The tuple-array LTTB as it was before the typed-array version (commit fe7d316), kept here only as
 * the anchor: it filtered and copied every point into fresh tuples, then read them back by destructuring.
 */
function lttbBefore(points: readonly (readonly [number, number])[], threshold: number): [number, number][] {
  const data = points.filter(([t, v]) => Number.isFinite(t) && Number.isFinite(v)).map(([t, v]) => [t, v] as [number, number]);
  if (threshold >= data.length || threshold < 3) return threshold < 3 && data.length > 2 ? [data[0]!, data[data.length - 1]!] : data;
  const sampled: [number, number][] = [data[0]!];
  const every = (data.length - 2) / (threshold - 2);
  let a = 0;
  for (let i = 0; i < threshold - 2; i += 1) {
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

/** Deterministic noise with a slow wave, so every run downsamples the same series. */
function values(n: number, seed: number, level: number): Float64Array {
  let x = seed >>> 0;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i += 1) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    out[i] = level + Math.sin(i / 900) * level * 0.1 + (x / 2 ** 32 - 0.5) * level * 0.2;
  }
  return out;
}

function time(runs: number, warmup: number, body: () => void): number[] {
  for (let i = 0; i < warmup; i += 1) body();
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const t = performance.now();
    body();
    samples.push(performance.now() - t);
  }
  return samples;
}

it('LTTB 100,000 → 1,000 points: typed arrays, the tuple API over them, and the implementation before', () => {
  const N = 100_000;
  const K = 1_000;
  const runs = quick ? 10 : 50;
  const warmup = quick ? 3 : 10;
  const xs = Float64Array.from({ length: N }, (_, i) => 1_700_000_000_000 + i * 1000);
  const series = [values(N, 1, 105), values(N, 2, 100), values(N, 3, 0.02), values(N, 4, 0.01)];
  const tuples = series.map((ys) => Array.from(ys, (v, i) => [xs[i]!, v] as [number, number]));
  const out = series.map(() => new Uint32Array(K));

  // Same points chosen by all three, so the ratio compares like with like.
  for (let s = 0; s < series.length; s += 1) {
    const typed = Array.from(lttbIndices(xs, series[s]!, K), (i) => [xs[i]!, series[s]![i]!]);
    expect(lttb(tuples[s]!, K)).toEqual(typed);
    expect(lttbBefore(tuples[s]!, K)).toEqual(typed);
  }

  let sink = 0;
  const rows: [string, number[]][] = [
    ['one series, lttbIndices (Float64Array, preallocated out)', time(runs, warmup, () => (sink += lttbIndices(xs, series[0]!, K, out[0]).length))],
    ['one series, lttb (tuples → typed inside)', time(runs, warmup, () => (sink += lttb(tuples[0]!, K).length))],
    ['one series, lttb before (tuples)', time(runs, warmup, () => (sink += lttbBefore(tuples[0]!, K).length))],
    ['four series, lttbIndices', time(runs, warmup, () => series.forEach((ys, s) => (sink += lttbIndices(xs, ys, K, out[s]).length)))],
    ['four series, lttb (tuples)', time(runs, warmup, () => tuples.forEach((p) => (sink += lttb(p, K).length)))],
    ['four series, lttb before (tuples)', time(runs, warmup, () => tuples.forEach((p) => (sink += lttbBefore(p, K).length)))],
  ];
  const stats = new Map(rows.map(([name, samples]) => [name, summarize(samples)]));
  const ratio = (now: string, before: string) => (stats.get(before)!.median / stats.get(now)!.median).toFixed(1);
  const width = Math.max(...rows.map(([name]) => name.length));
  const fourTyped = stats.get('four series, lttbIndices')!;
  console.log(
    [
      `LTTB ${N.toLocaleString('en')} → ${K.toLocaleString('en')} points per series (${runs} runs after ${warmup} warm-up)`,
      ...rows.map(([name]) => `  ${name.padEnd(width)}  median ${ms(stats.get(name)!.median)}  p95 ${ms(stats.get(name)!.p95)}`),
      `  ratio before / now (median): one series ${ratio('one series, lttbIndices (Float64Array, preallocated out)', 'one series, lttb before (tuples)')}× typed, ` +
        `${ratio('one series, lttb (tuples → typed inside)', 'one series, lttb before (tuples)')}× tuples; ` +
        `four series ${ratio('four series, lttbIndices', 'four series, lttb before (tuples)')}× typed, ${ratio('four series, lttb (tuples)', 'four series, lttb before (tuples)')}× tuples`,
      `  target: four series ≤ 10 ms — typed ${fourTyped.median <= 10 ? 'met' : 'NOT met'} (median ${ms(fourTyped.median)}, p95 ${ms(fourTyped.p95)})`,
    ].join('\n'),
  );
  const samplesOf = (name: string) => rows.find(([n]) => n === name)![1];
  const before = { name: 'the tuple LTTB it replaced, same points' };
  record({
    id: 'lttb.one',
    group: 'charts',
    figure: `LTTB ${N.toLocaleString('en')} → ${K.toLocaleString('en')} points, one series`,
    unit: 'ms',
    ringside: stat(samplesOf('one series, lttbIndices (Float64Array, preallocated out)')),
    anchor: { ...before, stat: stat(samplesOf('one series, lttb before (tuples)')) },
  });
  record({
    id: 'lttb.four',
    group: 'charts',
    figure: `LTTB ${N.toLocaleString('en')} → ${K.toLocaleString('en')} points, four series`,
    unit: 'ms',
    ringside: stat(samplesOf('four series, lttbIndices')),
    anchor: { ...before, stat: stat(samplesOf('four series, lttb before (tuples)')) },
    target: { text: 'median ≤ 10 ms', measured: fourTyped.median, op: '<=', value: 10 },
  });
  expect(sink).toBeGreaterThan(0);
});
