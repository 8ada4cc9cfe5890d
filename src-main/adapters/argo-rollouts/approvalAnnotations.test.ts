import { RolloutApproval } from '../../../src-shared/domain/governance';
import { RingsideError } from '../../../src-shared/ipc/result';
import { mergePatch } from '../../../test-harness/kube/mergePatch';
import { APPROVAL_KEY, approvalOf, approvePatch, clearPatch, isValid, REQUEST_KEY, requestPatch, type AnnotatedRollout } from './approvalAnnotations';

const T0 = Date.UTC(2026, 4, 14, 10, 0);
const ref = { namespace: 'shop', name: 'checkout' };

/** A rollout as the API server would hold it after a merge patch of its annotations. */
function apply(rollout: AnnotatedRollout, patch: Record<string, unknown> | null): AnnotatedRollout {
  if (patch === null) return rollout;
  const meta = (patch as { metadata: { resourceVersion?: string; annotations: Record<string, unknown> } }).metadata;
  expect(meta.resourceVersion).toBe(rollout.resourceVersion);
  return { ...rollout, annotations: mergePatch(rollout.annotations, meta.annotations) as Record<string, string>, resourceVersion: String(Number(rollout.resourceVersion) + 1) };
}

const fresh = (): AnnotatedRollout => ({ ref, generation: 12, resourceVersion: '100', annotations: { 'rollout.argoproj.io/revision': '4' } });
const requested = () => apply(fresh(), requestPatch(fresh(), { action: 'promote', by: 'alice', reason: 'ring 1 looks fine' }, T0));
const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(RingsideError);
    return error as RingsideError;
  }
  throw new Error('expected a refusal');
};

describe('rollout approvals as annotations', () => {
  it('records a request under ringside.dev/ with requester, action, generation, time and reason; readable with kubectl', () => {
    const rollout = requested();
    expect(JSON.parse(rollout.annotations[REQUEST_KEY]!)).toEqual({
      requester: 'alice', action: 'promote', generation: 12, requestedAt: '2026-05-14T10:00:00.000Z', reason: 'ring 1 looks fine',
    });
    expect(rollout.annotations['rollout.argoproj.io/revision']).toBe('4');
    const approval = approvalOf(rollout)!;
    expect(RolloutApproval.parse(approval)).toEqual({
      rollout: ref, action: 'promote', generation: 12, requestedBy: 'alice', requestedAt: T0, reason: 'ring 1 looks fine', approvedBy: null, approvedAt: null, stale: false,
    });
    expect(isValid(approval, 'promote')).toBe(false);
  });

  it('a second person approves; the approval names the exact action and counts for it only', () => {
    const approved = apply(requested(), approvePatch(requested(), 'bob', T0 + 60_000));
    expect(JSON.parse(approved.annotations[APPROVAL_KEY]!)).toMatchObject({ approver: 'bob', action: 'promote', generation: 12, requester: 'alice' });
    const approval = approvalOf(approved)!;
    expect(approval).toMatchObject({ approvedBy: 'bob', approvedAt: T0 + 60_000, stale: false });
    expect(isValid(approval, 'promote')).toBe(true);
    expect(isValid(approval, 'promoteFull')).toBe(false);
    expect(approvePatch(approved, 'bob', T0)).toBeNull();
    expect(refusal(() => approvePatch(approved, 'carol', T0)).message).toBe('The request to promote shop/checkout is already approved by bob.');
  });

  it('refuses the requester as approver, in words', () => {
    const error = refusal(() => approvePatch(requested(), 'alice', T0));
    expect(error.code).toBe('conflict');
    expect(error.message).toBe('alice asked to promote shop/checkout; the approval has to come from a second person, not from the requester.');
  });

  it('a spec change since the request (generation moved) makes it stale: approving is refused, an earlier approval is void', () => {
    const moved = { ...requested(), generation: 13 };
    expect(approvalOf(moved)!.stale).toBe(true);
    const error = refusal(() => approvePatch(moved, 'bob', T0));
    expect(error).toMatchObject({ code: 'conflict' });
    expect(error.message).toContain('was made for generation 12, but the rollout has changed since (generation 13)');
    const approved = apply(requested(), approvePatch(requested(), 'bob', T0));
    expect(isValid(approvalOf({ ...approved, generation: 13 }), 'promote')).toBe(false);
  });

  it('an approval of an earlier request does not carry over to a new one', () => {
    const approved = apply(requested(), approvePatch(requested(), 'bob', T0));
    const old = approved.annotations[APPROVAL_KEY]!;
    const again = apply(approved, requestPatch(approved, { action: 'promoteFull', by: 'alice', reason: 'skip the rest' }, T0 + 1000));
    expect(again.annotations[APPROVAL_KEY]).toBeUndefined();
    // even if the old approval were put back by hand, it names another request
    const restored = { ...again, annotations: { ...again.annotations, [APPROVAL_KEY]: old } };
    expect(approvalOf(restored)).toMatchObject({ action: 'promoteFull', approvedBy: null });
  });

  it('a live request of someone else is not replaced; one of the same person for the same action is kept as it is', () => {
    const error = refusal(() => requestPatch(requested(), { action: 'advance', by: 'carol', reason: '' }, T0));
    expect(error.message).toBe('alice already asked to promote shop/checkout (waiting for approval). Approve or clear that request before asking for another one.');
    expect(requestPatch(requested(), { action: 'promote', by: 'alice', reason: 'again' }, T0 + 5)).toBeNull();
    expect(requestPatch({ ...requested(), generation: 13 }, { action: 'advance', by: 'carol', reason: '' }, T0)).not.toBeNull();
  });

  it('refuses nameless identities, unknown actions and overlong reasons; no request means nothing to approve', () => {
    expect(refusal(() => requestPatch(fresh(), { action: 'promote', by: '  ', reason: '' }, T0)).code).toBe('bad_request');
    expect(refusal(() => requestPatch(fresh(), { action: 'delete' as never, by: 'alice', reason: '' }, T0)).code).toBe('bad_request');
    expect(refusal(() => requestPatch(fresh(), { action: 'promote', by: 'alice', reason: 'x'.repeat(1001) }, T0)).code).toBe('bad_request');
    expect(refusal(() => approvePatch(fresh(), 'bob', T0)).message).toBe('There is no approval request on rollout shop/checkout; someone has to ask for one first.');
  });

  it('unreadable annotation values read as no request; clear removes both annotations and nothing else', () => {
    expect(approvalOf({ ...fresh(), annotations: { [REQUEST_KEY]: '{not json' } })).toBeNull();
    expect(approvalOf({ ...fresh(), annotations: { [REQUEST_KEY]: JSON.stringify({ requester: 'a', action: 'promote' }) } })).toBeNull();
    const approved = apply(requested(), approvePatch(requested(), 'bob', T0));
    const cleared = apply(approved, clearPatch(approved));
    expect(cleared.annotations).toEqual({ 'rollout.argoproj.io/revision': '4' });
    expect(clearPatch(cleared)).toBeNull();
  });
});
