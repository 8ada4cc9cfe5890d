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
  if (rollout.strategy?.kind === 'blueGreen') return <BlueGreen rollout={rollout} />;
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

/** Blue-green has no steps: the active and preview stacks, and whether it waits for a promotion. */
function BlueGreen({ rollout }: { rollout: Rollout }) {
  const s = rollout.strategy!;
  const stack = (role: 'active' | 'preview', selector: string | null, service: string | null) => {
    const images = (rollout.revisions ?? []).flatMap((r) => r.replicaSets).find((rs) => rs.roles.includes(role))?.images ?? [];
    return (
      <li className={`step bluegreen-${role}`} data-testid={`bluegreen-${role}`} title={service ? `service ${service}` : undefined}>
        {role} {selector ?? 'none'}
        {images.length > 0 && ` (${images.join(', ')})`}
      </li>
    );
  };
  return (
    <ol className="rollout-steps" aria-label={`Blue-green stacks of ${rollout.name}`} data-testid="bluegreen">
      {stack('active', s.activeSelector, s.primaryService)}
      {stack('preview', s.previewSelector, s.secondaryService)}
      {s.autoPromotion === false && <li className="step muted">manual promotion</li>}
    </ol>
  );
}
