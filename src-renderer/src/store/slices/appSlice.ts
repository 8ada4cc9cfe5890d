import type { StateCreator } from 'zustand';
import type { ResponseOf } from '../../../../src-shared/ipc/contract';
import { idle, type Remote } from '../remote';
import type { RingsideState } from '../types';

export type AppInfo = ResponseOf<'app:info'>;

export interface AppSlice {
  info: Remote<AppInfo>;
  dismissedNotices: string[];
  dismissNotice(notice: string): void;
}

export const createAppSlice: StateCreator<RingsideState, [], [], AppSlice> = (set) => ({
  info: idle(),
  dismissedNotices: [],
  dismissNotice(notice) {
    set((state) => ({ dismissedNotices: [...state.dismissedNotices, notice] }));
  },
});
