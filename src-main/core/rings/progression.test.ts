import type { GateVerdict, PlanRun, ReleasePlan } from '../../../src-shared/domain/plan';
import { advanceCheck, enterRing, newRun, observe, ringStatuses, type Observation } from './progression';

const MIN = 60_000;
const T0 = 1_800_000_000_000;

const plan = (patch: Partial<ReleasePlan> = {}): ReleasePlan => ({
  id: 'p',
  releaseId: 'checkout-2.4.0',
  name: 'checkout 2.4.0',
  flag: 'checkout.new-pricing-engine',
  environment: 'production',
  rollout: { namespace: 'shop', name: 'checkout' },
  autoAdvance: false,
  guardMode: 'act',
  rings: [
    { name: 'Ring 0', audience: 'Developers', exposure: { audience: 'developers', strategyId: null, rollout: null }, weight: 5, bakeMs: 10 * MIN },
    { name: 'Ring 1', audience: 'Employees', exposure: { audience: 'employees', strategyId: null, rollout: null }, weight: 25, bakeMs: 30 * MIN },
    { name: 'Ring 3', audience: 'Everyone', exposure: { audience: null, strategyId: null, rollout: 100 }, weight: 100, bakeMs: 0 },
  ],
  createdAt: T0,
  updatedAt: T0,
  ...patch,
});

const verdict = (outcome: GateVerdict['outcome']): GateVerdict => ({
  outcome,
  score: outcome === 'pass' ? 100 : 20,
  reason: outcome === 'fail' ? 'error_rate (last): canary 3.1 is more than 2× baseline 0.4.' : 'all metrics pass',
  decidedAt: T0,
  stale: false,
  metrics: [
    { metric: 'error_rate', classification: outcome === 'fail' ? 'High' : 'Pass', failing: outcome === 'fail', canary: 3.1, baseline: 0.4, pValue: 0.0001 },
    { metric: 'saturation', classification: 'Pass', failing: false, canary: 50, baseline: 50, pValue: 0.7 },
  ],
  rules: [
    { kind: 'relative', metric: 'error_rate', threshold: 2, tripped: outcome === 'fail', canary: 3.1, baseline: 0.4, message: 'error_rate (last): canary 3.1 is more than 2× baseline 0.4.' },
  ],
});

const rollout = (canaryWeight: number) => ({ phase: 'Paused', canaryWeight, aborted: false, paused: true, message: null });
const seen = (at: number, outcome: GateVerdict['outcome'] | null, weight: number | null): Observation => ({
  at,
  verdict: outcome ? verdict(outcome) : null,
  rollout: weight === null ? null : rollout(weight),
  error: null,
});

/** Feed observations one after another; collect every decision. */
function walk(p: ReleasePlan, start: PlanRun, observations: Observation[]) {
  let run = start;
  const decisions = [];
  for (const obs of observations) {
    const step = observe(p, run, obs);
    run = step.run;
    decisions.push(...step.decisions);
  }
  return { run, decisions };
}

const inRing0 = (p = plan()) => enterRing(newRun(p), 0, T0, 'ana');

describe('ring progression', () => {
  it('starts with every ring pending and Advance allowed to enter Ring 0', () => {
    const p = plan();
    const run = newRun(p);
    expect(ringStatuses(p, run, T0).map((r) => r.state)).toEqual(['pending', 'pending', 'pending']);
    expect(advanceCheck(p, run, T0)).toEqual({ allowed: true, reason: null });
  });

  it('is active until the rollout reaches the ring weight, then bakes while the verdict stays pass', () => {
    const p = plan();
    let { run } = walk(p, inRing0(p), [seen(T0 + MIN, 'pass', 0)]);
    expect(ringStatuses(p, run, T0 + MIN)[0]).toMatchObject({ state: 'active', note: expect.stringContaining('rollout at 0 %') });
    ({ run } = walk(p, run, [seen(T0 + 2 * MIN, 'pass', 5)]));
    expect(ringStatuses(p, run, T0 + 6 * MIN)[0]).toMatchObject({ state: 'baking', bakeLeftMs: 6 * MIN, enteredBy: 'ana' });
    expect(advanceCheck(p, run, T0 + 6 * MIN)).toMatchObject({ allowed: false, reason: expect.stringContaining('6 min left') });
  });

  it('becomes healthy only after the whole bake time of pass, and a non-pass verdict restarts the clock', () => {
    const p = plan();
    const { run } = walk(p, inRing0(p), [
      seen(T0, 'pass', 5),
      seen(T0 + 9 * MIN, 'marginal', 5), // the clock stops and resets
      seen(T0 + 10 * MIN, 'pass', 5),
      seen(T0 + 19 * MIN, 'pass', 5),
    ]);
    expect(ringStatuses(p, run, T0 + 19 * MIN)[0]).toMatchObject({ state: 'baking', bakeLeftMs: MIN });
    const held = walk(p, run, [seen(T0 + 20 * MIN, 'pass', 5)]).run;
    expect(ringStatuses(p, held, T0 + 20 * MIN)[0]!.state).toBe('healthy');
    expect(advanceCheck(p, held, T0 + 20 * MIN)).toEqual({ allowed: true, reason: null });
  });

  it('stops the clock when the verdict cannot be read', () => {
    const p = plan();
    const { run } = walk(p, inRing0(p), [seen(T0, 'pass', 5), seen(T0 + 11 * MIN, null, 5)]);
    expect(ringStatuses(p, run, T0 + 11 * MIN)[0]).toMatchObject({ state: 'active', note: expect.stringContaining('no canary verdict') });
  });

  it('auto-advances when the gate held for the bake time, only when the plan says so', () => {
    const manual = walk(plan(), inRing0(), [seen(T0, 'pass', 5), seen(T0 + 10 * MIN, 'pass', 5)]);
    expect(manual.decisions).toEqual([]);
    const auto = plan({ autoAdvance: true });
    const result = walk(auto, inRing0(auto), [seen(T0, 'pass', 5), seen(T0 + 9 * MIN, 'pass', 5), seen(T0 + 10 * MIN, 'pass', 5)]);
    expect(result.decisions).toEqual([{ kind: 'autoAdvance', from: 0 }]);
  });

  it('marks every ring done once the last ring has held its gate', () => {
    const p = plan();
    const last = enterRing(inRing0(p), 2, T0, 'ana');
    const { run } = walk(p, last, [seen(T0 + MIN, 'pass', 100)]);
    expect(run.completedAt).toBe(T0 + MIN);
    expect(ringStatuses(p, run, T0 + MIN).map((r) => r.state)).toEqual(['done', 'done', 'done']);
    expect(advanceCheck(p, run, T0 + MIN).allowed).toBe(false);
  });

  it('shows earlier rings done and later ones pending while Ring 1 bakes', () => {
    const p = plan();
    const { run } = walk(p, enterRing(inRing0(p), 1, T0 + 20 * MIN, 'ringside-auto'), [seen(T0 + 21 * MIN, 'pass', 25)]);
    expect(ringStatuses(p, run, T0 + 22 * MIN).map((r) => [r.state, r.enteredBy])).toEqual([
      ['done', 'ana'],
      ['baking', 'ringside-auto'],
      ['pending', null],
    ]);
  });
});

describe('the stop-the-line guard', () => {
  it('halts the ring on a fail verdict and asks for both layers to be rolled back, with the evidence', () => {
    const p = plan();
    const { run, decisions } = walk(p, inRing0(p), [seen(T0, 'pass', 5), seen(T0 + 3 * MIN, 'fail', 5)]);
    expect(decisions).toHaveLength(1);
    const [guard] = decisions;
    expect(guard).toMatchObject({ kind: 'guard', mode: 'act', ring: 0 });
    if (guard?.kind !== 'guard') return;
    expect(guard.evidence.metrics).toEqual([expect.objectContaining({ metric: 'error_rate', canary: 3.1, baseline: 0.4, pValue: 0.0001 })]);
    expect(guard.evidence.rules).toEqual([expect.objectContaining({ metric: 'error_rate', threshold: 2, tripped: true })]);
    expect(run.halt).toMatchObject({ kind: 'guard', by: 'ringside-guard', acted: true, reason: expect.stringContaining('more than 2×') });
    expect(ringStatuses(p, run, T0 + 3 * MIN)[0]).toMatchObject({ state: 'halted', note: expect.stringContaining('more than 2×') });
    expect(advanceCheck(p, run, T0 + 3 * MIN)).toMatchObject({ allowed: false, reason: expect.stringContaining('halted') });
  });

  it('never acts twice while the verdict stays fail, and acts again on a new fail after a recovery', () => {
    const p = plan();
    const once = walk(p, inRing0(p), [seen(T0, 'fail', 5), seen(T0 + MIN, 'fail', 5), seen(T0 + 2 * MIN, 'fail', 0)]);
    expect(once.decisions.filter((d) => d.kind === 'guard')).toHaveLength(1);
    // A person resumes the ring (the halt is lifted) while the verdict is still fail: still no second action.
    const resumed = { ...once.run, halt: null };
    expect(walk(p, resumed, [seen(T0 + 3 * MIN, 'fail', 5)]).decisions).toEqual([]);
    // The verdict recovers, then fails again: that is a new fail.
    const again = walk(p, resumed, [seen(T0 + 4 * MIN, 'pass', 5), seen(T0 + 5 * MIN, 'fail', 5)]);
    expect(again.decisions.map((d) => d.kind)).toEqual(['guard']);
  });

  it('does not release the latch on an unreadable verdict', () => {
    const p = plan();
    const { decisions } = walk(p, inRing0(p), [seen(T0, 'fail', 5), seen(T0 + MIN, null, 5), seen(T0 + 2 * MIN, 'fail', 5)]);
    expect(decisions.filter((d) => d.kind === 'guard')).toHaveLength(1);
  });

  it('in recommend mode halts without acting and says a roll back is recommended', () => {
    const p = plan({ guardMode: 'recommend' });
    const { run, decisions } = walk(p, inRing0(p), [seen(T0, 'fail', 5)]);
    expect(decisions).toEqual([expect.objectContaining({ kind: 'guard', mode: 'recommend' })]);
    expect(run.halt).toMatchObject({ acted: false, rolledBack: false });
    expect(ringStatuses(p, run, T0)[0]!.note).toContain('roll back recommended');
  });

  it('stays quiet before the plan starts and after it is rolled back', () => {
    const p = plan();
    expect(walk(p, newRun(p), [seen(T0, 'fail', 5)]).decisions).toEqual([]);
    const rolledBack: PlanRun = { ...inRing0(p), halt: { ring: 0, at: T0, by: 'ana', reason: 'x', kind: 'person', acted: true, rolledBack: true, evidence: null } };
    expect(walk(p, rolledBack, [seen(T0 + MIN, 'fail', 0)]).decisions).toEqual([]);
  });

  it('does not auto-advance a halted ring even when its verdict passes again', () => {
    const p = plan({ autoAdvance: true });
    const { decisions } = walk(p, inRing0(p), [seen(T0, 'fail', 5), seen(T0 + MIN, 'pass', 5), seen(T0 + 30 * MIN, 'pass', 5)]);
    expect(decisions.map((d) => d.kind)).toEqual(['guard']);
  });
});
