import type { Clock } from '../ports';

/** A clock whose timers fire only when a test moves time on, in order, awaiting what they start. */
export function manualClock(start = 1_800_000_000_000) {
  let now = start;
  let nextId = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
  const clock: Clock & { advance(ms: number): Promise<void>; pending(): number } = {
    now: () => now,
    every: () => () => {},
    after(ms, fn) {
      const id = nextId++;
      timers.set(id, { at: now + ms, fn });
      return () => void timers.delete(id);
    },
    /** Move time on by ms, firing each due timer at its own moment and letting its work run. */
    async advance(ms) {
      const end = now + ms;
      for (;;) {
        await settle();
        const due = [...timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = Math.max(now, due[1].at);
        due[1].fn();
      }
      now = end;
      await settle();
    },
    pending: () => timers.size,
  };
  return clock;
}
