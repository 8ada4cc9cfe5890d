import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { summarize } from './stats';

/**
 * One row of `npm run bench`'s table. A bench measures, then records each figure here; the runner
 * (scripts/bench.mjs) gathers every row of the run, computes ratio and met, prints the table and
 * writes bench/results/latest.json. Nothing here asserts on time.
 */
export interface Figure {
  /** Stable key, e.g. 'judge.whole'; the table is sorted by the order rows were recorded. */
  id: string;
  /** Which part of the table it belongs to, e.g. 'canary judge', 'audit', 'kill switch'. */
  group: string;
  /** What was measured, in words a reader of the README understands. */
  figure: string;
  /** 'ms', 's', 'events/s', 'MB', 'requests', ... */
  unit: string;
  /** Ringside's figure: median and p95 over its runs (p95 null for a single measurement). */
  ringside: Stat;
  /** What it is compared with, measured in the same run on the same data, or why there is none. */
  anchor?: { name: string; stat: Stat } | { name: string; missing: string } | null;
  /** The target from the issue; `measured` is the number the target speaks of (e.g. an overhead's p95). */
  target?: { text: string; measured: number; op: '<=' | '<' | '>=' | '>'; value: number } | null;
  /** Anything a reader needs beside the number (sizes, counts, what would close a miss). */
  note?: string;
}
export interface Stat {
  median: number;
  p95: number | null;
}

/** Median and p95 of timed samples. */
export const stat = (samples: number[]): Stat => {
  const s = summarize(samples);
  return { median: s.median, p95: s.p95 };
};
/** A single measurement (a throughput, a size): no spread. */
export const once = (value: number): Stat => ({ median: value, p95: null });

/** Where this run's rows go; the runner sets it and removes the file before each run. */
const partsFile = () =>
  process.env.RINGSIDE_BENCH_PARTS ?? join(dirname(fileURLToPath(import.meta.url)), 'results', 'parts.jsonl');

/** Record one row of the table (one JSON line, so a crashed bench keeps the rows it had). */
export function record(figure: Figure): void {
  const file = partsFile();
  mkdirSync(dirname(file), { recursive: true });
  appendFileSync(file, `${JSON.stringify(figure)}\n`);
}

/** `npm run bench -- --quick`: the one-minute subset; benches shrink their sizes when this is set. */
export const quick = process.env.RINGSIDE_BENCH_QUICK === '1';
