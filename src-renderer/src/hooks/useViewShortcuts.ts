import { useEffect } from 'react';
import { views } from '../store/slices/navSlice';
import { useRingside } from '../store/useRingside';

/** Alt+1..6 switch views. Uses event.code too: on macOS Alt+digit types a symbol as event.key. */
export function useViewShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      const digit = /^Digit([1-9])$/.exec(event.code)?.[1] ?? (/^[1-9]$/.test(event.key) ? event.key : undefined);
      const view = digit ? views[Number(digit) - 1] : undefined;
      if (!view) return;
      event.preventDefault();
      useRingside.getState().setView(view);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
