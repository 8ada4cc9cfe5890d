import type { Database } from 'better-sqlite3';
import { m0001SyncState } from './0001-sync-state';
import { m0002FlagCache } from './0002-flag-cache';
import { m0003Audit } from './0003-audit';
import { m0004AuditExternal } from './0004-audit-external';
import { m0005WorkspaceSettings } from './0005-workspace-settings';
import { m0006CanarySamples } from './0006-canary-samples';
import { m0007AuditChain } from './0007-audit-chain';
import { m0008AuditSearch } from './0008-audit-search';
import { m0009ReleasePlans } from './0009-release-plans';
import { m0010AuditTimeOrder } from './0010-audit-time-order';
import { m0011RingStrategies } from './0011-ring-strategies';
import { m0012FlagLatestChange } from './0012-flag-latest-change';
import { m0013OpenIntents } from './0013-open-intents';
import { m0014WorkspaceIdentity } from './0014-workspace-identity';
import { m0015AfterFactReviews } from './0015-after-fact-reviews';
import { m0016SavedWorkspaces } from './0016-saved-workspaces';
import { m0017AuditIngest } from './0017-audit-ingest';

export interface Migration {
  /** user_version after this migration has run */
  version: number;
  name: string;
  up(db: Database): void;
}

/** In order; a migration once released is never edited, only followed by a new one. */
export const migrations: Migration[] = [m0001SyncState, m0002FlagCache, m0003Audit, m0004AuditExternal, m0005WorkspaceSettings, m0006CanarySamples, m0007AuditChain, m0008AuditSearch, m0009ReleasePlans, m0010AuditTimeOrder, m0011RingStrategies, m0012FlagLatestChange, m0013OpenIntents, m0014WorkspaceIdentity, m0015AfterFactReviews, m0016SavedWorkspaces, m0017AuditIngest];
