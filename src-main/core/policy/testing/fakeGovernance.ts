/**
 * In-memory fakes of the governance ports, for the core's own tests of profiles, four-eyes and
 * break-glass. They keep the ports' rules (the requester cannot approve, a stale request is void)
 * so the core's checks are exercised beside them; the real adapters are tested against real or
 * contract servers by their own tests.
 */
import type { CapabilityCheck, ChangeRequestState, FlagChangeRequest, RolloutAction, RolloutApproval } from '../../../../src-shared/domain/governance';
import { RingsideError } from '../../../../src-shared/ipc/result';
import type { DeployGovernance, FlagGovernance, RolloutRef } from '../../ports';

const key = (ref: RolloutRef) => `${ref.namespace}/${ref.name}`;

/** Rollout approvals as annotations would hold them; `generation` stands for the Rollout's metadata.generation. */
export function fakeDeployGovernance(now: () => number) {
  const control = { identity: null as string | null, generation: 1, capabilities: [] as CapabilityCheck[] };
  const held = new Map<string, Omit<RolloutApproval, 'stale'>>();
  const calls: string[] = [];
  const view = (a: Omit<RolloutApproval, 'stale'>): RolloutApproval => ({ ...a, stale: a.generation !== control.generation });
  const governance: DeployGovernance = {
    capabilities: async () => control.capabilities,
    whoAmI: async () => control.identity,
    approvals: async () => [...held.values()].map(view),
    async request(ref, input) {
      calls.push(`request ${input.action} by ${input.by}`);
      const approval = { rollout: ref, action: input.action, generation: control.generation, requestedBy: input.by, requestedAt: now(), reason: input.reason, approvedBy: null, approvedAt: null };
      held.set(key(ref), approval);
      return view(approval);
    },
    async approve(ref, by) {
      calls.push(`approve by ${by}`);
      const found = held.get(key(ref));
      if (!found) throw new RingsideError('conflict', `No approval request on ${key(ref)}.`);
      if (found.requestedBy === by) throw new RingsideError('conflict', 'The requester cannot approve their own request.');
      if (view(found).stale) throw new RingsideError('conflict', 'The rollout changed since the request; it is void.');
      const approved = { ...found, approvedBy: by, approvedAt: now() };
      held.set(key(ref), approved);
      return view(approved);
    },
    async validApproval(ref, action: RolloutAction) {
      const found = held.get(key(ref));
      if (!found || found.action !== action || !found.approvedBy || found.approvedBy === found.requestedBy) return null;
      const current = view(found);
      return current.stale ? null : current;
    },
    async clear(ref) {
      calls.push(`clear ${key(ref)}`);
      held.delete(key(ref));
    },
  };
  return { governance, control, calls, held };
}

/**
 * A flag server's change requests (Unleash Enterprise's, in memory): `apply` is called with the
 * change when a request is Applied, so the test's flag server changes as the real one would.
 */
export function fakeFlagGovernance(options: {
  changeRequestEnvironments: string[] | null;
  api: boolean;
  apply: (change: { flag: string; environment: string; enabled: boolean }) => void;
  now: () => number;
}) {
  const control = { identity: null as string | null, author: 'ana' };
  const requests = new Map<string, FlagChangeRequest>();
  const calls: string[] = [];
  const governance: FlagGovernance = {
    capabilities: async (environments) =>
      environments.map((scope) => ({ capability: 'flags.toggle' as const, scope, allowed: true, reason: null, permission: 'UPDATE_FEATURE_ENVIRONMENT' })),
    whoAmI: async () => control.identity,
    changeRequestEnvironments: async () => options.changeRequestEnvironments,
  };
  if (options.api) {
    governance.changeRequests = {
      available: async () => true,
      async create(input) {
        calls.push(`create ${input.flag} ${input.environment} ${input.enabled}`);
        const id = String(requests.size + 1);
        const created: FlagChangeRequest = { ...input, id, state: 'In review', requestedBy: control.author, requestedAt: options.now(), approvedBy: [] };
        requests.set(id, created);
        return created;
      },
      pending: async () => [...requests.values()].filter((r) => !['Applied', 'Cancelled', 'Rejected'].includes(r.state)),
      async setState(id, state: ChangeRequestState) {
        calls.push(`${state} ${id} by ${control.author}`);
        const found = requests.get(id);
        if (!found) throw new RingsideError('not_found', `No change request ${id}.`);
        if (state === 'Approved' && found.requestedBy === control.author) throw new RingsideError('forbidden', 'You cannot approve your own change request.');
        if (state === 'Applied' && found.state !== 'Approved') throw new RingsideError('conflict', 'The change request is not approved.');
        const next = { ...found, state, approvedBy: state === 'Approved' ? [...found.approvedBy, control.author] : found.approvedBy };
        requests.set(id, next);
        if (state === 'Applied') options.apply(found);
        return next;
      },
    };
  }
  return { governance, control, calls, requests };
}
