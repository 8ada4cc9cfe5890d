/** Seeded randomness for the demo: a stream generator for stories and a stateless hash for metrics. */

import { mulberry32 } from '../../../src-shared/random/mulberry32';

const TWO_32 = 4294967296;

/** mulberry32 (shared with the judge's pivot draws): dice that must replay identically. */
export { mulberry32 };

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const rotl = (x: number, r: number) => (x << r) | (x >>> (32 - r));

function mixWord(h: number, word: number): number {
  let k = Math.imul(word, 0xcc9e2d51);
  k = rotl(k, 15);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = rotl(h, 13);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/**
 * Stateless noise in [0, 1): the same (seed, ...ints) always gives the same value, so a metric
 * sample depends only on its time index and never on the range that asked for it.
 * Integers up to 2^53 are mixed whole (low and high words), negatives included.
 */
export function noise(seed: number, ...ints: number[]): number {
  let h = mixWord(0x9e3779b9, seed >>> 0);
  for (const n of ints) {
    h = mixWord(h, n >>> 0);
    h = mixWord(h, Math.floor(n / TWO_32) >>> 0);
  }
  return fmix32(h ^ (ints.length * 8)) / TWO_32;
}

/** noise(seed, a, b) without the rest array: smoothNoise runs it twice per sample of every demo series. */
function noise2(seed: number, a: number, b: number): number {
  let h = mixWord(0x9e3779b9, seed >>> 0);
  h = mixWord(h, a >>> 0);
  h = mixWord(h, Math.floor(a / TWO_32) >>> 0);
  h = mixWord(h, b >>> 0);
  h = mixWord(h, Math.floor(b / TWO_32) >>> 0);
  return fmix32(h ^ 16) / TWO_32;
}

/**
 * Value noise in [-1, 1]: a hashed knot every `periodMs`, eased (smoothstep) between knots, so a
 * series wanders without jumping from one sample to the next.
 */
export function smoothNoise(seed: number, stream: number, t: number, periodMs: number): number {
  const x = t / periodMs;
  const k = Math.floor(x);
  const f = x - k;
  const eased = f * f * (3 - 2 * f);
  const a = noise2(seed, stream, k);
  const b = noise2(seed, stream, k + 1);
  return 2 * (a + (b - a) * eased) - 1;
}

/** FNV-1a: turns a series or flag name into a stream number for noise(). */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Convenience draws over one seeded stream. */
export interface Dice {
  next(): number;
  /** integer in [lo, hi] */
  int(lo: number, hi: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
}

export function dice(seed: number): Dice {
  const next = mulberry32(seed);
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    chance: (p) => next() < p,
    pick<T>(items: readonly T[]): T {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new Error('pick from an empty list');
      return item;
    },
  };
}

/** A UUID-shaped id that is a pure function of its inputs (Unleash strategy ids are UUIDs). */
export function stableUuid(seed: number, ...ints: number[]): string {
  const hex = [0, 1, 2, 3]
    .map((word) => Math.floor(noise(seed, ...ints, word) * TWO_32).toString(16).padStart(8, '0'))
    .join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
