import type { StateCreator } from 'zustand';
import type { RingsideState } from '../types';

export const views = ['flags', 'canary', 'rings', 'audit', 'debt', 'changes'] as const;
export type ViewId = (typeof views)[number];

const STORAGE_KEY = 'ringside.view';

export const isViewId = (value: unknown): value is ViewId => views.includes(value as ViewId);

/** The last view the user looked at; storage may be unavailable (private mode, file://). */
export function readStoredView(): ViewId {
  try {
    const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
    return isViewId(stored) ? stored : 'flags';
  } catch {
    return 'flags';
  }
}

function storeView(view: ViewId): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, view);
  } catch {
    // Remembering the view is a convenience; the switch itself already happened.
  }
}

export interface NavSlice {
  view: ViewId;
  setView(view: ViewId): void;
}

export const createNavSlice: StateCreator<RingsideState, [], [], NavSlice> = (set) => ({
  view: readStoredView(),
  setView(view) {
    storeView(view);
    set({ view });
  },
});
