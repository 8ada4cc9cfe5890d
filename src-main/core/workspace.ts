import type { WorkspacePolicy } from '../../src-shared/domain/workspaceConfig';
import type { Release } from '../../src-shared/domain/canary';
import type { NewAuditEvent } from '../../src-shared/domain/audit';
import type { Flag } from '../../src-shared/domain/flag';
import type { PlanRun, ReleasePlan, ReleaseWindows } from '../../src-shared/domain/plan';
import type { Rule } from './canary/judge/index';
import type { DeployProvider, FlagProvider, MetricsProvider } from './ports';

/** The PromQL that selects one metric of one release, for each side of the comparison. */
export interface MetricQueries {
  canary: string;
  baseline: string;
}

export interface ReleaseDefinition {
  release: Release;
  /** keyed by MetricDef.id */
  queries: Record<string, MetricQueries>;
  /** stop-the-line rules; absent means the defaults (p95 +200 ms, error rate ×2) where those metrics exist */
  rules?: Rule[];
}

/** What the store holds of a workspace when a session starts; a simulated workspace continues from it. */
export interface StoredWorkspaceState {
  /** the flags as last read from the server or confirmed by it (the flag cache) */
  flags: Flag[];
  /** each flag's latest change per environment, as the audit records it */
  latestChanges: { flag: string; environment: string; action: string; at: number }[];
  /** the workspace's release plans with their runs as last saved */
  plans: { plan: ReleasePlan; run: PlanRun | null }[];
  /** the newest flag server event id the audit holds (the sync cursor) */
  flagEventCursor: number | null;
}

/** A set of connections the console works against; the demo is one, a live Unleash+Argo+Prometheus another. */
export interface Workspace {
  id: string;
  name: string;
  kind: 'demo' | 'live';
  /** marked unmistakably in the header; production defaults apply (operator profile, four-eyes on deploys) */
  production?: boolean;
  /** who may do what per environment; absent: the defaults (see core/policy) */
  policy?: WorkspacePolicy;
  flags: FlagProvider | null;
  deploy: DeployProvider | null;
  metrics: MetricsProvider | null;
  releases: ReleaseDefinition[];
  /** History to seed into an empty audit table (the demo's 30 days); live workspaces have none. */
  seedHistory?: () => Iterable<NewAuditEvent>;
  /** Release plans the workspace brings (the demo's simulated release); with replace, they start over on every session. */
  seedPlans?: () => { plans: { plan: ReleasePlan; run: PlanRun }[]; windows?: ReleaseWindows; replace: boolean };
  /**
   * The same workspace built again from what the store holds (the demo after a restart: its flags,
   * its release and its event ids continue instead of starting over). Live workspaces have none:
   * their servers keep their own state.
   */
  resume?: (stored: StoredWorkspaceState) => Workspace;
  dispose?: () => void;
}
