import type { Rollout, RolloutStep } from '../../../../src-shared/domain/rollout';

export function stepLabel(step: RolloutStep): string {
  switch (step.kind) {
    case 'setWeight':
      return `${step.weight ?? '?'}%`;
    case 'pause':
      return step.durationSeconds !== null ? `pause ${step.durationSeconds} s` : 'pause';
    case 'other':
      // setCanaryScale, setHeaderRoute, ...: the adapter keeps what the step says in `detail`
      return step.detail ?? 'other';
    default:
      return step.kind;
  }
}

/** The steps as a row of stages: done, current (highlighted) and to come. */
export function RolloutSteps({ rollout }: { rollout: Rollout }) {
  const current = rollout.currentStepIndex;
  if (rollout.steps.length === 0) return <span className="muted">no steps</span>;
  return (
    <ol className="rollout-steps" aria-label={`Steps of ${rollout.name}`}>
      {rollout.steps.map((step, index) => {
        const stage = current === null || index > current ? 'todo' : index === current ? 'current' : 'done';
        return (
          <li
            key={index}
            className={`step step-${stage} step-${step.kind}`}
            aria-current={stage === 'current' ? 'step' : undefined}
            title={`Step ${index + 1}: ${step.kind}`}
          >
            {stepLabel(step)}
          </li>
        );
      })}
    </ol>
  );
}
