import { useId, useState } from 'react';
import type { GuardMode, PlanView, Ring } from '../../../../src-shared/domain/plan';
import type { IpcError } from '../../../../src-shared/ipc/result';
import { ErrorNote } from '../../components/ErrorNote';
import { updatePlan } from '../../store/ringCommands';
import { RingStrategies } from './RingStrategies';

/** Auto-advance, whether the guard acts or only recommends, and the flag strategies each ring enables. */
export function PlanSettings({ view }: { view: PlanView }) {
  const id = useId();
  const [error, setError] = useState<IpcError | null>(null);
  const { plan } = view;
  const save = async (patch: { autoAdvance?: boolean; guardMode?: GuardMode; rings?: Ring[] }) => {
    const result = await updatePlan({ planId: plan.id, ...patch });
    setError(result.ok ? null : result.error);
  };
  return (
    <div className="plan-settings">
      <label>
        <input type="checkbox" checked={plan.autoAdvance} onChange={(e) => void save({ autoAdvance: e.target.checked })} aria-describedby={`${id}-auto`} />
        Auto-advance
      </label>
      <span id={`${id}-auto`} className="muted">
        {' '}
        moves to the next ring by itself once a ring has held a pass verdict for its bake time (never during a blackout)
      </span>
      <fieldset className="guard-mode">
        <legend>When a ring fails its gate</legend>
        <label>
          <input type="radio" name={`${id}-guard`} checked={plan.guardMode === 'act'} onChange={() => void save({ guardMode: 'act' })} />
          Act: abort the rollout and kill the flag by itself
        </label>
        <label>
          <input type="radio" name={`${id}-guard`} checked={plan.guardMode === 'recommend'} onChange={() => void save({ guardMode: 'recommend' })} />
          Only recommend: halt and ask a person to roll back
        </label>
      </fieldset>
      <RingStrategies view={view} onSave={(rings) => save({ rings })} />
      {error && <ErrorNote error={error} />}
    </div>
  );
}
