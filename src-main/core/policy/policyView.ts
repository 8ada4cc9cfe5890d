import type { CapabilityCheck, ScopePolicy } from '../../../src-shared/domain/governance';
import type { ResponseOf } from '../../../src-shared/ipc/contract';
import type { BackendTracker } from '../backends';
import type { FlagService } from '../flags/flagService';
import type { Clock } from '../ports';
import type { Workspace } from '../workspace';
import type { Policy } from './actionPolicy';
import { cached } from './identity';
import { DEPLOY } from './profiles';

export interface PolicyViewDeps {
  workspace: Workspace;
  policy: Policy;
  flags: Pick<FlagService, 'environments' | 'list'>;
  backends: BackendTracker;
  clock: Clock;
  /** namespaces the plans name, besides those the deploy backend lists */
  planNamespaces: () => string[];
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * What `policy:get` answers: the profile and four-eyes rule per scope (decided here, in the core),
 * and what the servers say the credentials may do, read at most once a minute unless refreshed.
 */
export function createPolicyView(deps: PolicyViewDeps) {
  const { workspace, policy, clock } = deps;

  async function environmentNames(): Promise<string[]> {
    if (workspace.flags && deps.flags.environments().length === 0) await deps.flags.list().catch(() => null);
    return deps.flags.environments().map((e) => e.name);
  }

  async function namespaces(): Promise<string[]> {
    const deploy = workspace.deploy;
    const names = new Set(deps.planNamespaces());
    if (deploy) for (const r of await deps.backends.track('deploy', () => deploy.listRollouts())) names.add(r.namespace);
    return [...names].sort();
  }

  const servers = cached(clock, async () => {
    const capabilities: CapabilityCheck[] = [];
    const notices: string[] = [];
    const flagsGov = workspace.flags?.governance;
    if (workspace.flags && !flagsGov) notices.push(`The ${workspace.flags.provider} flag server cannot say what the token may do; a refused change says it.`);
    if (flagsGov) {
      try {
        capabilities.push(...(await flagsGov.capabilities(await environmentNames())));
      } catch (error) {
        notices.push(`The flag server could not say what the token may do: ${message(error)}`);
      }
    }
    const deployGov = workspace.deploy?.governance;
    if (workspace.deploy && !deployGov) notices.push(`The ${workspace.deploy.provider} deploy backend cannot say what the credentials may do, and keeps no approvals.`);
    if (deployGov) {
      try {
        capabilities.push(...(await deployGov.capabilities(await namespaces())));
      } catch (error) {
        notices.push(`The Kubernetes API could not say what the credentials may do: ${message(error)}`);
      }
    }
    return { capabilities, notices };
  });

  async function scopes(refresh: boolean): Promise<{ scopes: ScopePolicy[]; notices: string[] }> {
    const requests = await policy.fourEyes.changeRequestEnvironments(refresh);
    const notices = [...requests.notices];
    if (workspace.flags?.governance && !requests.known) {
      notices.push('The flag server cannot say which environments require change requests; Ringside learns it when a direct change is refused.');
    }
    await environmentNames();
    const list: ScopePolicy[] = deps.flags.environments().map((e) => ({
      scope: e.name,
      profile: policy.profiles.profile(e.name),
      production: e.type === 'production',
      fourEyes: requests.environments.has(e.name),
    }));
    list.push({ scope: DEPLOY, profile: policy.profiles.profile(DEPLOY), production: policy.settings.production === true, fourEyes: policy.fourEyes.deployNeedsApproval() });
    return { scopes: list, notices };
  }

  return {
    async get(refresh = false): Promise<ResponseOf<'policy:get'>> {
      const [scoped, server, identity] = await Promise.all([scopes(refresh), servers.get(refresh), policy.identities.get(refresh)]);
      return {
        scopes: scoped.scopes,
        capabilities: server.capabilities,
        identity: { flags: identity.flags, deploy: identity.deploy },
        checkedAt: servers.checkedAt(),
        notices: [...scoped.notices, ...server.notices, ...identity.notices],
      };
    },
  };
}
