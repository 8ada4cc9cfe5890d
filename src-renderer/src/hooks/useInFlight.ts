import { useCallback, useRef, useState } from 'react';

/**
 * One request per activation: while a task runs, further activations (a second click, a held or
 * repeated Enter) do nothing. The ref guards before React re-renders; `busy` is for the control's
 * aria-disabled and its "…" label, so focus stays where it was (a disabled button drops it).
 */
export function useInFlight(): [busy: boolean, run: <T>(task: () => Promise<T>) => Promise<T | undefined>] {
  const running = useRef(false);
  const [busy, setBusy] = useState(false);
  const run = useCallback(async <T>(task: () => Promise<T>): Promise<T | undefined> => {
    if (running.current) return undefined;
    running.current = true;
    setBusy(true);
    try {
      return await task();
    } finally {
      running.current = false;
      setBusy(false);
    }
  }, []);
  return [busy, run];
}
