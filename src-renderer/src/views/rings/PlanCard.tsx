import type { BlackoutStatus, PlanView } from '../../../../src-shared/domain/plan';
import { useNow } from '../../hooks/useNow';
import { ExportGate } from './ExportGate';
import { HaltNote } from './HaltNote';
import { PlanActions } from './PlanActions';
import { PlanSettings } from './PlanSettings';
import { RingStage } from './RingStage';

/** One release plan: its rings as stages, what it is doing now, and what a person can do. */
export function PlanCard({ view, blackout }: { view: PlanView; blackout: BlackoutStatus | null }) {
  const now = useNow(1000);
  const { plan, run } = view;
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
              {run.rollout && (
                <span data-testid="plan-rollout-state">
                  {' '}
                  {run.rollout.phase}, canary {run.rollout.canaryWeight} %{run.rollout.aborted ? ', aborted' : ''}
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
      <ExportGate planId={plan.id} />
    </article>
  );
}
