import { useState } from 'react';

export const REFRESH_CHOICES = [2_000, 5_000, 10_000, 30_000, 60_000];
const KEY = 'ringside.canaryRefreshMs';
const DEFAULT = 5_000;

/** The canary poll interval, 5 s unless the user picked another; remembered across restarts. */
export function useRefreshInterval(): [number, (ms: number) => void] {
  const [ms, setMs] = useState(() => {
    const stored = Number(globalThis.localStorage?.getItem(KEY));
    return REFRESH_CHOICES.includes(stored) ? stored : DEFAULT;
  });
  return [
    ms,
    (next) => {
      if (!REFRESH_CHOICES.includes(next)) return;
      globalThis.localStorage?.setItem(KEY, String(next));
      setMs(next);
    },
  ];
}
