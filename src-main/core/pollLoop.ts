/**
 * A single-flight poll: one round at a time, the next scheduled only after the last has ended
 * (so a server slower than the interval never has two rounds in flight), with the wait before
 * each round chosen afresh (the interval, or a backoff while a backend fails). A round asked for
 * by hand while one runs joins it.
 */
export function createPollLoop(options: {
  run: () => Promise<void>;
  nextDelay: () => number;
  schedule: (ms: number, fn: () => void) => () => void;
}) {
  let round: Promise<void> | null = null;
  let cancel: (() => void) | null = null;
  let started = false;
  let stopped = false;

  function once(): Promise<void> {
    if (round) return round;
    round = options.run().finally(() => {
      round = null;
    });
    return round;
  }

  function tick() {
    cancel = null;
    if (stopped) return;
    void once().finally(() => {
      if (!stopped && !cancel) cancel = options.schedule(options.nextDelay(), tick);
    });
  }

  return {
    /** Poll now, or join the round in flight. */
    once,
    start(firstDelayMs: number) {
      if (started || stopped) return;
      started = true;
      cancel = options.schedule(firstDelayMs, tick);
    },
    stop() {
      stopped = true;
      cancel?.();
      cancel = null;
    },
    /** whether a round is in flight now */
    busy: () => round !== null,
  };
}
