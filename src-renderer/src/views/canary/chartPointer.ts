import { useSyncExternalStore } from 'react';

/**
 * Where the pointer is over one chart (px from the chart's left edge, null when it is not over it),
 * as a tiny store: moving the mouse re-renders the readout that reads it, never the chart around it.
 */
export interface ChartPointer {
  set(x: number | null): void;
  get(): number | null;
  subscribe(listener: () => void): () => void;
}

export function createChartPointer(): ChartPointer {
  let x: number | null = null;
  const listeners = new Set<() => void>();
  return {
    set(next) {
      if (next === x) return;
      x = next;
      for (const listener of listeners) listener();
    },
    get: () => x,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export const usePointerX = (pointer: ChartPointer): number | null => useSyncExternalStore(pointer.subscribe, pointer.get, pointer.get);
