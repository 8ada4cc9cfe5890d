/**
 * Wall-clock time in an IANA zone with nothing but Intl: what the clock on the wall reads at an
 * instant, and which instant a wall-clock reading means (DST gaps and overlaps included).
 */
import { RingsideError } from '../../../src-shared/ipc/result';

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** 0 = Monday … 6 = Sunday */
  weekday: number;
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        weekday: 'short',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new RingsideError('bad_request', `timeZone: "${timeZone.slice(0, 64)}" is not an IANA time zone (e.g. Europe/Berlin, America/New_York, UTC).`);
    }
    formatters.set(timeZone, f);
  }
  return f;
}

/** Throws a bad_request naming the field when the zone is unknown. */
export function checkTimeZone(timeZone: string): void {
  formatter(timeZone);
}

/** The wall clock in `timeZone` at instant `ms` (seconds dropped). */
export function wallTime(ms: number, timeZone: string): WallTime {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(ms))) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    weekday: WEEKDAYS.indexOf(parts.weekday ?? ''),
  };
}

/** The zone's offset from UTC at an instant, in ms (east positive). */
function offsetAt(ms: number, timeZone: string): number {
  const w = wallTime(ms, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
  return asUtc - Math.floor(ms / 60_000) * 60_000;
}

/**
 * The instant a wall-clock reading in the zone stands for. In a DST gap (02:30 on a spring-forward
 * night does not exist) it moves forward by the gap (03:30), as Temporal's "compatible" does; in an
 * overlap (02:30 twice on a fall-back night) it is the earlier one.
 */
export function instantOf(wall: Omit<WallTime, 'weekday'>, timeZone: string): number {
  const naive = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  const before = naive - offsetAt(naive - 86_400_000, timeZone);
  const after = naive - offsetAt(naive + 86_400_000, timeZone);
  const candidates = [before, after].filter((t) => {
    const w = wallTime(t, timeZone);
    return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute) === naive;
  });
  if (candidates.length) return Math.min(...candidates);
  // A gap: the reading never shows; read it with the offset from before the jump.
  return Math.max(before, after);
}

/** "2026-12-24T18:00" → its instant in the zone. */
export function parseLocal(text: string, timeZone: string): number {
  const [date, time] = text.split('T') as [string, string];
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  return instantOf({ year, month, day, hour, minute }, timeZone);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "Mon 2026-12-28 08:00 Europe/Berlin": how a person reads an end time. */
export function formatLocal(ms: number, timeZone: string): string {
  const w = wallTime(ms, timeZone);
  return `${WEEKDAYS[w.weekday]} ${w.year}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)} ${timeZone}`;
}

/** Add whole minutes to a wall-clock reading as a calendar would (not as elapsed time). */
export function addWallMinutes(wall: WallTime, minutes: number): Omit<WallTime, 'weekday'> {
  const d = new Date(Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute) + minutes * 60_000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes() };
}
