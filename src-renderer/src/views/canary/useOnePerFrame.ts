import { useEffect, useState } from 'react';

/** Updates waiting for a frame of their own, oldest first, shared by every chart on the page. */
const waiting: (() => void)[] = [];
let frameRequested = false;

function runOne() {
  frameRequested = false;
  waiting.shift()?.();
  if (waiting.length > 0) requestFrame();
}

function requestFrame() {
  if (frameRequested) return;
  frameRequested = true;
  requestAnimationFrame(runOne);
}

/**
 * The value, handed on at most one hook per animation frame: when a refresh brings new data to
 * every chart at once, each chart redraws in a frame of its own instead of all of them in one long
 * task that drops frames. The first value is shown at once; a value replaced before its frame came
 * is never drawn. Where there are no animation frames (a test without them) it hands on at once.
 */
export function useOnePerFrame<T>(value: T): T {
  const [shown, setShown] = useState(value);
  useEffect(() => {
    if (typeof requestAnimationFrame !== 'function') return setShown(() => value);
    const update = () => setShown(() => value);
    waiting.push(update);
    requestFrame();
    return () => {
      const at = waiting.indexOf(update);
      if (at >= 0) waiting.splice(at, 1);
    };
  }, [value]);
  return shown;
}
