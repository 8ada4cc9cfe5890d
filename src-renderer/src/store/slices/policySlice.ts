import type { StateCreator } from 'zustand';
import type { ResponseOf } from '../../../../src-shared/ipc/contract';
import { idle, type Remote } from '../remote';
import type { RingsideState } from '../types';

export type PolicyAnswer = ResponseOf<'policy:get'>;
export type PendingChanges = ResponseOf<'changes:list'>;
export type ReviewsList = ResponseOf<'reviews:list'>;

/**
 * What the core says the person at the console may do here (profiles, four-eyes, the servers'
 * RBAC answers), and the releases and break-glass actions waiting for a second person. The UI
 * only mirrors these: the core refuses whatever they do not allow, whoever asks.
 */
export interface PolicySlice {
  policy: Remote<PolicyAnswer>;
  pendingChanges: Remote<PendingChanges>;
  reviews: Remote<ReviewsList>;
  /** the review list also shows acknowledged break-glass actions */
  reviewsIncludeAcknowledged: boolean;
  setReviewsIncludeAcknowledged(include: boolean): void;
}

export const createPolicySlice: StateCreator<RingsideState, [], [], PolicySlice> = (set) => ({
  policy: idle(),
  pendingChanges: idle(),
  reviews: idle(),
  reviewsIncludeAcknowledged: false,
  setReviewsIncludeAcknowledged(include) {
    set({ reviewsIncludeAcknowledged: include });
  },
});
