/**
 * Release windows and blackouts as pure functions of (windows, instant). Weekly windows repeat
 * on the workspace's wall clock, so "Friday 16:00" stays 16:00 across a DST change; dated freezes
 * are wall-clock readings in the same zone.
 */
import type { BlackoutStatus, ReleaseWindows, WeeklyPoint, WeeklyWindow } from '../../../src-shared/domain/plan';
import { addWallMinutes, formatLocal, instantOf, parseLocal, wallTime, type WallTime } from './zoneTime';

const WEEK_MIN = 7 * 24 * 60;
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
/** A chain of back-to-back blocks longer than this has no end worth naming. */
const MAX_HOPS = 64;
const YEAR_MS = 366 * 86_400_000;

const minuteOfWeek = (p: WeeklyPoint) => {
  const [h, m] = p.time.split(':').map(Number) as [number, number];
  return DAYS.indexOf(p.day) * 1440 + h * 60 + m;
};
const wallMinuteOfWeek = (w: WallTime) => w.weekday * 1440 + w.hour * 60 + w.minute;

function inside(window: WeeklyWindow, m: number): boolean {
  const s = minuteOfWeek(window.start);
  const e = minuteOfWeek(window.end);
  return s < e ? m >= s && m < e : m >= s || m < e;
}

/** The instant `minutes` of wall clock after the reading at `at` (the minute it falls in). */
const wallLater = (wall: WallTime, minutes: number, timeZone: string) => instantOf(addWallMinutes(wall, minutes), timeZone);

interface Block {
  reason: string;
  until: number;
}

/** Every block in force at instant t, each with when it alone would end. */
export function blocksAt(windows: ReleaseWindows, t: number): Block[] {
  const zone = windows.timeZone;
  const blocks: Block[] = [];
  for (const f of windows.freezes) {
    const from = parseLocal(f.from, zone);
    const to = parseLocal(f.to, zone);
    if (t >= from && t < to) blocks.push({ reason: `Freeze "${f.label}"${f.reason ? ` (${f.reason})` : ''}`, until: to });
  }
  const wall = wallTime(t, zone);
  const m = wallMinuteOfWeek(wall);
  for (const w of windows.weekly) {
    if (w.kind !== 'blackout' || !inside(w, m)) continue;
    const left = (minuteOfWeek(w.end) - m + WEEK_MIN) % WEEK_MIN || WEEK_MIN;
    blocks.push({ reason: `Weekly blackout "${w.label}"`, until: wallLater(wall, left, zone) });
  }
  const release = windows.weekly.filter((w) => w.kind === 'release');
  if (release.length > 0 && !release.some((w) => inside(w, m))) {
    const wait = Math.min(...release.map((w) => (minuteOfWeek(w.start) - m + WEEK_MIN) % WEEK_MIN || WEEK_MIN));
    const names = release.map((w) => `"${w.label}"`).join(', ');
    blocks.push({ reason: `Outside the release windows (${names})`, until: wallLater(wall, wait, zone) });
  }
  return blocks;
}

/** Whether releasing is blocked at `now`, the first reason, and the first instant nothing blocks. */
export function blackoutStatus(windows: ReleaseWindows, now: number): BlackoutStatus {
  const first = blocksAt(windows, now);
  const base = { timeZone: windows.timeZone };
  if (first.length === 0) return { ...base, blocked: false, reason: null, endsAt: null, endsAtLocal: null };
  let t = now;
  let endsAt: number | null = null;
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    const blocks = blocksAt(windows, t);
    if (blocks.length === 0) {
      endsAt = t;
      break;
    }
    // The block lasting longest covers everything before its end; check again from there.
    t = Math.max(...blocks.map((b) => b.until));
    if (t - now > YEAR_MS) break;
  }
  return {
    ...base,
    blocked: true,
    reason: first[0]!.reason,
    endsAt,
    endsAtLocal: endsAt === null ? null : formatLocal(endsAt, windows.timeZone),
  };
}

/** No windows at all: releasing is always allowed. */
export const openWindows = (timeZone = 'UTC'): ReleaseWindows => ({ timeZone, weekly: [], freezes: [] });
