import type { NewAuditEvent } from '../../../src-shared/domain/audit';
import type { Flag } from '../../../src-shared/domain/flag';
import { buildFlags, DAY_MS, PEOPLE } from './fleet';
import { auditEvent, incidentStories, releaseStories } from './historyStories';
import { dice, type Dice } from './random';
import { demoReleases } from './releases';
import { ROLLOUT_PLANS, walkSteps } from './rollouts';

/** The demo's 30 days of audit history, ending at `now` in the state the fleet is in at `now`. */

const MINUTE = 60_000;
export const HISTORY_DAYS = 30;

/** 30 days of audit events, oldest first, every time in (now - 30 days, now]. */
export function demoHistory(seed: number, now: number): NewAuditEvent[] {
  const d = dice(seed ^ 0x5eed);
  const flags = buildFlags(seed, now);
  const from = now - HISTORY_DAYS * DAY_MS;
  const events = [
    ...creations(flags),
    ...releaseFlagEvents(flags, now),
    ...releaseStories(d, now),
    ...incidentStories(d, now),
    ...flagChurn(d, flags, now),
  ].filter((e) => e.time > from && e.time <= now);
  return events.sort((a, b) => a.time - b.time);
}

function creations(flags: Flag[]): NewAuditEvent[] {
  return flags.map((f) =>
    auditEvent({
      source: 'flag-server', actor: f.createdBy, objectType: 'flag', objectId: f.name, time: f.createdAt,
      environment: null, action: 'flag.created', after: { type: f.type, project: f.project },
    }),
  );
}

const rolloutIn = (flag: Flag | undefined, environment: string) =>
  flag?.environments.find((e) => e.environment === environment)?.strategies.find((s) => s.rollout !== null)?.rollout ?? null;

/** A release flag follows its rollout: on in development first, then in production ring by ring. */
function releaseFlagEvents(flags: Flag[], now: number): NewAuditEvent[] {
  const events: NewAuditEvent[] = [];
  for (const release of demoReleases(now)) {
    const flag = flags.find((f) => f.name === release.flag);
    const plan = ROLLOUT_PLANS.find((p) => p.name === release.rollout);
    if (!flag || !plan) continue;
    const actor = flag.createdBy;
    const base = { source: 'console', actor, objectType: 'flag', objectId: flag.name, result: 'ok' } as const;
    events.push(
      auditEvent({ ...base, time: flag.createdAt + DAY_MS, environment: 'development', action: 'flag.enabled', before: { enabled: false }, after: { enabled: true } }),
    );
    const target = rolloutIn(flag, 'production') ?? 100;
    let previous: number | null = null;
    for (const { index, at } of walkSteps(plan.steps, release.startedAt, now).entered) {
      const weight = plan.steps[index]?.kind === 'setWeight' ? plan.steps[index]?.weight : null;
      if (weight == null || weight > target) continue;
      const reason = `${release.id} canary at ${weight} %: flag follows the rollout`;
      events.push(
        previous === null
          ? auditEvent({ ...base, time: at - 3 * MINUTE, action: 'flag.enabled', before: { enabled: false }, after: { enabled: true, rollout: weight }, reason })
          : auditEvent({ ...base, time: at + MINUTE, action: 'flag.strategy.updated', before: { rollout: previous }, after: { rollout: weight }, reason }),
      );
      previous = weight;
    }
  }
  return events;
}

const PROD_REASONS = [
  'Widening after a clean week in development',
  'Rolling back: support tickets about this change',
  'Planned change CHG-3318, approved in the release review',
  'Matching the experiment plan agreed with product',
  'Load test finished, restoring the previous setting',
  'Customer escalation, reverting until the fix ships',
];
const ROLLOUT_VALUES = [5, 10, 25, 50, 100];

interface Change {
  time: number;
  flag: Flag;
  environment: 'development' | 'production';
  kind: 'toggle' | 'rollout';
  source: 'console' | 'flag-server';
  actor: string;
}

/** Everyday flag changes on weekdays' working hours, generated forward and given states backward from today. */
function flagChurn(d: Dice, flags: Flag[], now: number): NewAuditEvent[] {
  const releaseFlags = new Set(demoReleases(now).map((r) => r.flag));
  const candidates = flags.filter((f) => f.type !== 'kill-switch' && !releaseFlags.has(f.name) && f.lifecycleStage !== 'initial');
  const changes: Change[] = [];
  for (let day = HISTORY_DAYS - 1; day >= 0; day--) {
    const dayStart = Math.floor((now - day * DAY_MS) / DAY_MS) * DAY_MS;
    const weekday = new Date(dayStart).getUTCDay();
    const count = weekday >= 1 && weekday <= 5 ? d.int(5, 10) : d.int(0, 2);
    for (let i = 0; i < count; i++) {
      const time = dayStart + d.int(8 * 60, 19 * 60 - 1) * MINUTE + d.int(0, 59) * 1000;
      const existing = candidates.filter((f) => f.createdAt < time - DAY_MS);
      if (existing.length === 0 || time >= now) continue;
      const flag = d.pick(existing);
      const environment = flag.lifecycleStage === 'live' && d.chance(0.35) ? 'production' : 'development';
      const kind = rolloutIn(flag, environment) !== null && d.chance(0.4) ? 'rollout' : 'toggle';
      const source = d.chance(0.6) ? 'console' : 'flag-server';
      changes.push({ time, flag, environment, kind, source, actor: d.pick(PEOPLE) });
    }
  }

  const state = new Map<string, { enabled: boolean; rollout: number | null }>();
  const events: NewAuditEvent[] = [];
  for (const change of changes.sort((a, b) => b.time - a.time)) {
    const { flag, environment } = change;
    const key = `${flag.name}/${environment}`;
    const current = state.get(key) ?? {
      enabled: flag.environments.find((e) => e.environment === environment)?.enabled ?? false,
      rollout: rolloutIn(flag, environment),
    };
    state.set(key, current);
    const viaConsole = change.source === 'console';
    const reason = viaConsole && environment === 'production' ? d.pick(PROD_REASONS) : null;
    const base = {
      source: change.source, actor: change.actor, objectType: 'flag', objectId: flag.name, time: change.time,
      environment, reason, result: viaConsole ? 'ok' : null,
    } as const;
    if (change.kind === 'toggle') {
      events.push(auditEvent({ ...base, action: current.enabled ? 'flag.enabled' : 'flag.disabled', before: { enabled: !current.enabled }, after: { enabled: current.enabled } }));
      current.enabled = !current.enabled;
    } else {
      const before = d.pick(ROLLOUT_VALUES.filter((v) => v !== current.rollout));
      events.push(auditEvent({ ...base, action: 'flag.strategy.updated', before: { rollout: before }, after: { rollout: current.rollout } }));
      current.rollout = before;
    }
  }
  return events;
}
