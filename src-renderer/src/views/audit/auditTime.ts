import { useSyncExternalStore } from 'react';

/**
 * Which zone the Audit view shows its times in: the reader's local zone or UTC. Every time the
 * view shows names its zone, because plans and windows live in theirs (Europe/Berlin) and a
 * reviewer reads the history from anywhere. The choice is remembered in this renderer only.
 */
export type AuditZone = 'local' | 'utc';

const KEY = 'ringside.audit.timeZone';
const listeners = new Set<() => void>();

const read = (): AuditZone => (globalThis.localStorage?.getItem(KEY) === 'utc' ? 'utc' : 'local');

export function setAuditZone(zone: AuditZone): void {
  globalThis.localStorage?.setItem(KEY, zone);
  for (const listener of listeners) listener();
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => void listeners.delete(listener);
};

/** The zone chosen for the Audit view; every component using it re-renders when it changes. */
export function useAuditZone(): AuditZone {
  return useSyncExternalStore(subscribe, read, () => 'local');
}

/** The IANA name of the reader's zone, when the runtime knows it. */
export function localZoneName(): string | null {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || null;
  } catch {
    return null;
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "UTC+2", "UTC+5:30", "UTC-3": the local offset at that instant (it changes with summer time). */
export function offsetName(epochMs: number): string {
  const minutes = -new Date(epochMs).getTimezoneOffset();
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `UTC${sign}${Math.floor(abs / 60)}${abs % 60 ? `:${pad(abs % 60)}` : ''}`;
}

/** YYYY-MM-DD HH:MM:SS and its zone: sortable, unambiguous, and saying which clock it is on. */
export function formatAuditTime(epochMs: number, zone: AuditZone): string {
  const d = new Date(epochMs);
  if (zone === 'utc') {
    return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC`;
  }
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())} ${offsetName(epochMs)}`;
}

/** How the zone switch and the time filters name the zone. */
export function zoneLabel(zone: AuditZone): string {
  if (zone === 'utc') return 'UTC';
  const name = localZoneName();
  return name ? `local time (${name})` : 'local time';
}

/** Epoch ms as a datetime-local value in the zone (to the minute). */
export function toZoneInput(epochMs: number | undefined, zone: AuditZone): string {
  if (epochMs === undefined) return '';
  const d = new Date(epochMs);
  if (zone === 'utc') return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A datetime-local value read in the zone; NaN when it is not a date and time. */
export function fromZoneInput(text: string, zone: AuditZone): number {
  if (zone === 'local') return new Date(text).getTime();
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(text);
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5])) : Number.NaN;
}
