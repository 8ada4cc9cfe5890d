import type { RolloutAction } from '../../../src-shared/domain/governance';
import type { RolloutRef } from '../../../src-shared/domain/plan';
import type { RequestOf, ResponseOf } from '../../../src-shared/ipc/contract';
import { fail, type IpcError, type Result } from '../../../src-shared/ipc/result';
import { currentApi } from './bridge';
import { settle } from './loadInto';
import { loadFlags, loadPendingChanges, loadReviews, loadRollouts } from './loaders';
import { loadRings } from './ringLoaders';

type Api = NonNullable<ReturnType<typeof currentApi>>;

const disconnected = () => fail('unavailable', 'The Ringside core is not connected; nothing was changed.');

/** Send one governance request and re-read what it changed; the answer is the Result as main gave it. */
async function command<T>(call: (api: Api) => Promise<Result<T>>, reload: () => Promise<unknown>): Promise<Result<T>> {
  const api = currentApi();
  if (!api) return disconnected();
  const result = await settle(() => call(api));
  await reload();
  return result;
}

export type FlagReviewState = RequestOf<'changes:reviewFlag'>['state'];

/** Approve, reject, apply or cancel a flag change request (the flag server refuses its author's approval). */
export const reviewFlagChange = (id: string, state: FlagReviewState): Promise<Result<ResponseOf<'changes:reviewFlag'>>> =>
  command(
    (api) => api.changes.reviewFlag({ id, state }),
    () => Promise.all([loadPendingChanges(), state === 'Applied' ? loadFlags() : null]),
  );

/** Ask for a flag change through the server's change requests, where a direct change was refused. */
export const requestFlagChange = (request: RequestOf<'changes:requestFlag'>) => command((api) => api.changes.requestFlag(request), loadPendingChanges);

/** Ask a second person to approve a rollout action, for the rollout's current generation. */
export const requestRolloutApproval = (rollout: RolloutRef, action: RolloutAction, reason: string) =>
  command((api) => api.changes.requestRollout({ rollout, action, reason }), loadPendingChanges);

/** Approve the pending request on a rollout (refused for its requester, and when it is stale). */
export const approveRollout = (rollout: RolloutRef) =>
  command((api) => api.changes.approveRollout({ rollout }), () => Promise.all([loadPendingChanges(), loadRollouts(), loadRings()]));

/** Acknowledge a break-glass action after the fact (refused for the person who took it). */
export const acknowledgeReview = (id: number, note: string) =>
  command((api) => api.reviews.acknowledge(note.trim() ? { id, note: note.trim() } : { id }), loadReviews);

/**
 * A release refused because it needs a second person's approval first (four-eyes), as opposed to
 * a blackout (which an override lifts). The core marks it with the permission FOUR_EYES; older
 * wording is recognised by what it says.
 */
export const FOUR_EYES = 'FOUR_EYES';
export function needsApproval(error: IpcError): boolean {
  if (error.code !== 'blocked') return false;
  return error.permission === FOUR_EYES || /four-eyes|second person|needs? (an )?approval|approved by/i.test(error.message);
}
