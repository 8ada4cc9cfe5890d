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
  selectRelease(releaseId: string): void;
  setVerdict(payload: PayloadOf<'canary:verdict'>): void;
}

export const createCanarySlice: StateCreator<RingsideState, [], [], CanarySlice> = (set) => ({
  releases: idle(),
  selectedReleaseId: null,
  series: idle(),
  verdicts: {},
  selectRelease(releaseId) {
    set({ selectedReleaseId: releaseId });
  },
  setVerdict({ releaseId, outcome, score }) {
    set((state) => ({ verdicts: { ...state.verdicts, [releaseId]: { outcome, score } } }));
  },
});
