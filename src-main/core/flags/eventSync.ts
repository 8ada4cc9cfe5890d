import type { NewAuditEvent } from '../../../src-shared/domain/audit';
import type { FlagServerEvent } from '../../../src-shared/domain/flag';
import type { BackendTracker } from '../backends';
import type { AuditQueries } from '../store/audit';
import type { Workspace } from '../workspace';

export const FLAG_SERVER = 'flag-server';

const ACTIONS: Record<string, string> = {
  'feature-environment-enabled': 'flag.enabled',
  'feature-environment-disabled': 'flag.disabled',
  'feature-strategy-update': 'flag.strategy.updated',
  'feature-strategy-updated': 'flag.strategy.updated',
  'feature-strategy-add': 'flag.strategy.updated',
  'feature-strategy-remove': 'flag.strategy.updated',
  'feature-created': 'flag.created',
  'feature-archived': 'flag.archived',
  'feature-tagged': 'flag.tag.added',
  'feature-untagged': 'flag.tag.removed',
};

/** A flag server event as an audit row: who did what to which flag, in the server's own words. */
export function toAuditEvent(workspace: string, event: FlagServerEvent): NewAuditEvent {
  return {
    time: event.createdAt,
    source: FLAG_SERVER,
    actor: event.createdBy,
    workspace,
    environment: event.environment,
    objectType: event.flag ? 'flag' : 'workspace',
    objectId: event.flag ?? workspace,
    action: ACTIONS[event.type] ?? `server.${event.type}`,
    before: event.preData,
    after: event.data,
    reason: null,
    result: null,
  };
}

/** Incremental, idempotent sync of the flag server's event log into the audit table, by id cursor. */
export function createFlagEventSync(workspace: Workspace, audit: AuditQueries, backends: BackendTracker) {
  return {
    /** Number of events added (0 when nothing new; a re-sync never duplicates). */
    async sync(): Promise<number> {
      const provider = workspace.flags;
      if (!provider) return 0;
      const cursor = audit.cursor(workspace.id, FLAG_SERVER);
      const events = await backends.track('flags', () => provider.eventsSince(cursor));
      if (!events.length) return 0;
      const rows = events.map((event) => ({ externalId: String(event.id), event: toAuditEvent(workspace.id, event) }));
      const newest = Math.max(cursor ?? 0, ...events.map((e) => e.id));
      return audit.appendExternal(workspace.id, FLAG_SERVER, rows, newest);
    },
  };
}
