import type { AuditSource } from '../../../src-shared/domain/audit';
import type { AfterFactReview } from '../../../src-shared/domain/governance';
import { RingsideError } from '../../../src-shared/ipc/result';
import type { EventBus } from '../events';
import type { Clock } from '../ports';
import type { AfterFactReviewQueries } from '../store/afterFactReviews';
import type { AuditQueries } from '../store/audit';

export interface BreakGlassDeps {
  workspace: { id: string };
  reviews: AfterFactReviewQueries;
  audit: AuditQueries;
  bus: EventBus;
  clock: Clock;
}

export interface BreakGlassAction {
  backend: 'flags' | 'deploy';
  /** flag name, or namespace/name of a rollout */
  target: string;
  /** the flag environment, or 'deploy' */
  environment: string;
  /** the audit action it was, e.g. flag.disabled, rollout.aborted */
  action: string;
  actor: string;
  source: AuditSource;
  reason: string | null;
}

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * Break-glass: a kill or roll-back is never held for a second person, but where releases need one
 * it is flagged "review after the fact" (a row and an audit mark) and listed until someone other
 * than its actor acknowledges it; the acknowledgement is audited too.
 */
export function createBreakGlass(deps: BreakGlassDeps) {
  const { workspace, reviews, audit, clock } = deps;
  const changed = () => deps.bus.emit('state:changed', { domain: 'audit' });
  const objectOf = (review: Pick<AfterFactReview, 'backend' | 'target'>) =>
    review.backend === 'flags'
      ? { objectType: 'flag' as const, objectId: review.target }
      : { objectType: 'rollout' as const, objectId: review.target.slice(review.target.indexOf('/') + 1) };

  function flag(action: BreakGlassAction): AfterFactReview {
    const at = clock.now();
    const auditId = audit.append({
      time: at,
      source: action.source,
      actor: action.actor,
      workspace: workspace.id,
      environment: action.backend === 'flags' ? action.environment : null,
      ...objectOf(action),
      action: 'review.flagged',
      before: null,
      after: { breakGlass: true, backend: action.backend, target: action.target, action: action.action },
      reason: `Break-glass: ${action.action} where releases need a second person; someone else reviews it after the fact.`,
      result: 'open',
    });
    const review = reviews.add(workspace.id, { ...action, at, auditId });
    changed();
    return review;
  }

  function acknowledge(id: number, by: string, note: string | null): AfterFactReview {
    const review = reviews.get(workspace.id, id);
    if (!review) throw new RingsideError('not_found', `There is no break-glass review #${id} in this workspace.`);
    if (review.acknowledgedBy) {
      throw new RingsideError('conflict', `Review #${id} was already acknowledged by ${review.acknowledgedBy}.`);
    }
    if (same(review.actor, by)) {
      throw new RingsideError('conflict', `${by} took this action (${review.action} on ${review.target}); someone else must acknowledge it.`);
    }
    const at = clock.now();
    if (!reviews.acknowledge(workspace.id, id, by, at, note)) {
      throw new RingsideError('conflict', `Review #${id} was acknowledged meanwhile; reload the list.`);
    }
    audit.append({
      time: at,
      source: 'console',
      actor: by,
      workspace: workspace.id,
      environment: review.backend === 'flags' ? review.environment : null,
      ...objectOf(review),
      action: 'review.acknowledged',
      before: { reviewId: id, actor: review.actor, action: review.action, at: review.at },
      after: { note },
      reason: note,
      result: 'acknowledged',
    });
    changed();
    return reviews.get(workspace.id, id)!;
  }

  return {
    flag,
    acknowledge,
    list: (includeAcknowledged = false) => reviews.list(workspace.id, includeAcknowledged),
  };
}
export type BreakGlass = ReturnType<typeof createBreakGlass>;
