import type { NewAuditEvent } from '../../../src-shared/domain/audit';
import type { Rollout } from '../../../src-shared/domain/rollout';
import type { Clock } from '../ports';
import type { AuditQueries } from '../store/audit';

/** The part of a rollout whose changes the audit records. */
interface Observed {
  phase: string;
  step: number | null;
  steps: number;
  weight: number;
  aborted: boolean;
  paused: boolean;
  message: string | null;
}

const observed = (r: Rollout): Observed => ({
  phase: r.phase,
  step: r.currentStepIndex,
  steps: r.steps.length,
  weight: r.canaryWeight,
  aborted: r.aborted,
  paused: r.paused,
  message: r.message,
});

type Change = Pick<NewAuditEvent, 'action' | 'before' | 'after'>;

/** What changed between two polls of one rollout, in the order a reader expects them. */
export function rolloutChanges(before: Observed, after: Observed): Change[] {
  const changes: Change[] = [];
  const at = (o: Observed) => ({ step: o.step, weight: o.weight });
  if (!before.aborted && after.aborted) changes.push({ action: 'rollout.aborted', before: at(before), after: at(after) });
  if (before.aborted && !after.aborted) changes.push({ action: 'rollout.retried', before: at(before), after: at(after) });
  if (before.step !== after.step) {
    const done = after.step !== null && after.step >= after.steps && after.steps > 0;
    const restarted = after.step !== null && before.step !== null && after.step < before.step && !after.aborted;
    const action = done ? 'rollout.completed' : restarted ? 'rollout.restarted' : 'rollout.step';
    changes.push({ action, before: at(before), after: at(after) });
  }
  if (before.phase !== after.phase) {
    changes.push({ action: 'rollout.phase', before: { phase: before.phase }, after: { phase: after.phase, message: after.message } });
  }
  if (before.paused !== after.paused) {
    changes.push({ action: after.paused ? 'rollout.paused' : 'rollout.resumed', before: at(before), after: at(after) });
  }
  return changes;
}

export interface RolloutObserverDeps {
  workspace: string;
  audit: AuditQueries;
  clock: Clock;
  /** the deploy provider's name, so a reader knows who reported the change */
  provider: string;
}

/**
 * Argo Rollouts keeps no history of its own: the console diffs each poll's rollouts against the
 * previous poll and appends a row per phase, step, pause or abort change it observed. The first
 * poll only sets the baseline; a change is dated when it was seen, not when it happened.
 */
export function createRolloutObserver(deps: RolloutObserverDeps) {
  let previous: Map<string, Observed> | null = null;
  return {
    /** Compare with the last poll; the number of rows appended. */
    observe(rollouts: Rollout[]): number {
      const now = deps.clock.now();
      const current = new Map(rollouts.map((r) => [`${r.namespace}/${r.name}`, observed(r)]));
      const rows: NewAuditEvent[] = [];
      for (const rollout of rollouts) {
        const before = previous?.get(`${rollout.namespace}/${rollout.name}`);
        if (!before) continue;
        const after = current.get(`${rollout.namespace}/${rollout.name}`)!;
        for (const change of rolloutChanges(before, after)) {
          rows.push({
            ...change,
            time: now,
            source: 'rollout',
            actor: `${deps.provider} (observed)`,
            workspace: deps.workspace,
            environment: rollout.namespace,
            objectType: 'rollout',
            objectId: rollout.name,
            reason: rollout.message,
            result: rollout.phase,
          });
        }
      }
      previous = current;
      return rows.length ? deps.audit.appendMany(rows) : 0;
    },
  };
}
export type RolloutObserver = ReturnType<typeof createRolloutObserver>;
