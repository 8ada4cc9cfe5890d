import type { governanceChannels } from '../../../src-shared/ipc/channels/governanceChannels';
import type { BackendTracker } from '../backends';
import type { EventBus } from '../events';
import type { FlagService } from '../flags/flagService';
import type { Handlers } from '../handlers';
import type { Clock } from '../ports';
import type { AuditQueries } from '../store/audit';
import type { Workspace } from '../workspace';
import type { Policy } from './actionPolicy';
import { createChangeRequests } from './changeRequests';
import { createPolicyView } from './policyView';
import { createRolloutApprovals } from './rolloutApprovals';

export type GovernanceChannel = keyof typeof governanceChannels;

export interface GovernanceDeps {
  workspace: Workspace;
  policy: Policy;
  flags: Pick<FlagService, 'environments' | 'list' | 'applyState'>;
  backends: BackendTracker;
  audit: AuditQueries;
  bus: EventBus;
  clock: Clock;
  /** the person at the console now (read at every call: it may be changed in Settings) */
  readonly actor: string;
  releaseGate?: (what: string, override: string | undefined, actor?: string) => void;
  /** namespaces the workspace's plans name */
  planNamespaces: () => string[];
}

/** The governance channels of one workspace session: policy, change requests and approvals, break-glass reviews. */
export function governanceHandlers(deps: GovernanceDeps): Pick<Handlers, GovernanceChannel> {
  const view = createPolicyView(deps);
  const changes = createChangeRequests(deps);
  const approvals = createRolloutApprovals(deps);
  return {
    'policy:get': (req) => view.get(req.refresh ?? false),
    'changes:list': async () => {
      const [flags, rollouts] = await Promise.all([changes.pending(), approvals.list()]);
      return {
        flagRequests: flags.requests,
        rolloutApprovals: rollouts.approvals,
        available: { flags: flags.available, deploy: rollouts.available },
        notices: [flags.notice, rollouts.notice].filter((n): n is string => n !== null),
      };
    },
    'changes:requestFlag': (req) => changes.request(req),
    'changes:reviewFlag': (req) => changes.review(req),
    'changes:requestRollout': (req) => approvals.request(req),
    'changes:approveRollout': (req) => approvals.approve(req),
    'reviews:list': async (req) => ({ reviews: deps.policy.breakGlass.list(req.includeAcknowledged ?? false) }),
    'reviews:acknowledge': async (req) => deps.policy.breakGlass.acknowledge(req.id, deps.actor, req.note ?? null),
  };
}
