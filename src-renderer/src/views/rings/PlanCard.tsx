import type { BlackoutStatus, ObservedRollout, PlanView } from '../../../../src-shared/domain/plan';
import { useNow } from '../../hooks/useNow';
import { useRingside } from '../../store/useRingside';
import { AnalysisRunPanel } from './AnalysisRunPanel';
import { ExportGate } from './ExportGate';
import { HaltNote } from './HaltNote';
import { PlanActions } from './PlanActions';
import { PlanSettings } from './PlanSettings';
import { RingStage } from './RingStage';

/**
 * The newest reading of the plan's rollout: the plan's own (its last observation or action) or
 * the rollouts table's, whichever the controller answered later, so header and table agree.
 */
function useRolloutReading(view: PlanView): ObservedRollout | null {
  const { plan, run } = view;
  const listed = useRingside((s) => s.rollouts.data?.rollouts.find((r) => plan.rollout && r.namespace === plan.rollout.namespace && r.name === plan.rollout.name));
  const own = run.rollout;
  const ownAt = own?.observedAt ?? run.observedAt ?? 0;
  if (listed && (!own || listed.observedAt > ownAt)) return listed;
  return own;
}

/** One release plan: its rings as stages, what it is doing now, and what a person can do. */
export function PlanCard({ view, blackout }: { view: PlanView; blackout: BlackoutStatus | null }) {
  const now = useNow(1000);
  const { plan, run } = view;
  const rollout = useRolloutReading(view);
  const titleId = `plan-${plan.id}-title`;
  return (
    <article className="plan-card" data-testid="plan" data-plan={plan.id} aria-labelledby={titleId}>
      <header className="plan-head">
        <h3 id={titleId}>{plan.name}</h3>
        <p className="muted plan-bindings">
          {plan.flag && (
            <>
              flag <code>{plan.flag}</code> in {plan.environment}
            </>
          )}
          {plan.flag && plan.rollout && ' · '}
          {plan.rollout && (
            <>
              rollout <code>{`${plan.rollout.namespace}/${plan.rollout.name}`}</code>
              {rollout && (
                <span data-testid="plan-rollout-state">
                  {' '}
                  {rollout.phase}, canary {rollout.canaryWeight}%{rollout.aborted ? ', aborted' : ''}
                </span>
              )}
            </>
          )}
        </p>
        {run.observeError && <p className="observe-error">Could not read everything: {run.observeError}</p>}
      </header>
      <HaltNote view={view} />
      <ol className="ring-stages" aria-label={`Rings of ${plan.name}`}>
        {plan.rings.map((ring, index) => (
          <RingStage key={`${index}-${ring.name}`} view={view} index={index} now={now} />
        ))}
      </ol>
      <PlanActions view={view} blackout={blackout} />
      <PlanSettings view={view} />
      {plan.rollout && <AnalysisRunPanel rollout={plan.rollout} verdict={run.verdict} />}
      <ExportGate planId={plan.id} rollout={plan.rollout} />
    </article>
  );
}
