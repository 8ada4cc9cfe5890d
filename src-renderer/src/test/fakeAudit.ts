import type { AuditEvent } from '../../../src-shared/domain/audit';
import type { ChannelName, RequestOf, ResponseOf } from '../../../src-shared/ipc/contract';
import { ok, type Result } from '../../../src-shared/ipc/result';

type AuditChannel = Extract<ChannelName, 'audit:count' | 'audit:search' | 'audit:status'>;
type Handlers = { [C in AuditChannel]: (request: RequestOf<C>) => Result<ResponseOf<C>> };

const matches = (e: AuditEvent, f: RequestOf<'audit:count'>) =>
  (!f.text || JSON.stringify(e).toLowerCase().includes(f.text.toLowerCase())) &&
  (!f.source || e.source === f.source) &&
  (!f.actor || e.actor === f.actor) &&
  (!f.action || e.action === f.action) &&
  (!f.environment || e.environment === f.environment) &&
  (!f.objectId || e.objectId === f.objectId) &&
  (f.from === undefined || e.time >= f.from) &&
  (f.to === undefined || e.time <= f.to) &&
  (f.afterId === undefined || e.id > f.afterId);

/** The audit channels over a fixed list of events (newest first), filtered and paged as main does. */
export function fakeAuditHandlers(events: AuditEvent[]): Handlers {
  const maxId = events.reduce((m, e) => Math.max(m, e.id), 0) || null;
  return {
    'audit:count': (req) => ok({ count: events.filter((e) => matches(e, req)).length, maxId }),
    'audit:search': (req) => {
      const { limit, before, beforeId, offset, ...filter } = req;
      let found = events.filter((e) => matches(e, filter) && (beforeId === undefined || e.id < beforeId));
      if (before) found = found.filter((e) => e.time < before.time || (e.time === before.time && e.id < before.id));
      const page = found.slice(offset ?? 0, (offset ?? 0) + limit);
      const last = page.at(-1);
      return ok({ events: page, next: page.length === limit && last ? { time: last.time, id: last.id } : null });
    },
    'audit:status': () =>
      ok({
        offline: false,
        sources: [{ source: 'flag-server', backend: 'flags', configured: true, state: 'online', lastSyncAt: events[0]?.time ?? null, message: null }],
        flagSync: { running: false, paused: false, syncedAt: events[0]?.time ?? null, cursor: null, resumeFrom: null },
        events: events.length,
      }),
  };
}
