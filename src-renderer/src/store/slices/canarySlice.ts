import type { StateCreator } from 'zustand';
import type { MetricSeries } from '../../../../src-shared/domain/canary';
import type { PayloadOf, ResponseOf } from '../../../../src-shared/ipc/contract';
import { idle, type Remote } from '../remote';
import type { RingsideState } from '../types';

export type ReleasesList = ResponseOf<'canary:releases'>;
export type Verdict = Omit<PayloadOf<'canary:verdict'>, 'releaseId'>;

/** The series of one release over one window; kept while the next refresh is in flight. */
export interface SeriesWindow {
  releaseId: string;
  from: number;
  to: number;
  series: MetricSeries[];
}

export interface CanarySlice {
  releases: Remote<ReleasesList>;
  selectedReleaseId: string | null;
  series: Remote<SeriesWindow>;
  verdicts: Record<string, Verdict>;
  /** the moment the charts are centred on (opened from an audit event); null follows now */
  canaryAt: number | null;
  selectRelease(releaseId: string): void;
  /** Show a release's charts around a past moment, or back to live with null. */
  showCanaryAt(releaseId: string, time: number | null): void;
  setVerdict(payload: PayloadOf<'canary:verdict'>): void;
}

export const createCanarySlice: StateCreator<RingsideState, [], [], CanarySlice> = (set) => ({
  releases: idle(),
  selectedReleaseId: null,
  series: idle(),
  verdicts: {},
  canaryAt: null,
  selectRelease(releaseId) {
    set({ selectedReleaseId: releaseId });
  },
  showCanaryAt(releaseId, time) {
    set({ selectedReleaseId: releaseId, canaryAt: time });
  },
  setVerdict({ releaseId, outcome, score }) {
    set((state) => ({ verdicts: { ...state.verdicts, [releaseId]: { outcome, score } } }));
  },
});
