/**
 * Ring progression as pure functions: a plan, where its run stands, and one observation of the
 * world (canary verdict, rollout) in; the next run and what should happen out. No I/O, no clock:
 * the ring service supplies the time and carries the decisions out.
 *
 * The gate: a ring's clock runs while its rollout weight is reached and the verdict is pass; any
 * other verdict (or none) stops and resets it. The ring is healthy once the clock has run for
 * the ring's bake time. A fail verdict (a tripped hard rule is a fail: one that breached on
 * consecutive evaluations, see canary/judge/streak.ts) calls the guard, once per fail: the latch
 * is only released when a verdict other than fail is seen. Each verdict's breach counts are kept
 * in the run beside the latch.
 */
import type {
  GateVerdict,
  GuardEvidence,
  GuardMode,
  ObservedRollout,
  PlanRun,
  ReleasePlan,
  Ring,
  RingStatus,
} from '../../../src-shared/domain/plan';
import { verdictStreaks } from '../canary/verdict';

export interface Observation {
  at: number;
  /** null when the verdict could not be read this time */
  verdict: GateVerdict | null;
  /** null when the plan drives no rollout, or it could not be read */
  rollout: ObservedRollout | null;
  error: string | null;
}

export type Decision =
  | { kind: 'guard'; mode: GuardMode; ring: number; evidence: GuardEvidence }
  | { kind: 'autoAdvance'; from: number };

export function newRun(plan: Pick<ReleasePlan, 'rings'>): PlanRun {
  return {
    ring: -1,
    rings: plan.rings.map(() => ({ enteredAt: null, enteredBy: null, gateSince: null, healthyAt: null })),
    halt: null,
    guardLatchedAt: null,
    completedAt: null,
    observedAt: null,
    verdict: null,
    rollout: null,
    observeError: null,
  };
}

/**
 * What stopped the line: the tripped rules and those counting breaches, and the failing metrics
 * with those the rules are about. Kept as the verdict had them: the same window and numbers.
 */
export function evidenceOf(verdict: GateVerdict): GuardEvidence {
  const rules = verdict.rules.filter((r) => r.tripped || (r.breaches ?? 0) > 0);
  const named = new Set(rules.map((r) => r.metric));
  return { ...verdict, metrics: verdict.metrics.filter((m) => m.failing || named.has(m.metric)), rules };
}

/** Whether the rollout carries the traffic the ring asks for (always, when the ring has no weight). */
export function weightReached(plan: Pick<ReleasePlan, 'rollout'>, ring: Ring, rollout: ObservedRollout | null): boolean {
  if (ring.weight === null || plan.rollout === null) return true;
  return rollout !== null && !rollout.aborted && rollout.canaryWeight >= ring.weight;
}

const isLive = (run: PlanRun) => run.ring >= 0 && run.completedAt === null;

/** Fold one observation into the run; answer the run after it and what the service must do. */
export function observe(plan: ReleasePlan, run: PlanRun, obs: Observation): { run: PlanRun; decisions: Decision[] } {
  const next: PlanRun = structuredClone(run);
  next.observedAt = obs.at;
  next.verdict = obs.verdict;
  next.rollout = obs.rollout;
  next.observeError = obs.error;
  // The rules' breach counts live with the guard's latch: a restart continues them (judge/streak.ts).
  if (obs.verdict) next.breaches = verdictStreaks(obs.verdict);
  const decisions: Decision[] = [];
  const outcome = obs.verdict?.outcome ?? null;
  if (outcome !== null && outcome !== 'fail') next.guardLatchedAt = null;
  if (!isLive(next)) return { run: next, decisions };

  const index = next.ring;
  const ring = plan.rings[index]!;
  const record = next.rings[index]!;

  if (outcome === 'fail' && next.guardLatchedAt === null && !next.halt?.rolledBack) {
    const evidence = evidenceOf(obs.verdict!);
    next.guardLatchedAt = obs.at;
    next.halt = {
      ring: index,
      at: obs.at,
      by: 'ringside-guard',
      reason: obs.verdict!.reason,
      kind: 'guard',
      acted: plan.guardMode === 'act',
      rolledBack: false,
      evidence,
    };
    decisions.push({ kind: 'guard', mode: plan.guardMode, ring: index, evidence });
  }

  const holding = next.halt === null && outcome === 'pass' && weightReached(plan, ring, obs.rollout);
  record.gateSince = holding ? (record.gateSince ?? obs.at) : null;
  const healthy = record.gateSince !== null && obs.at - record.gateSince >= ring.bakeMs;
  record.healthyAt = healthy ? (record.healthyAt ?? obs.at) : null;

  if (healthy && index === plan.rings.length - 1) next.completedAt = obs.at;
  else if (healthy && plan.autoAdvance) decisions.push({ kind: 'autoAdvance', from: index });
  return { run: next, decisions };
}

/** The run after a person (or auto-advance) moved the plan into ring `index`. */
export function enterRing(run: PlanRun, index: number, at: number, by: string): PlanRun {
  const next = structuredClone(run);
  next.ring = index;
  next.rings[index] = { enteredAt: at, enteredBy: by, gateSince: null, healthyAt: null };
  return next;
}

/** A duration as a person reads it on a stage: 40 s, 12 min, 3 h. */
export function spoken(ms: number): string {
  if (ms < 60_000) return `${Math.ceil(ms / 1000)} s`;
  if (ms < 120 * 60_000) return `${Math.ceil(ms / 60_000)} min`;
  return `${Math.round(ms / 3_600_000)} h`;
}

function currentNote(plan: ReleasePlan, run: PlanRun, ring: Ring, now: number): Pick<RingStatus, 'state' | 'bakeLeftMs' | 'note'> {
  const record = run.rings[run.ring]!;
  if (run.halt) {
    const what = run.halt.rolledBack ? 'rolled back' : run.halt.acted ? 'halted' : 'halted; roll back recommended';
    return { state: 'halted', bakeLeftMs: null, note: `${what}: ${run.halt.reason}` };
  }
  if (!weightReached(plan, ring, run.rollout)) {
    const at = run.rollout ? `${run.rollout.canaryWeight} %` : 'not read yet';
    return { state: 'active', bakeLeftMs: null, note: `rollout at ${at}; this ring takes ${ring.weight} %` };
  }
  if (record.gateSince === null) {
    const verdict = run.verdict ? `verdict ${run.verdict.outcome}` : 'no canary verdict yet';
    return { state: 'active', bakeLeftMs: null, note: `${verdict}; the bake clock runs while the verdict is pass` };
  }
  const left = ring.bakeMs - (now - record.gateSince);
  if (left > 0) return { state: 'baking', bakeLeftMs: left, note: `baking: ${spoken(left)} left of ${spoken(ring.bakeMs)}` };
  const last = run.ring === plan.rings.length - 1;
  const then = last ? 'the release is done' : plan.autoAdvance ? 'auto-advance moves on' : 'ready to advance';
  return { state: 'healthy', bakeLeftMs: 0, note: `gate held for the bake time; ${then}` };
}

/** Every ring as the view shows it at `now`. */
export function ringStatuses(plan: ReleasePlan, run: PlanRun, now: number): RingStatus[] {
  return plan.rings.map((ring, index) => {
    const record = run.rings[index] ?? { enteredAt: null, enteredBy: null };
    const base = { index, enteredAt: record.enteredAt, enteredBy: record.enteredBy };
    if (run.completedAt !== null || index < run.ring) return { ...base, state: 'done', bakeLeftMs: null, note: 'done' };
    if (index > run.ring) {
      const note = run.ring === -1 && index === 0 ? 'not started: Advance enters this ring' : 'pending';
      return { ...base, state: 'pending', bakeLeftMs: null, note };
    }
    return { ...base, ...currentNote(plan, run, ring, now) };
  });
}

/** Whether the plan may move on to its next ring now (blackouts are checked by the service). */
export function advanceCheck(plan: ReleasePlan, run: PlanRun, now: number): { allowed: boolean; reason: string | null } {
  const no = (reason: string) => ({ allowed: false, reason });
  if (run.completedAt !== null) return no('The plan is complete: every ring has held its gate.');
  if (run.ring === -1) return { allowed: true, reason: null };
  const ring = plan.rings[run.ring]!;
  if (run.halt) return no(`${ring.name} is halted (${run.halt.reason.replace(/\.$/, '')}); roll back, or reset the plan to start again.`);
  if (run.ring === plan.rings.length - 1) return no(`${ring.name} is the last ring; the plan completes when its gate holds.`);
  const status = ringStatuses(plan, run, now)[run.ring]!;
  if (status.state === 'healthy') return { allowed: true, reason: null };
  return no(`${ring.name} has not held its gate yet: ${status.note}.`);
}
