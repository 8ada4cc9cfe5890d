import type { AfterFactReview, FlagChangeRequest, RolloutApproval } from '../../../src-shared/domain/governance';
import type { WorkspaceEntry } from '../../../src-shared/ipc/channels/workspaceChannels';
import type { ResponseOf } from '../../../src-shared/ipc/contract';
import { fail, ok } from '../../../src-shared/ipc/result';
import type { HandlerMap } from './fakeBridge';
import { NOW } from './fixtures';

type GovernanceChannel =
  | 'policy:get'
  | 'changes:list'
  | 'changes:requestFlag'
  | 'changes:reviewFlag'
  | 'changes:requestRollout'
  | 'changes:approveRollout'
  | 'reviews:list'
  | 'reviews:acknowledge'
  | 'workspaces:list'
  | 'workspaces:save'
  | 'workspaces:remove'
  | 'workspaces:test'
  | 'workspaces:open';

export type Policy = ResponseOf<'policy:get'>;

/** The person at the console, as the fake bridge's workspace:identity names them. */
export const ME = 'oncall';

/** A releaser everywhere, nothing denied: what the console shows when nothing is restricted. */
export function policyOf(patch: Partial<Policy> = {}): Policy {
  return {
    scopes: [
      { scope: 'development', profile: 'releaser', production: false, fourEyes: false },
      { scope: 'production', profile: 'releaser', production: true, fourEyes: false },
      { scope: 'deploy', profile: 'releaser', production: false, fourEyes: false },
    ],
    capabilities: [],
    identity: { flags: null, deploy: null },
    checkedAt: NOW,
    notices: [],
    ...patch,
  };
}

export const demoEntry: WorkspaceEntry = {
  id: 'demo',
  name: 'Demo fleet',
  kind: 'demo',
  production: false,
  source: 'demo',
  config: null,
  secrets: {},
  sessionOnly: false,
  open: true,
};

export interface FakeGovernanceOptions {
  policy?: Policy;
  flagRequests?: FlagChangeRequest[];
  rolloutApprovals?: RolloutApproval[];
  reviews?: AfterFactReview[];
  workspaces?: WorkspaceEntry[];
}

/**
 * The governance and workspace channels over in-memory state, refusing what the core refuses:
 * approving one's own request, a stale rollout approval, acknowledging one's own break-glass
 * action. Saved secrets are only remembered as set or not set, as main answers them.
 */
export function fakeGovernanceHandlers(options: FakeGovernanceOptions = {}): Pick<HandlerMap, GovernanceChannel> {
  let flagRequests = structuredClone(options.flagRequests ?? []);
  let approvals = structuredClone(options.rolloutApprovals ?? []);
  let reviews = structuredClone(options.reviews ?? []);
  let workspaces = structuredClone(options.workspaces ?? [demoEntry]);
  let nextId = 100;
  const sameRollout = (a: RolloutApproval['rollout'], b: RolloutApproval['rollout']) => a.namespace === b.namespace && a.name === b.name;

  return {
    'policy:get': () => ok(options.policy ?? policyOf()),
    'changes:list': () => ok({ flagRequests, rolloutApprovals: approvals, available: { flags: true, deploy: true }, notices: [] }),
    'changes:requestFlag': (req) => {
      const created: FlagChangeRequest = {
        id: String(nextId++),
        flag: req.flag,
        environment: req.environment,
        enabled: req.enabled,
        state: 'In review',
        requestedBy: ME,
        requestedAt: NOW,
        approvedBy: [],
      };
      flagRequests = [...flagRequests, created];
      return ok(created);
    },
    'changes:reviewFlag': (req) => {
      const found = flagRequests.find((r) => r.id === req.id);
      if (!found) return fail('not_found', `No change request #${req.id}.`);
      if (req.state === 'Approved' && found.requestedBy === ME) return fail('forbidden', 'Unleash refused: you cannot approve your own change request.');
      const next: FlagChangeRequest = { ...found, state: req.state, approvedBy: req.state === 'Approved' ? [...found.approvedBy, ME] : found.approvedBy };
      flagRequests = flagRequests.map((r) => (r.id === req.id ? next : r));
      return ok(next);
    },
    'changes:requestRollout': (req) => {
      const created: RolloutApproval = {
        rollout: req.rollout,
        action: req.action,
        generation: 7,
        requestedBy: ME,
        requestedAt: NOW,
        reason: req.reason,
        approvedBy: null,
        approvedAt: null,
        stale: false,
      };
      approvals = [...approvals.filter((a) => !sameRollout(a.rollout, req.rollout)), created];
      return ok(created);
    },
    'changes:approveRollout': (req) => {
      const found = approvals.find((a) => sameRollout(a.rollout, req.rollout));
      if (!found) return fail('not_found', 'No approval is requested on this rollout.');
      if (found.requestedBy === ME) return fail('conflict', 'You requested this; someone else must approve it.');
      if (found.stale) return fail('conflict', 'The rollout changed since the request; ask again.');
      const next = { ...found, approvedBy: ME, approvedAt: NOW };
      approvals = approvals.map((a) => (a === found ? next : a));
      return ok(next);
    },
    'reviews:list': (req) => ok({ reviews: reviews.filter((r) => req.includeAcknowledged || r.acknowledgedBy === null) }),
    'reviews:acknowledge': (req) => {
      const found = reviews.find((r) => r.id === req.id);
      if (!found) return fail('not_found', `No review #${req.id}.`);
      if (found.actor === ME) return fail('forbidden', `${ME} took this action; someone else must acknowledge it.`);
      const next = { ...found, acknowledgedBy: ME, acknowledgedAt: NOW, note: req.note ?? null };
      reviews = reviews.map((r) => (r.id === req.id ? next : r));
      return ok(next);
    },
    'workspaces:list': () => ok({ workspaces, defaultId: 'demo' }),
    'workspaces:save': (req) => {
      const before = workspaces.find((w) => w.id === req.config.id);
      const secrets = { ...(before?.secrets ?? {}) };
      for (const [name, value] of Object.entries(req.secrets ?? {})) secrets[name as keyof typeof secrets] = value !== null;
      const config = { production: false, policy: { environments: {} }, ...req.config } as WorkspaceEntry['config'];
      const entry: WorkspaceEntry = {
        id: req.config.id,
        name: req.config.name,
        kind: 'live',
        production: req.config.production ?? false,
        source: 'saved',
        config,
        secrets,
        sessionOnly: req.sessionOnly ?? false,
        open: before?.open ?? false,
      };
      workspaces = before ? workspaces.map((w) => (w.id === entry.id ? entry : w)) : [...workspaces, entry];
      return ok(entry);
    },
    'workspaces:remove': (req) => {
      const removed = workspaces.some((w) => w.id === req.id);
      workspaces = workspaces.filter((w) => w.id !== req.id);
      return ok({ removed });
    },
    'workspaces:test': () =>
      ok({
        ok: false,
        checks: [
          { backend: 'flags', step: 'reachable', ok: true, detail: 'Unleash answered at https://unleash.example.com.' },
          { backend: 'flags', step: 'tls', ok: false, detail: 'The certificate is not trusted: add the CA that signed it.' },
        ],
      }),
    'workspaces:open': (req) => ok({ path: `/?workspace=${req.id}`, opened: false }),
  };
}
