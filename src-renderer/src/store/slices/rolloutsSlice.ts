import type { StateCreator } from 'zustand';
import type { ResponseOf } from '../../../../src-shared/ipc/contract';
import { idle, type Remote } from '../remote';
import type { RingsideState } from '../types';

export type RolloutsList = ResponseOf<'rollouts:list'>;

export interface RolloutsSlice {
  rollouts: Remote<RolloutsList>;
}

export const createRolloutsSlice: StateCreator<RingsideState, [], [], RolloutsSlice> = () => ({
  rollouts: idle(),
});
