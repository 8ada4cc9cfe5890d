import type { StateCreator } from 'zustand';
import type { AuditEvent } from '../../../../src-shared/domain/audit';
import type { IpcError } from '../../../../src-shared/ipc/result';
import type { RingsideState } from '../types';

export interface AuditState {
  /** newest first, no duplicates */
  events: AuditEvent[];
  /** cursor for the next older page; null when the oldest event is shown */
  nextBeforeId: number | null;
  loaded: boolean;
  loading: boolean;
  error: IpcError | null;
}

export interface AuditSlice {
  audit: AuditState;
}

export const emptyAudit = (): AuditState => ({ events: [], nextBeforeId: null, loaded: false, loading: false, error: null });

export const createAuditSlice: StateCreator<RingsideState, [], [], AuditSlice> = () => ({
  audit: emptyAudit(),
});
