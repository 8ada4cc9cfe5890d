import type { AuditEvent } from '../../../src-shared/domain/audit';
import type { ChartMarker } from '../../../src-shared/domain/verdict';

/**
 * How far apart the console's record of its own change and the flag server's log entry for the
 * same change may be. The server stamps its event when it applied the change, the console when
 * the read-back confirmed it: milliseconds apart on a healthy server, seconds on a slow one.
 */
export const ECHO_WINDOW_MS = 30_000;

function kindOf(event: AuditEvent): ChartMarker['kind'] {
  if (event.source === 'guard') return 'guard';
  if (event.action === 'verdict.changed') return 'verdict';
  if (event.objectType === 'rollout') return 'rollout';
  return event.action === 'flag.disabled' ? 'kill' : 'flag';
}

export function markerOf(event: AuditEvent): ChartMarker {
  const where = event.environment ? ` (${event.environment})` : '';
  return { time: event.time, kind: kindOf(event), label: `${event.action} ${event.objectId}${where}`, actor: event.actor };
}

const sameChange = (a: AuditEvent, b: AuditEvent) =>
  a.objectId === b.objectId && a.environment === b.environment && a.action === b.action && Math.abs(a.time - b.time) <= ECHO_WINDOW_MS;

/**
 * One marker per release action. The audit keeps both the console's intent and outcome and the
 * flag server's own log entry for the same change (all three are evidence), but on a chart they
 * are one moment: the outcome stands for it, and a server entry echoing a console or guard change
 * is dropped. Changes made elsewhere have no console row and keep their server entry.
 */
export function chartMarkers(events: readonly AuditEvent[]): ChartMarker[] {
  const own = events.filter((e) => (e.source === 'console' || e.source === 'guard') && !e.action.endsWith('.requested'));
  return events
    .filter((e) => !e.action.endsWith('.requested'))
    .filter((e) => e.source !== 'flag-server' || !own.some((o) => sameChange(o, e)))
    .map(markerOf);
}
