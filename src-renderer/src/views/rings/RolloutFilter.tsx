import { useState } from 'react';
import type { Rollout } from '../../../../src-shared/domain/rollout';
import { RolloutsTable } from './RolloutsTable';

export interface RolloutListingView {
  rollouts: Rollout[];
  unreadable?: { namespace: string; name: string; reason: string }[];
  notices?: string[];
}

/**
 * Paused until a person promotes it: held by hand (spec.paused), at a blue-green pre-promotion
 * pause, or at a canary pause step without a duration. Aborted rollouts wait for a retry, not this.
 */
export function waitingForMe(r: Rollout): boolean {
  if (r.aborted || !r.paused) return false;
  if (r.specPaused) return true;
  const step = r.currentStepIndex === null ? undefined : r.steps[r.currentStepIndex];
  return r.pauseConditions.some(
    (c) => c.reason === 'BlueGreenPause' || (c.reason === 'CanaryPauseStep' && step?.kind === 'pause' && step.durationSeconds === null),
  );
}

/** The rollouts grouped by namespace, with a "waiting for me" filter and what could not be read. */
export function GroupedRollouts({ listing }: { listing: RolloutListingView }) {
  const [onlyMine, setOnlyMine] = useState(false);
  const waiting = listing.rollouts.filter(waitingForMe);
  const shown = onlyMine ? waiting : listing.rollouts;
  const namespaces = [...new Set(shown.map((r) => r.namespace))].sort();
  return (
    <div className="rollout-groups">
      {listing.notices?.map((notice) => (
        <p key={notice} className="muted" role="note">
          {notice}
        </p>
      ))}
      <label>
        <input type="checkbox" checked={onlyMine} onChange={(e) => setOnlyMine(e.target.checked)} /> Waiting for me ({waiting.length})
      </label>
      {onlyMine && shown.length === 0 && <p className="muted">No rollout is waiting for a manual promotion.</p>}
      {namespaces.map((ns) => (
        <section key={ns} aria-label={`Namespace ${ns}`} data-testid="rollout-namespace">
          <h4>{ns}</h4>
          <RolloutsTable rollouts={shown.filter((r) => r.namespace === ns)} />
        </section>
      ))}
      {!onlyMine && namespaces.length === 0 && <RolloutsTable rollouts={[]} />}
      {(listing.unreadable?.length ?? 0) > 0 && (
        <section aria-label="Unreadable rollouts">
          <h4>Could not be read</h4>
          <ul>
            {listing.unreadable!.map((u) => (
              <li key={`${u.namespace}/${u.name}`} data-testid="rollout-unreadable">
                {u.namespace}/{u.name}: {u.reason}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
