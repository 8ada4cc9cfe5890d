import { performance } from 'node:perf_hooks';
import { judge } from '../src-main/core/canary/judge/index';
import { lttb } from '../src-shared/series/lttb';
import { ms, summarize } from './stats';

/** Deterministic noise so every run judges the same samples. */
function samples(n: number, seed: number, level: number): number[] {
  let x = seed >>> 0;
  return Array.from({ length: n }, () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return level + (x / 2 ** 32 - 0.5) * level * 0.2;
  });
}

it('canary judge on 2 × 11,000 samples per metric, and LTTB 100,000 → 1,000 points', () => {
  const canary = samples(11_000, 1, 105);
  const baseline = samples(11_000, 2, 100);
  const runs = 20;
  const judgeMs: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const t = performance.now();
    judge({ metrics: [{ id: 'latency_p95', harmful: 'increase', weight: 1, critical: true, canary, baseline }] });
    judgeMs.push(performance.now() - t);
  }
  const points = samples(100_000, 3, 50).map((v, i) => [i * 1000, v] as [number, number]);
  const lttbMs: number[] = [];
  let kept = 0;
  for (let i = 0; i < runs; i += 1) {
    const t = performance.now();
    kept = lttb(points, 1_000).length;
    lttbMs.push(performance.now() - t);
  }
  const j = summarize(judgeMs);
  const l = summarize(lttbMs);
  console.log(
    [
      `canary judge, one metric, 2 × 11,000 samples (${runs} runs): median ${ms(j.median)}  p95 ${ms(j.p95)}`,
      `LTTB 100,000 → ${kept.toLocaleString('en')} points (${runs} runs):            median ${ms(l.median)}  p95 ${ms(l.p95)}`,
    ].join('\n'),
  );
  expect(kept).toBe(1_000);
});
