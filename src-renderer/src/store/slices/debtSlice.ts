import type { StateCreator } from 'zustand';
import type { ResponseOf } from '../../../../src-shared/ipc/contract';
import { idle, type Remote } from '../remote';
import type { RingsideState } from '../types';

export type FlagDebt = ResponseOf<'flags:debt'>;

export interface DebtSlice {
  debt: Remote<FlagDebt>;
}

export const createDebtSlice: StateCreator<RingsideState, [], [], DebtSlice> = () => ({
  debt: idle(),
});
