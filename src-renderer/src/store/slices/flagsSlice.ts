import type { StateCreator } from 'zustand';
import type { ResponseOf } from '../../../../src-shared/ipc/contract';
import { idle, type Remote } from '../remote';
import type { RingsideState } from '../types';

export type FlagsList = ResponseOf<'flags:list'>;

export interface FlagsSlice {
  flags: Remote<FlagsList>;
}

export const createFlagsSlice: StateCreator<RingsideState, [], [], FlagsSlice> = () => ({
  flags: idle(),
});
