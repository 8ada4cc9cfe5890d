/** Time as the core sees it; tests and the demo replace it to make runs deterministic. */
export interface Clock {
  now(): number;
  /** Run fn every ms milliseconds; returns the dispose function. */
  every(ms: number, fn: () => void): () => void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  every(ms, fn) {
    const timer = setInterval(fn, ms);
    timer.unref?.();
    return () => clearInterval(timer);
  },
};
