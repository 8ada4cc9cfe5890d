import type { PlanView, Ring, RingState } from '../../../../src-shared/domain/plan';

export const stateLabels: Record<RingState, string> = {
  pending: 'pending',
  active: 'active',
  baking: 'baking',
  healthy: 'healthy',
  halted: 'halted',
  done: 'done',
};

/** "40 s", "12 min", "3 h": what is left of a bake. */
export function duration(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.ceil(s / 60);
  if (m < 120) return `${m} min`;
  return `${Math.round(m / 60)} h`;
}

/** Who sees the ring and how much traffic it takes, in words. */
export function exposureText(view: PlanView, ring: Ring): string {
  const parts: string[] = [];
  if (ring.weight !== null && view.plan.rollout) parts.push(`${ring.weight} % of traffic on the canary`);
  if (ring.exposure && view.plan.flag) {
    const who = ring.exposure.audience ? ` (${ring.exposure.audience})` : '';
    const pct = ring.exposure.rollout !== null ? ` at ${ring.exposure.rollout} %` : '';
    parts.push(`flag on${pct} for ${ring.audience}${who}`);
  }
  return parts.join(' · ') || 'no binding';
}

/** What pressing Advance will do, stated before it is pressed. */
export function advanceConsequence(view: PlanView): string {
  const next = view.plan.rings[view.run.ring + 1];
  if (!next) return 'There is no next ring.';
  const parts: string[] = [];
  if (next.weight !== null && view.plan.rollout) parts.push(`promotes rollout ${view.plan.rollout.namespace}/${view.plan.rollout.name} toward ${next.weight} %`);
  if (next.exposure && view.plan.flag) {
    const pct = next.exposure.rollout !== null ? ` at ${next.exposure.rollout} %` : '';
    parts.push(`exposes ${view.plan.flag}${pct} to ${next.audience} in ${view.plan.environment}`);
  }
  return `Enters ${next.name}: ${parts.join(' and ') || 'nothing to change'}.`;
}

export function rollbackConsequence(view: PlanView): string {
  const parts: string[] = [];
  if (view.plan.rollout) parts.push(`aborts rollout ${view.plan.rollout.namespace}/${view.plan.rollout.name} (all traffic back to stable)`);
  if (view.plan.flag) parts.push(`turns ${view.plan.flag} off in ${view.plan.environment}`);
  return `Both layers at once: ${parts.join(' and ')}. Always allowed, blackout or not.`;
}

export function haltConsequence(view: PlanView): string {
  const r = view.plan.rollout;
  return r
    ? `Pauses rollout ${r.namespace}/${r.name} where it stands and stops auto-advance; the flag is left as it is.`
    : 'Stops auto-advance; the flag is left as it is.';
}
