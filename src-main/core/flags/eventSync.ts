import type { NewAuditEvent } from '../../../src-shared/domain/audit';
import type { FlagServerEvent } from '../../../src-shared/domain/flag';

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
