import type { RolloutAction, RolloutApproval } from '../../../src-shared/domain/governance';
import { RingsideError } from '../../../src-shared/ipc/result';
import type { BackendTracker } from '../backends';
import type { EventBus } from '../events';
import type { Clock, DeployGovernance, RolloutRef } from '../ports';
import type { AuditQueries } from '../store/audit';
import type { Workspace } from '../workspace';
import type { Policy } from './actionPolicy';
import { DEPLOY, type PolicyAction } from './profiles';

export interface RolloutApprovalDeps {
  workspace: Workspace;
  policy: Policy;
  backends: BackendTracker;
  audit: AuditQueries;
  bus: EventBus;
  clock: Clock;
  readonly actor: string;
}

/** The profile an approval's action needs, for the requester and the approver alike. */
const NEEDS: Record<RolloutAction, PolicyAction> = {
  promote: 'rollout.promote',
  promoteFull: 'rollout.promote',
  advance: 'plan.advance',
  installGate: 'gate.install',
};
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
const refName = (ref: RolloutRef) => `${ref.namespace}/${ref.name}`;
const onRollout = (ref: RolloutRef) => (a: RolloutApproval) => a.rollout.namespace === ref.namespace && a.rollout.name === ref.name;

/**
 * Asking for and giving a second person's approval of a rollout action, kept as annotations on the
 * Rollout by the deploy backend. Requests and approvals are made under the Kubernetes identity when
 * the API says who the credentials are (the console's actor otherwise); the audit keeps both.
 */
export function createRolloutApprovals(deps: RolloutApprovalDeps) {
  const { workspace, policy, clock } = deps;

  const governance = (): DeployGovernance => {
    const found = workspace.deploy?.governance;
    if (!workspace.deploy) throw new RingsideError('unavailable', 'No deploy backend is configured for this workspace.');
    if (!found) throw new RingsideError('unavailable', `The ${workspace.deploy.provider} deploy backend keeps no approvals; ask an approver outside Ringside.`);
    return found;
  };

  async function audited(ref: RolloutRef, action: string, what: Record<string, unknown>, reason: string | null, run: () => Promise<RolloutApproval>) {
    const base = { source: 'console' as const, actor: deps.actor, workspace: workspace.id, environment: null, objectType: 'rollout' as const, objectId: ref.name, reason };
    const before = { namespace: ref.namespace };
    const intentId = deps.audit.append({ ...base, time: clock.now(), action: `${action}.requested`, before, after: what, result: 'asked' });
    try {
      const approval = await run();
      const after = { intentId, ...what, action: approval.action, generation: approval.generation, requestedBy: approval.requestedBy, approvedBy: approval.approvedBy };
      deps.audit.append({ ...base, time: clock.now(), action, before, after, result: 'done' });
      return approval;
    } catch (error) {
      deps.audit.append({ ...base, time: clock.now(), action, before, after: { intentId, ...what }, result: `failed: ${message(error).slice(0, 500)}` });
      throw error;
    } finally {
      deps.bus.emit('state:changed', { domain: 'audit' });
      deps.bus.emit('state:changed', { domain: 'rollouts' });
    }
  }

  async function request(req: { rollout: RolloutRef; action: RolloutAction; reason: string }): Promise<RolloutApproval> {
    const gov = governance();
    policy.requireAllowed(NEEDS[req.action], DEPLOY, deps.actor);
    const { by, serverIdentity } = await policy.identities.as('deploy', deps.actor);
    const what = { action: req.action, by, consoleActor: deps.actor, kubernetesUser: serverIdentity };
    return audited(req.rollout, 'rollout.approvalAsked', what, req.reason, () =>
      deps.backends.track('deploy', () => gov.request(req.rollout, { action: req.action, by, reason: req.reason })),
    );
  }

  async function approve(req: { rollout: RolloutRef }): Promise<RolloutApproval> {
    const gov = governance();
    const pending = (await deps.backends.track('deploy', () => gov.approvals())).find(onRollout(req.rollout));
    if (!pending) throw new RingsideError('not_found', `Nobody has asked for an approval on ${refName(req.rollout)}.`);
    policy.requireAllowed(NEEDS[pending.action], DEPLOY, deps.actor);
    const { by, serverIdentity } = await policy.identities.as('deploy', deps.actor);
    // The deploy backend refuses this too; the core does not rely on it.
    if (same(pending.requestedBy, by) || same(pending.requestedBy, deps.actor)) {
      throw new RingsideError('conflict', `${by} asked for this approval (${pending.action} of ${refName(req.rollout)}); a second person must approve it.`);
    }
    if (pending.stale) {
      throw new RingsideError('conflict', `${refName(req.rollout)} changed since ${pending.requestedBy} asked (generation ${pending.generation}); the request is void: ask again.`);
    }
    const what = { action: pending.action, by, consoleActor: deps.actor, kubernetesUser: serverIdentity, requestedBy: pending.requestedBy };
    return audited(req.rollout, 'rollout.approved', what, null, () => deps.backends.track('deploy', () => gov.approve(req.rollout, by)));
  }

  async function list(): Promise<{ approvals: RolloutApproval[]; available: boolean; notice: string | null }> {
    const gov = workspace.deploy?.governance;
    if (!gov) return { approvals: [], available: false, notice: null };
    try {
      return { approvals: await deps.backends.track('deploy', () => gov.approvals()), available: true, notice: null };
    } catch (error) {
      return { approvals: [], available: true, notice: `The rollouts' approvals could not be read: ${message(error)}` };
    }
  }

  return { request, approve, list };
}
