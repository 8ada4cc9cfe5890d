import type { Database } from 'better-sqlite3';
import { afterFactReviewQueries } from './afterFactReviews';
import { auditQueries } from './audit';
import { canarySampleQueries } from './canarySamples';
import { flagCacheQueries } from './flagCache';
import { openIntentQueries } from './openIntents';
import { releasePlanQueries } from './releasePlans';
import { savedWorkspaceQueries } from './savedWorkspaces';
import { syncStateQueries } from './syncState';
import { workspaceSettingsQueries } from './workspaceSettings';

export { openStore, migrate } from './db';

/** Every query module over one connection; the rest of the core sees only this. */
export function createQueries(db: Database) {
  return {
    afterFactReviews: afterFactReviewQueries(db),
    audit: auditQueries(db),
    canarySamples: canarySampleQueries(db),
    flagCache: flagCacheQueries(db),
    openIntents: openIntentQueries(db),
    releasePlans: releasePlanQueries(db),
    savedWorkspaces: savedWorkspaceQueries(db),
    syncState: syncStateQueries(db),
    workspaceSettings: workspaceSettingsQueries(db),
  };
}
export type Queries = ReturnType<typeof createQueries>;
