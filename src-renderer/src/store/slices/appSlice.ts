import type { StateCreator } from 'zustand';
import type { ResponseOf } from '../../../../src-shared/ipc/contract';
import type { Liveness } from '../../transport/liveness';
import { idle, type Remote } from '../remote';
import type { RingsideState } from '../types';

export type AppInfo = ResponseOf<'app:info'>;

export interface AppSlice {
  info: Remote<AppInfo>;
  dismissedNotices: string[];
  dismissNotice(notice: string): void;
  /**
   * Whether the core answers, as the transport last said. A session without a heartbeat (tests'
   * fake bridge) stays "connecting", which shows nothing and disables nothing.
   */
  liveness: Liveness;
  setLiveness(liveness: Liveness): void;
}

export const createAppSlice: StateCreator<RingsideState, [], [], AppSlice> = (set) => ({
  info: idle(),
  dismissedNotices: [],
  dismissNotice(notice) {
    set((state) => ({ dismissedNotices: [...state.dismissedNotices, notice] }));
  },
  liveness: { status: 'connecting', via: 'loopback', pollMs: null },
  setLiveness(liveness) {
    set({ liveness });
  },
});

/** The console acts only when the core is known to answer or has not yet been heard (just opened). */
export const isCoreOffline = (state: Pick<AppSlice, 'liveness'>) => state.liveness.status === 'offline';
