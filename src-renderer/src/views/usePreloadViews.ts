import { useEffect } from 'react';
import { useRingside } from '../store/useRingside';
import { preloadViews } from './lazyViews';

/** Run `task` when the page is idle (Chromium and Electron have requestIdleCallback; jsdom does not). */
function whenIdle(task: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(task, { timeout: 2000 });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(task, 0);
  return () => clearTimeout(id);
}

/**
 * Once the flags have answered (the first paint is done or under way), fetch the other views' code
 * in idle time, so the first visit to any of them, by click, shortcut or palette, does not wait.
 */
export function usePreloadViews(): void {
  const answered = useRingside((s) => s.flags.data !== null || s.flags.error !== null);
  useEffect(() => {
    if (!answered) return;
    return whenIdle(() => void preloadViews().catch(() => {}));
  }, [answered]);
}
