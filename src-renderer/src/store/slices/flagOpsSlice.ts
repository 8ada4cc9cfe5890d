import type { StateCreator } from 'zustand';
import type { RequestOf, ResponseOf } from '../../../../src-shared/ipc/contract';
import type { IpcError } from '../../../../src-shared/ipc/result';
import type { RingsideState } from '../types';

/** A change to one flag in one environment, as the console asked for it. */
export type FlagOpRequest =
  | ({ kind: 'enabled' } & RequestOf<'flags:setEnabled'>)
  | ({ kind: 'rollout' } & RequestOf<'flags:setRollout'>);

/**
 * Where a change stands. Pending until the server confirmed it by reading it back; failed keeps
 * the request so Retry can send it again.
 */
export type FlagOp =
  | { status: 'pending'; request: FlagOpRequest }
  | { status: 'confirmed'; request: FlagOpRequest; confirmedAt: number }
  | { status: 'failed'; request: FlagOpRequest; error: IpcError };

export type BulkKill =
  | { status: 'idle' }
  | { status: 'pending'; tag: string; environment: string }
  | { status: 'done'; tag: string; environment: string; results: ResponseOf<'flags:killByTag'>['results'] }
  | { status: 'failed'; tag: string; environment: string; error: IpcError };

/** Asking main to keep a failed kill trying, or to stop: on its way, or why main refused. */
export type RetryAction = 'keepTrying' | 'cancel';
export type RetryCall = { status: 'pending'; action: RetryAction } | { status: 'failed'; action: RetryAction; error: IpcError };

/** One key per (flag, environment); JSON keeps names containing any separator apart. */
export const opKey = (flag: string, environment: string) => JSON.stringify([flag, environment]);

export interface FlagOpsSlice {
  /** the latest change made from this console per opKey(flag, environment) */
  flagOps: Record<string, FlagOp>;
  bulkKill: BulkKill;
  /** keepTrying / cancelRetry calls per opKey(flag, environment), until main answered yes */
  retryCalls: Record<string, RetryCall>;
}

export const createFlagOpsSlice: StateCreator<RingsideState, [], [], FlagOpsSlice> = () => ({
  flagOps: {},
  bulkKill: { status: 'idle' },
  retryCalls: {},
});
