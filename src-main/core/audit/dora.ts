import type { AuditEvent } from '../../../src-shared/domain/audit';
import type { DoraFigure, DoraReport, DoraWeek, EventRef } from '../../../src-shared/domain/dora';

/**
 * DORA's four keys from the audit history alone. Pure functions: the caller reads the events
 * (DORA_ACTIONS within the weeks asked for, plus one failure window before) and passes them in.
 */

export const WEEK_MS = 7 * 24 * 3_600_000;
/** 1970-01-05, the first Monday after the epoch: weeks start on Monday 00:00 UTC. */
const MONDAY = 4 * 24 * 3_600_000;

export const weekStart = (time: number) => Math.floor((time - MONDAY) / WEEK_MS) * WEEK_MS + MONDAY;

/** The actions the figures read; anything else in the history is ignored. */
export const DORA_ACTIONS = [
  'rollout.started',
  'rollout.completed',
  'rollout.aborted',
  'rollout.rollback',
  'rollout.phase',
  'flag.enabled',
  'flag.disabled',
  'verdict.changed',
];

/** A release known to the workspace: which flag and rollout carry it. */
export interface ReleaseLink {
  id: string;
  flag: string | null;
  rollout: string | null;
}

export interface DoraOptions {
  now: number;
  /** how many weeks, the current one included */
  weeks: number;
  /** a kill, abort or rollback this soon after a release makes it a failed change */
  failureWindowMs: number;
  releases: ReleaseLink[];
  /** environment names whose flag changes are releases and kills (default: production) */
  production?: string[];
}

const ref = (e: AuditEvent, note: string): EventRef => ({ id: e.id, time: e.time, action: e.action, objectId: e.objectId, note });

const record = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/** The commit time a rollout or flag event carries: `commitAt` (ms or ISO) or the ringside.io/commit-time annotation. */
export function commitTimeOf(event: AuditEvent): number | null {
  for (const payload of [record(event.after), record(event.before)]) {
    const raw = payload.commitAt ?? record(payload.annotations)['ringside.io/commit-time'];
    const time = typeof raw === 'number' ? raw : typeof raw === 'string' ? Date.parse(raw) : Number.NaN;
    if (Number.isFinite(time) && time > 0) return time;
  }
  return null;
}

/** Outcome rows only: an intent (`….requested`) or a change the server refused is not a change. */
const happened = (e: AuditEvent) => !e.action.endsWith('.requested') && !/^(failed|unconfirmed)/.test(e.result ?? '');

/**
 * The console's own row and the flag server's row for one change are the same change: keep the
 * first of the same action on the same object and environment within five minutes.
 */
function once(events: AuditEvent[]): AuditEvent[] {
  const seen = new Map<string, number>();
  return events.filter((e) => {
    const key = `${e.action}\u0000${e.objectId}\u0000${e.environment ?? ''}`;
    const last = seen.get(key);
    seen.set(key, e.time);
    return last === undefined || e.time - last > 5 * 60_000;
  });
}

const median = (values: number[]): number | null => {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

interface Change {
  event: AuditEvent;
  kind: 'rollout' | 'flag';
  /** release ids whose canary verdicts speak for this change */
  releaseIds: Set<string>;
  /** flags whose kill undoes this change */
  flags: Set<string>;
  failure: AuditEvent | null;
  signal: AuditEvent | null;
}

/** Compute the four figures per week and over the whole range, each listing the events it counted. */
export function computeDora(history: AuditEvent[], options: DoraOptions): DoraReport {
  const production = new Set(options.production ?? ['production']);
  const events = once([...history].filter(happened).sort((a, b) => a.time - b.time || a.id - b.id));
  const first = weekStart(options.now) - (options.weeks - 1) * WEEK_MS;
  const inRange = (t: number) => t >= first && t <= options.now;
  const after = record;

  // Releases: a rollout starting a version, or a flag turned on in production.
  const changes: Change[] = [];
  for (const e of events) {
    if (e.action === 'rollout.started') {
      const version = after(e.after).version;
      const linked = options.releases.filter((r) => r.rollout === e.objectId);
      const named = after(e.after).release;
      const releaseIds = new Set<string>(
        typeof named === 'string' ? [named] : linked.filter((r) => typeof version !== 'string' || r.id.endsWith(version)).map((r) => r.id),
      );
      const flags = new Set(linked.map((r) => r.flag).filter((f): f is string => Boolean(f)));
      changes.push({ event: e, kind: 'rollout', releaseIds, flags, failure: null, signal: null });
    } else if (e.action === 'flag.enabled' && e.objectType === 'flag' && production.has(e.environment ?? '')) {
      const releaseIds = new Set(options.releases.filter((r) => r.flag === e.objectId).map((r) => r.id));
      changes.push({ event: e, kind: 'flag', releaseIds, flags: new Set([e.objectId]), failure: null, signal: null });
    }
  }

  // A change fails when, within the window, its rollout is aborted or rolled back or its flag killed.
  for (const change of changes) {
    const start = change.event.time;
    const end = start + options.failureWindowMs;
    const failure = events.find(
      (e) =>
        e.time > start &&
        e.time <= end &&
        (((e.action === 'rollout.aborted' || e.action === 'rollout.rollback') && change.kind === 'rollout' && e.objectId === change.event.objectId) ||
          (e.action === 'flag.disabled' && production.has(e.environment ?? '') && change.flags.has(e.objectId))),
    );
    if (!failure) continue;
    change.failure = failure;
    // The failure signal: the canary's fail verdict, or the rollout seen Degraded, since the release.
    const signals = events.filter(
      (e) =>
        e.time >= start &&
        e.time <= failure.time &&
        ((e.action === 'verdict.changed' && after(e.after).outcome === 'fail' && change.releaseIds.has(e.objectId)) ||
          (e.action === 'rollout.phase' && after(e.after).phase === 'Degraded' && e.objectId === change.event.objectId)),
    );
    change.signal = signals[0] ?? null;
  }

  const deployments = events.filter((e) => e.action === 'rollout.completed' && e.objectType === 'rollout');
  const leadTimes: { at: number; ms: number; ref: EventRef }[] = [];
  for (const done of deployments) {
    const started = [...changes].reverse().find((c) => c.kind === 'rollout' && c.event.objectId === done.objectId && c.event.time <= done.time);
    const commitAt = commitTimeOf(done) ?? (started ? commitTimeOf(started.event) : null);
    if (commitAt !== null && commitAt <= done.time) {
      leadTimes.push({ at: done.time, ms: done.time - commitAt, ref: ref(done, `commit ${new Date(commitAt).toISOString()} → deployed`) });
    }
  }
  for (const change of changes) {
    if (change.kind !== 'flag') continue;
    const commitAt = commitTimeOf(change.event);
    if (commitAt !== null && commitAt <= change.event.time) {
      leadTimes.push({ at: change.event.time, ms: change.event.time - commitAt, ref: ref(change.event, `commit ${new Date(commitAt).toISOString()} → flag on`) });
    }
  }

  const figure = (from: number, to: number): Omit<DoraWeek, 'weekStart'> => {
    const within = (t: number) => t >= from && t < to;
    const deployed = deployments.filter((e) => within(e.time));
    const lead = leadTimes.filter((l) => within(l.at));
    const released = changes.filter((c) => within(c.event.time));
    const failed = released.filter((c) => c.failure);
    const recovered = failed.filter((c) => c.signal);
    const recoveries = recovered.map((c) => c.failure!.time - c.signal!.time);
    const fig = (value: number | null, counted: EventRef[]): DoraFigure => ({ value, counted });
    return {
      deploymentFrequency: fig(deployed.length, deployed.map((e) => ref(e, 'rollout completed'))),
      leadTimeMs: fig(median(lead.map((l) => l.ms)), lead.map((l) => l.ref)),
      changeFailureRate: fig(released.length ? failed.length / released.length : null, [
        ...released.map((c) => ref(c.event, c.failure ? `release; failed: ${c.failure.action} #${c.failure.id}` : 'release')),
        ...failed.map((c) => ref(c.failure!, `failure of #${c.event.id}`)),
      ]),
      recoveryMs: fig(median(recoveries), recovered.flatMap((c) => [
        ref(c.signal!, `failure signal for #${c.event.id}`),
        ref(c.failure!, `recovered ${Math.round((c.failure!.time - c.signal!.time) / 1000)} s after #${c.signal!.id}`),
      ])),
    };
  };

  const weeks: DoraWeek[] = [];
  for (let start = first; start <= options.now; start += WEEK_MS) weeks.push({ weekStart: start, ...figure(start, start + WEEK_MS) });
  return {
    from: first,
    to: options.now,
    failureWindowMs: options.failureWindowMs,
    weeks,
    total: figure(first, options.now + 1),
    considered: events.filter((e) => inRange(e.time)).length,
  };
}
