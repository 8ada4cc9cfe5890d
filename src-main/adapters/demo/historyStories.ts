import type { NewAuditEvent } from '../../../src-shared/domain/audit';
import { DAY_MS, PEOPLE } from './fleet';
import type { Dice } from './random';
import { planStart, ROLLOUT_PLANS, walkSteps, type RolloutPlan } from './rollouts';

/** The demo history's stories: each release's walk through the rings, and the incidents. */

const MINUTE = 60_000;

type EventFields = Omit<NewAuditEvent, 'workspace' | 'environment' | 'before' | 'after' | 'reason' | 'result'> &
  Partial<Pick<NewAuditEvent, 'environment' | 'before' | 'after' | 'reason' | 'result'>>;

export function auditEvent(fields: EventFields): NewAuditEvent {
  return {
    workspace: 'demo',
    environment: 'production',
    before: null,
    after: null,
    reason: null,
    result: null,
    ...fields,
    time: Math.round(fields.time),
  };
}

type Outcome = 'promoted' | 'aborted' | 'open';

interface ReleaseStory {
  plan: RolloutPlan;
  version: string;
  previous: string;
  startedAt: number;
  outcome: Outcome;
  degrades: boolean;
}

const PROMOTE_REASONS = [
  'Ring 1 clean for 40 minutes, verdict pass',
  'Canary matches baseline on all three metrics',
  'Error budget healthy, promoting to Ring 2',
  'Checked dashboards with on-call, go',
];

/**
 * When the release's last commit landed: 3 to 40 hours before its rollout, fixed per version
 * (no dice, so the rest of the history stays as it was), for DORA's lead time.
 */
const commitTime = (version: string, startedAt: number) =>
  startedAt - (3 + ([...version].reduce((sum, c) => sum + c.charCodeAt(0), 0) % 38)) * 3_600_000;

/** One release's rollout and canary events, up to `now` (or to its abort). */
function releaseEvents(d: Dice, story: ReleaseStory, now: number): NewAuditEvent[] {
  const { plan, startedAt } = story;
  const gate = plan.steps.findIndex((s) => s.kind === 'pause' && s.durationSeconds === null);
  const abortAt = story.outcome === 'aborted' ? startedAt + 71 * MINUTE : null;
  const stopAt = Math.min(now, abortAt ?? now);
  const gateAt = walkSteps(plan.steps, startedAt, stopAt).entered.find((e) => e.index === gate)?.at;
  const promotions = story.outcome === 'promoted' && gateAt !== undefined ? [gateAt + d.int(25, 150) * MINUTE] : [];
  const walk = walkSteps(plan.steps, startedAt, stopAt, promotions);
  const release = `${plan.service}-${story.version}`;
  const rollout = { source: 'rollout', actor: 'argo-rollouts', objectType: 'rollout', objectId: plan.name } as const;
  const events: NewAuditEvent[] = [
    auditEvent({
      ...rollout, time: startedAt, action: 'rollout.started', before: { version: story.previous },
      after: { version: story.version, release, commitAt: commitTime(story.version, startedAt) },
    }),
  ];

  let weight = 0;
  for (const { index, at } of walk.entered) {
    const step = plan.steps[index]!;
    if (step.kind !== 'setWeight') continue;
    const after = { step: index, weight: step.weight };
    events.push(auditEvent({ ...rollout, time: at + 2000, action: 'rollout.step', before: { weight }, after }));
    weight = step.weight ?? weight;
  }
  for (const at of promotions.filter((t) => t <= stopAt)) {
    events.push(
      auditEvent({
        source: 'console', actor: d.pick(PEOPLE), objectType: 'rollout', objectId: plan.name, time: at,
        action: 'rollout.promoted', before: { step: gate, weight: 25 }, after: { step: gate + 1 },
        reason: d.pick(PROMOTE_REASONS), result: 'ok',
      }),
    );
  }
  if (walk.index === plan.steps.length) {
    const last = walk.entered[walk.entered.length - 1]!.at;
    events.push(auditEvent({ ...rollout, time: last + 5000, action: 'rollout.completed', after: { version: story.version, weight: 100 } }));
  }

  const verdicts: [number, string, string, number][] = story.degrades
    ? [[15, 'inconclusive', 'pass', 91], [40, 'pass', 'marginal', 68], [70, 'marginal', 'fail', 34]]
    : [[15, 'inconclusive', 'pass', d.int(90, 99)]];
  for (const [minutes, from, to, score] of verdicts) {
    const time = startedAt + minutes * MINUTE;
    if (time > stopAt) continue;
    events.push(
      auditEvent({
        source: 'canary', actor: 'ringside-canary', objectType: 'release', objectId: release, time,
        action: 'verdict.changed', before: { outcome: from }, after: { outcome: to, score },
      }),
    );
  }
  if (abortAt !== null && abortAt <= now) {
    events.push(
      auditEvent({
        source: 'guard', actor: 'ringside-guard', objectType: 'rollout', objectId: plan.name, time: abortAt,
        action: 'rollout.aborted', before: { step: walk.index, weight: walk.canaryWeight }, after: { weight: 0 },
        reason: `Stop-the-line: ${release} error rate more than twice the baseline`, result: 'ok',
      }),
    );
  }
  return events;
}

/** Past releases per rollout: [days ago, version, outcome]; the current one comes from the plan. */
const PAST: Record<string, [number, string, Outcome][]> = {
  checkout: [[27, '2.3.6', 'promoted'], [20, '2.3.7', 'promoted'], [12, '2.3.8', 'aborted'], [9, '2.3.9', 'promoted']],
  search: [[25, '1.7.9', 'promoted'], [16, '1.8.0', 'promoted'], [7, '1.8.1', 'promoted']],
  payments: [[23, '3.11.4', 'promoted'], [14, '3.12.0', 'aborted']],
};
const FIRST_PREVIOUS: Record<string, string> = { checkout: '2.3.5', search: '1.7.8', payments: '3.11.3' };

/** Every rollout's releases over the last 30 days, the current ones included. */
export function releaseStories(d: Dice, now: number): NewAuditEvent[] {
  const events: NewAuditEvent[] = [];
  for (const plan of ROLLOUT_PLANS) {
    let previous = FIRST_PREVIOUS[plan.name] ?? '0.0.0';
    for (const [daysAgo, version, outcome] of PAST[plan.name] ?? []) {
      const day = Math.floor((now - daysAgo * DAY_MS) / DAY_MS) * DAY_MS;
      const startedAt = day + d.int(9 * 60, 15 * 60) * MINUTE;
      events.push(...releaseEvents(d, { plan, version, previous, startedAt, outcome, degrades: outcome === 'aborted' }, now));
      if (outcome !== 'aborted') previous = version;
    }
    const degrades = plan.name === 'checkout';
    const outcome: Outcome = plan.name === 'payments' ? 'promoted' : 'open';
    events.push(...releaseEvents(d, { plan, version: plan.version, previous, startedAt: planStart(plan, now), outcome, degrades }, now));
  }
  return events;
}

/** Two incidents where on-call engineers pulled kill switches, with their reasons. */
export function incidentStories(d: Dice, now: number): NewAuditEvent[] {
  const kill = (time: number, flag: string, actor: string, enabled: boolean, reason: string) =>
    auditEvent({
      source: 'console', actor, objectType: 'flag', objectId: flag, time,
      action: enabled ? 'flag.enabled' : 'flag.disabled', before: { enabled: !enabled }, after: { enabled },
      reason, result: 'ok',
    });
  const tag = (time: number, flag: string, actor: string, value: string) =>
    auditEvent({
      source: 'console', actor, objectType: 'flag', objectId: flag, time, environment: null,
      action: 'flag.tag.added', after: { type: 'incident', value }, result: 'ok',
    });

  const paypalAt = Math.floor((now - 19 * DAY_MS) / DAY_MS) * DAY_MS + (14 * 60 + 7) * MINUTE;
  const onCall1 = d.pick(PEOPLE);
  const recommenderAt = Math.floor((now - 6 * DAY_MS) / DAY_MS) * DAY_MS + (20 * 60 + 41) * MINUTE;
  const onCall2 = d.pick(PEOPLE);
  return [
    kill(paypalAt, 'payments.paypal', onCall1, false, 'INC-1987: PayPal answering 503 for 40 % of authorisations'),
    tag(paypalAt + 4 * MINUTE, 'payments.paypal', onCall1, 'INC-1987'),
    kill(paypalAt + 190 * MINUTE, 'payments.paypal', onCall1, true, 'INC-1987 resolved: provider confirmed recovery'),
    kill(recommenderAt, 'checkout.cart-recommendations', onCall2, false, 'INC-2041: recommender p99 at 4.2 s, cart p95 over SLO'),
    kill(recommenderAt + 3 * MINUTE, 'search.personalization', onCall2, false, 'INC-2041: same recommender, search p95 doubled'),
    tag(recommenderAt + 6 * MINUTE, 'checkout.cart-recommendations', onCall2, 'INC-2041'),
    tag(recommenderAt + 7 * MINUTE, 'search.personalization', onCall2, 'INC-2041'),
    kill(recommenderAt + 305 * MINUTE, 'checkout.cart-recommendations', d.pick(PEOPLE), true, 'INC-2041 mitigated: recommender scaled out'),
  ];
}
