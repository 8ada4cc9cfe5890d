/** Time as the core sees it; tests and the demo replace it to make runs deterministic. */
export interface Clock {
  now(): number;
  /** Run fn every ms milliseconds; returns the dispose function. */
  every(ms: number, fn: () => void): () => void;
  /** Run fn once after ms milliseconds; returns the dispose function. Clocks without it use a real timer. */
  after?(ms: number, fn: () => void): () => void;
}

/** A real timer that does not keep the process alive. */
export function realTimer(ms: number, fn: () => void): () => void {
  const timer = setTimeout(fn, ms);
  timer.unref?.();
  return () => clearTimeout(timer);
}

export const systemClock: Clock = {
  now: () => Date.now(),
  every(ms, fn) {
    const timer = setInterval(fn, ms);
    timer.unref?.();
    return () => clearInterval(timer);
  },
  after: realTimer,
};
