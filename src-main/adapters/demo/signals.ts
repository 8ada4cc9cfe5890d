import type { CanaryGroup } from '../../../src-shared/domain/canary';
import { hashString, noise, smoothNoise } from './random';
import type { DemoMetricId, DemoRelease } from './releases';

/**
 * The value model behind the demo's metrics. A sample is a pure function of (seed, series, t):
 * noise is hashed per 15 s scrape slot (the time index) and eased between slots, so any range
 * or step reads the same value at the same timestamp.
 */

const SCRAPE_MS = 15_000;
const KNOT_MS = 5 * 60_000;
const DAY_MS = 86_400_000;
const DRIFT_MS = 2 * 60 * 60_000;

interface Shape {
  /** relative sd of scrape-to-scrape noise, baseline and canary (less traffic, so noisier) */
  jitter: Record<CanaryGroup, number>;
  /** relative amplitude of slow wander shared by both groups (same upstream traffic) */
  shared: number;
  /** relative amplitude of slow wander of each group alone */
  own: number;
  /** relative amplitude of the daily cycle */
  daily: number;
  /** probability of a spike per scrape, and its factor */
  spike: [number, number];
  max: number;
}

const SHAPES: Record<DemoMetricId, Shape> = {
  error_rate: { jitter: { baseline: 0.1, canary: 0.15 }, shared: 0.1, own: 0.035, daily: 0.15, spike: [0.002, 2], max: 100 },
  latency_p95: { jitter: { baseline: 0.05, canary: 0.07 }, shared: 0.06, own: 0.03, daily: 0.08, spike: [0.003, 1.8], max: Infinity },
  saturation: { jitter: { baseline: 0.03, canary: 0.04 }, shared: 0.05, own: 0.02, daily: 0.25, spike: [0, 1], max: 100 },
};

/** Value noise in [-1, 1]: hashed knots every five minutes, eased between them. */
const wander = (seed: number, stream: number, t: number) => smoothNoise(seed, stream, t, KNOT_MS);

/** Standard normal from two hashed uniforms (Box-Muller). */
function gaussian(seed: number, stream: number, slot: number): number {
  const u = 1 - noise(seed, stream, slot, 1);
  const v = noise(seed, stream, slot, 2);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

const lerp = (a: number, b: number, f: number) => a + (b - a) * f;

/** Daily traffic cycle in [-1, 1], busiest mid-afternoon UTC. */
const daily = (t: number) => Math.sin(2 * Math.PI * ((((t % DAY_MS) + DAY_MS) % DAY_MS) / DAY_MS - 0.35));

/** Canary drift progress: linear for two hours, then slower but never quite stopping. */
export function driftProgress(elapsedMs: number): number {
  if (elapsedMs <= 0) return 0;
  const p = elapsedMs / DRIFT_MS;
  return p <= 1 ? p : 1 + 0.4 * Math.log1p(p - 1);
}

/** One sample of one metric of one side of a release at time t, or null where the series has no data. */
export function sampleAt(seed: number, release: DemoRelease, group: CanaryGroup, metric: DemoMetricId, t: number): number | null {
  // The canary version does not exist before its rollout began.
  if (group === 'canary' && t < release.startedAt) return null;
  const shape = SHAPES[metric];
  // Between two scrapes the value moves linearly, as rate() over a sliding window would.
  const slot = Math.floor(t / SCRAPE_MS);
  const f = t / SCRAPE_MS - slot;
  const sharedStream = hashString(`${release.id}/${metric}`);
  const ownStream = hashString(`${release.id}/${metric}/${group}`);

  const level = release.levels[metric] * (1 + shape.daily * daily(t));
  const drift = group === 'canary' ? release.drift[metric] * driftProgress(t - release.startedAt) : 0;
  const wobble =
    1 +
    shape.shared * wander(seed, sharedStream, t) +
    shape.own * wander(seed, ownStream, t) +
    shape.jitter[group] * lerp(gaussian(seed, ownStream, slot), gaussian(seed, ownStream, slot + 1), f);
  const spikeAt = (k: number) => (noise(seed, ownStream, k, 3) < shape.spike[0] ? shape.spike[1] : 1);
  const spike = lerp(spikeAt(slot), spikeAt(slot + 1), f);
  const value = (level + drift) * Math.max(0.05, wobble) * spike;
  return Math.min(shape.max, value);
}
