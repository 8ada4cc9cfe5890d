/** At most `limit` tasks run at once; the others wait in arrival order. */
export function createSemaphore(limit: number) {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`maxInFlight must be a whole number ≥ 1 (got ${limit}).`);
  let running = 0;
  const waiting: Array<() => void> = [];

  async function run<T>(task: () => Promise<T>): Promise<T> {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    else running += 1;
    try {
      return await task();
    } finally {
      // Hand the slot straight to the next waiter so a newcomer cannot overtake it.
      const next = waiting.shift();
      if (next) next();
      else running -= 1;
    }
  }

  return { run, inFlight: () => running, queued: () => waiting.length };
}
