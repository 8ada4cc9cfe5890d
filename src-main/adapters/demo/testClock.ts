import type { Clock } from '../../core/ports';

/** A Thursday morning, UTC: a fixed "now" for the demo's tests. */
export const FIXED_NOW = Date.UTC(2026, 4, 14, 10, 23, 17);

/** A clock that stands still unless a test moves it. */
export function fixedClock(start = FIXED_NOW): Clock & { set(ms: number): void } {
  let now = start;
  return { now: () => now, every: () => () => {}, set: (ms) => void (now = ms) };
}
