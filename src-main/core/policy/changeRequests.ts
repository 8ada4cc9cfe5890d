import type { NewAuditEvent } from '../../../src-shared/domain/audit';
import type { ChangeRequestState, FlagChangeRequest } from '../../../src-shared/domain/governance';
import { RingsideError } from '../../../src-shared/ipc/result';
import type { BackendTracker } from '../backends';
import type { EventBus } from '../events';
import type { FlagService } from '../flags/flagService';
import type { Clock, FlagChangeRequests } from '../ports';
import type { AuditQueries } from '../store/audit';
import type { Workspace } from '../workspace';
import type { Policy } from './actionPolicy';

export interface ChangeRequestDeps {
  workspace: Workspace;
  policy: Policy;
  flags: Pick<FlagService, 'environments' | 'applyState'>;
  backends: BackendTracker;
  audit: AuditQueries;
  bus: EventBus;
  clock: Clock;
  readonly actor: string;
  /** the release windows: applying a change that turns a flag on in production is a release */
  releaseGate?: (what: string, override: string | undefined, actor?: string) => void;
}

type Review = Exclude<ChangeRequestState, 'Draft' | 'In review' | 'Scheduled'>;
const VERB: Record<Review, string> = { Approved: 'approved', Applied: 'applied', Rejected: 'rejected', Cancelled: 'cancelled' };
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * Flag changes through the flag server's change requests, where an environment requires them:
 * Ringside asks, lists, and moves a request on; the server keeps it and enforces who may approve.
 * Each step is audited as an intent and an outcome. The intent is not left 'pending': the request
 * lives on the server, where `changes:list` finds it after a restart, so there is nothing to reconcile.
 */
export function createChangeRequests(deps: ChangeRequestDeps) {
  const { workspace, policy, clock } = deps;

  async function api(): Promise<FlagChangeRequests> {
    const requests = workspace.flags?.governance?.changeRequests;
    if (!workspace.flags) throw new RingsideError('unavailable', 'No flag backend is configured for this workspace.');
    if (!requests || !(await deps.backends.track('flags', () => requests.available()))) {
      throw new RingsideError(
        'unavailable',
        'This flag server offers no change-request API Ringside can use (Unleash Enterprise has one): an approver must make the change in Unleash itself.',
      );
    }
    return requests;
  }

  /** Intent, then the server, then the outcome with what it answered. */
  async function audited<T>(
    target: { flag: string; environment: string },
    action: string,
    intent: { before: unknown; after: unknown; reason: string | null },
    run: () => Promise<T>,
    outcome: (value: T) => { after: Record<string, unknown>; result: string },
  ): Promise<T> {
    const base: Omit<NewAuditEvent, 'time' | 'action' | 'before' | 'after' | 'result'> = {
      source: 'console',
      actor: deps.actor,
      workspace: workspace.id,
      environment: target.environment,
      objectType: 'flag',
      objectId: target.flag,
      reason: intent.reason,
    };
    const intentId = deps.audit.append({ ...base, time: clock.now(), action: `${action}.requested`, before: intent.before, after: intent.after, result: 'asked' });
    try {
      const value = await run();
      const done = outcome(value);
      deps.audit.append({ ...base, time: clock.now(), action, before: intent.before, after: { intentId, ...done.after }, result: done.result });
      return value;
    } catch (error) {
      deps.audit.append({ ...base, time: clock.now(), action, before: intent.before, after: { intentId }, result: `failed: ${message(error).slice(0, 500)}` });
      throw error;
    } finally {
      deps.bus.emit('state:changed', { domain: 'audit' });
      deps.bus.emit('state:changed', { domain: 'flags' });
    }
  }

  async function request(req: { flag: string; environment: string; enabled: boolean; reason: string }): Promise<FlagChangeRequest> {
    policy.requireAllowed(req.enabled ? 'flag.on' : 'flag.off', req.environment, deps.actor);
    const known = deps.flags.environments();
    if (known.length > 0 && !known.some((e) => e.name === req.environment)) {
      throw new RingsideError('not_found', `This workspace has no environment "${req.environment}".`);
    }
    const requests = await api();
    const identity = await policy.identities.as('flags', deps.actor);
    return audited(
      req,
      'flag.changeRequest.created',
      { before: null, after: { enabled: req.enabled, requestedAs: identity.serverIdentity }, reason: req.reason },
      () => deps.backends.track('flags', () => requests.create({ flag: req.flag, environment: req.environment, enabled: req.enabled })),
      (created) => ({ after: { id: created.id, state: created.state, requestedBy: created.requestedBy }, result: 'created' }),
    );
  }

  async function review(req: { id: string; state: Review; reason?: string }): Promise<FlagChangeRequest> {
    const requests = await api();
    const found = (await deps.backends.track('flags', () => requests.pending())).find((r) => r.id === req.id);
    if (!found) throw new RingsideError('not_found', `There is no pending change request ${req.id.slice(0, 64)}; reload the list.`);
    const where = `${found.flag} in ${found.environment}`;
    const moving = req.state === 'Approved' || req.state === 'Applied';
    policy.requireAllowed(moving ? (found.enabled ? 'flag.on' : 'flag.off') : 'change.review', found.environment, deps.actor);
    const identity = await policy.identities.as('flags', deps.actor);
    if (req.state === 'Approved' && (same(found.requestedBy, identity.by) || same(found.requestedBy, deps.actor))) {
      throw new RingsideError('conflict', `${identity.by} asked for this change to ${where}; a second person must approve it.`);
    }
    if (req.state === 'Applied' && found.enabled && policy.profiles.isProductionEnvironment(found.environment)) {
      // During a blackout the reason given with Applied is the override reason (audited by the windows).
      deps.releaseGate?.(`Applying change request ${found.id} (turning ${where} on)`, req.reason, deps.actor);
    }
    const before = { id: found.id, state: found.state, enabled: found.enabled, requestedBy: found.requestedBy, approvedBy: found.approvedBy };
    let confirmed = true;
    const moved = await audited(
      found,
      `flag.changeRequest.${VERB[req.state]}`,
      { before, after: { state: req.state, reviewedAs: identity.serverIdentity }, reason: req.reason ?? null },
      async () => {
        const next = await deps.backends.track('flags', () => requests.setState(found.id, req.state));
        if (req.state !== 'Applied') return { next, state: null };
        // Shown as changed only once the server reads back what the request did.
        const provider = workspace.flags!;
        const state = await deps.backends.track('flags', () => provider.readState(found.flag, found.environment));
        confirmed = state.enabled === found.enabled;
        if (confirmed) deps.flags.applyState(found.flag, state, clock.now());
        return { next, state };
      },
      ({ next, state }) => ({
        after: { state: next.state, approvedBy: next.approvedBy, ...(state ? { flagState: state } : {}) },
        result: req.state === 'Applied' ? (confirmed ? 'confirmed' : 'unconfirmed') : 'done',
      }),
    );
    if (!confirmed) {
      throw new RingsideError('conflict', `Change request ${found.id} was applied, but ${where} reads back ${found.enabled ? 'off' : 'on'}; someone else may have changed it. Reload and check.`);
    }
    return moved.next;
  }

  /** Pending requests where the server has the API; `available: false` where it has none. */
  async function pending(): Promise<{ requests: FlagChangeRequest[]; available: boolean; notice: string | null }> {
    const requests = workspace.flags?.governance?.changeRequests;
    if (!requests) return { requests: [], available: false, notice: null };
    try {
      if (!(await requests.available())) return { requests: [], available: false, notice: null };
      return { requests: await deps.backends.track('flags', () => requests.pending()), available: true, notice: null };
    } catch (error) {
      return { requests: [], available: true, notice: `The flag server's change requests could not be read: ${message(error)}` };
    }
  }

  return { request, review, pending };
}
