import type { StateCreator } from 'zustand';
import type { AuditEvent } from '../../../../src-shared/domain/audit';
import type { RequestOf, ResponseOf } from '../../../../src-shared/ipc/contract';
import type { IpcError } from '../../../../src-shared/ipc/result';
import { idle, type Remote } from '../remote';
import type { RingsideState } from '../types';

/** The Audit view's filters, as the contract takes them (times in epoch ms). */
export type AuditFilter = Omit<RequestOf<'audit:count'>, 'afterId'>;
export type AuditStatus = ResponseOf<'audit:status'>;
export type DoraReport = ResponseOf<'audit:dora'>;
export type AuditExport = ResponseOf<'audit:export'>;

export interface AuditState {
  filter: AuditFilter;
  /** bumped by every new filter or reload, so a late page of an older list is dropped */
  generation: number;
  /** the list holds the events with ids up to this one, as they were when it was loaded */
  anchorId: number | null;
  /** how many events the filter matches under the anchor; null until counted */
  total: number | null;
  /** fixed-size pages of the list by page number, newest first; far pages are dropped again */
  pages: Record<number, AuditEvent[]>;
  loadingPages: number[];
  /** events written since the list was loaded that match the filter */
  newer: number;
  selected: AuditEvent | null;
  loaded: boolean;
  loading: boolean;
  error: IpcError | null;
}

export interface ExportState {
  running: boolean;
  last: AuditExport | null;
  error: IpcError | null;
}

export interface AuditSlice {
  audit: AuditState;
  auditStatus: Remote<AuditStatus>;
  dora: Remote<DoraReport>;
  auditExport: ExportState;
}

export const emptyAudit = (filter: AuditFilter = {}, generation = 0): AuditState => ({
  filter,
  generation,
  anchorId: null,
  total: null,
  pages: {},
  loadingPages: [],
  newer: 0,
  selected: null,
  loaded: false,
  loading: false,
  error: null,
});

export const createAuditSlice: StateCreator<RingsideState, [], [], AuditSlice> = () => ({
  audit: emptyAudit(),
  auditStatus: idle(),
  dora: idle(),
  auditExport: { running: false, last: null, error: null },
});
