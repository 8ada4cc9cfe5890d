import { z } from 'zod';
import { RolloutAction, type RolloutApproval } from '../../../src-shared/domain/governance';
import { RingsideError } from '../../../src-shared/ipc/result';
import type { RolloutRef } from '../../core/ports';

/**
 * Four-eyes on a Rollout, kept as two annotations under Ringside's own prefix so that every
 * console reading the cluster sees the same request and approval, and `kubectl get -o yaml`
 * shows them to a person:
 *   ringside.dev/approval-request  {"requester","action","generation","requestedAt","reason"}
 *   ringside.dev/approval          {"approver","approvedAt","requester","action","generation","requestedAt"}
 * The approval repeats what it approves, so it counts only for that very request: the same
 * action, the same requester and time, the same metadata.generation. A spec change moves the
 * generation and voids both. Times are RFC 3339 in the annotations, milliseconds in the domain.
 * The identities are recorded as the caller gives them (trimmed); who they are is the core's choice.
 */

export const ANNOTATION_PREFIX = 'ringside.dev/';
export const REQUEST_KEY = `${ANNOTATION_PREFIX}approval-request`;
export const APPROVAL_KEY = `${ANNOTATION_PREFIX}approval`;
export const MAX_REASON = 1000;
const MAX_IDENTITY = 256;

const Instant = z.string().refine((s) => Number.isFinite(Date.parse(s)), 'must be an RFC 3339 time');
const Identity = z.string().min(1).max(MAX_IDENTITY);

const RequestValue = z.object({
  requester: Identity,
  action: RolloutAction,
  generation: z.number().int().nonnegative(),
  requestedAt: Instant,
  reason: z.string().max(MAX_REASON),
});
type RequestValue = z.infer<typeof RequestValue>;

const ApprovalValue = RequestValue.omit({ reason: true }).extend({ approver: Identity, approvedAt: Instant });
type ApprovalValue = z.infer<typeof ApprovalValue>;

/** What Ringside reads of a Rollout for its approvals. */
export interface AnnotatedRollout {
  ref: RolloutRef;
  /** metadata.generation now */
  generation: number;
  resourceVersion: string | undefined;
  annotations: Record<string, string>;
}

function parseValue<T>(schema: z.ZodType<T>, text: string | undefined): T | null {
  if (text === undefined) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const sameRequest = (a: Omit<RequestValue, 'reason'>, b: Omit<RequestValue, 'reason'>) =>
  a.requester === b.requester && a.action === b.action && a.generation === b.generation && Date.parse(a.requestedAt) === Date.parse(b.requestedAt);

/**
 * The request on this rollout and its approval, null when there is no readable request. An approval
 * of another request (an older one, hand-edited) is not this request's approval.
 */
export function approvalOf(rollout: AnnotatedRollout): RolloutApproval | null {
  const request = parseValue(RequestValue, rollout.annotations[REQUEST_KEY]);
  if (!request) return null;
  const approval = parseValue(ApprovalValue, rollout.annotations[APPROVAL_KEY]);
  const approved = approval && sameRequest(approval, request) ? approval : null;
  return {
    rollout: { namespace: rollout.ref.namespace, name: rollout.ref.name },
    action: request.action,
    generation: request.generation,
    requestedBy: request.requester,
    requestedAt: Date.parse(request.requestedAt),
    reason: request.reason,
    approvedBy: approved?.approver ?? null,
    approvedAt: approved ? Date.parse(approved.approvedAt) : null,
    stale: rollout.generation !== request.generation,
  };
}

/** Approved by a second person, for this action, and the rollout unchanged since the request. */
export const isValid = (approval: RolloutApproval | null, action: RolloutAction): approval is RolloutApproval =>
  approval !== null &&
  approval.action === action &&
  !approval.stale &&
  approval.approvedBy !== null &&
  approval.approvedBy !== approval.requestedBy;

const named = (ref: RolloutRef) => `${ref.namespace}/${ref.name}`;
const verb = (action: RolloutAction) =>
  ({ promote: 'promote', promoteFull: 'fully promote', advance: 'advance the ring of', installGate: 'install a gate on' })[action];

function identity(by: string, what: string): string {
  const trimmed = typeof by === 'string' ? by.trim() : '';
  if (!trimmed || trimmed.length > MAX_IDENTITY) throw new RingsideError('bad_request', `${what} must be named (1 to ${MAX_IDENTITY} characters).`);
  return trimmed;
}

/** The merge patch that records a new request (and drops any earlier approval), or null when an equal one is pending. */
export function requestPatch(
  rollout: AnnotatedRollout,
  input: { action: RolloutAction; by: string; reason: string },
  now: number,
): Record<string, unknown> | null {
  const requester = identity(input.by, 'Who asks for the approval');
  if (!RolloutAction.safeParse(input.action).success) throw new RingsideError('bad_request', `"${String(input.action).slice(0, 40)}" is not a rollout action that needs approval.`);
  const reason = typeof input.reason === 'string' ? input.reason.trim() : '';
  if (reason.length > MAX_REASON) throw new RingsideError('bad_request', `The reason is ${reason.length} characters long; at most ${MAX_REASON} are kept.`);
  const current = approvalOf(rollout);
  if (current && !current.stale) {
    if (current.requestedBy === requester && current.action === input.action) return null;
    if (current.requestedBy !== requester) {
      const state = current.approvedBy ? `approved by ${current.approvedBy}` : 'waiting for approval';
      throw new RingsideError(
        'conflict',
        `${current.requestedBy} already asked to ${verb(current.action)} ${named(rollout.ref)} (${state}). Approve or clear that request before asking for another one.`,
      );
    }
  }
  const value: RequestValue = { requester, action: input.action, generation: rollout.generation, requestedAt: new Date(now).toISOString(), reason };
  return annotationsPatch(rollout, { [REQUEST_KEY]: JSON.stringify(value), [APPROVAL_KEY]: null });
}

/** The merge patch that approves the pending request as `by`, or null when `by` approved it already; refused in words otherwise. */
export function approvePatch(rollout: AnnotatedRollout, by: string, now: number): Record<string, unknown> | null {
  const approver = identity(by, 'Who approves');
  const current = approvalOf(rollout);
  const where = named(rollout.ref);
  if (!current) throw new RingsideError('conflict', `There is no approval request on rollout ${where}; someone has to ask for one first.`);
  if (current.stale) {
    throw new RingsideError(
      'conflict',
      `The request to ${verb(current.action)} ${where} was made for generation ${current.generation}, but the rollout has changed since ` +
        `(generation ${rollout.generation}); it no longer applies. Ask for a new approval of the rollout as it is now.`,
    );
  }
  if (current.requestedBy === approver) {
    throw new RingsideError('conflict', `${approver} asked to ${verb(current.action)} ${where}; the approval has to come from a second person, not from the requester.`);
  }
  if (current.approvedBy === approver) return null;
  if (current.approvedBy) throw new RingsideError('conflict', `The request to ${verb(current.action)} ${where} is already approved by ${current.approvedBy}.`);
  const value: ApprovalValue = {
    approver,
    approvedAt: new Date(now).toISOString(),
    requester: current.requestedBy,
    action: current.action,
    generation: current.generation,
    requestedAt: new Date(current.requestedAt).toISOString(),
  };
  return annotationsPatch(rollout, { [APPROVAL_KEY]: JSON.stringify(value) });
}

/** The merge patch that removes both annotations, or null when neither is there. */
export function clearPatch(rollout: AnnotatedRollout): Record<string, unknown> | null {
  if (!(REQUEST_KEY in rollout.annotations) && !(APPROVAL_KEY in rollout.annotations)) return null;
  return annotationsPatch(rollout, { [REQUEST_KEY]: null, [APPROVAL_KEY]: null });
}

/** A JSON merge patch of the annotations only; the resourceVersion read makes it fail (409) if the rollout moved on meanwhile. */
function annotationsPatch(rollout: AnnotatedRollout, annotations: Record<string, string | null>): Record<string, unknown> {
  return { metadata: { ...(rollout.resourceVersion ? { resourceVersion: rollout.resourceVersion } : {}), annotations } };
}
