import type { Rollout } from '../../../../src-shared/domain/rollout';
import { formatAge } from '../../format/age';
import { formatDateTime } from '../../format/time';
import { useNow } from '../../hooks/useNow';
import { RolloutPromote } from './RolloutPromote';
import { RolloutSteps } from './RolloutSteps';

const percent = (value: number, max: number) => `${Math.round((value * 100) / max)}%`;

/** The plugin's SetWeight / ActualWeight, out of maxTrafficWeight; blue-green has none. */
function WeightCell({ rollout }: { rollout: Rollout }) {
  if (rollout.strategy?.kind === 'blueGreen') return <span className="muted">blue-green</span>;
  const weight = rollout.weight;
  if (!weight) return <>{rollout.canaryWeight}%</>;
  const actual = weight.actual === null ? 'unknown' : percent(weight.actual, weight.max);
  return (
    <span title={weight.max !== 100 ? `${weight.set} of ${weight.max} set; ${weight.actual ?? '?'} of ${weight.max} actual` : undefined}>
      {percent(weight.set, weight.max)}
      {actual !== percent(weight.set, weight.max) && <div className="muted">actual {actual}</div>}
    </span>
  );
}

/** Every rollout of the workspace, where it stands in its steps, and how old that reading is. */
export function RolloutsTable({ rollouts }: { rollouts: Rollout[] }) {
  const now = useNow(1000);
  if (rollouts.length === 0) return <p className="muted">No rollouts in this workspace.</p>;
  return (
    <table className="rollouts-table">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Namespace</th>
          <th scope="col">Phase</th>
          <th scope="col">Canary weight</th>
          <th scope="col">Steps</th>
          <th scope="col">Read</th>
        </tr>
      </thead>
      <tbody>
        {rollouts.map((rollout) => (
          <tr key={`${rollout.namespace}/${rollout.name}`} data-testid="rollout-row" data-rollout={rollout.name} data-aborted={rollout.aborted}>
            <th scope="row">{rollout.name}</th>
            <td>{rollout.namespace}</td>
            <td>
              <span className={`badge phase phase-${rollout.phase.toLowerCase()}`}>{rollout.phase}</span>
              {rollout.paused && rollout.phase !== 'Paused' && <span className="badge">paused</span>}
              {rollout.aborted && <span className="badge badge-bad">aborted</span>}
              {rollout.message && (
                <div className="muted rollout-message" data-testid="rollout-message">
                  {rollout.message}
                </div>
              )}
              <RolloutPromote rollout={rollout} />
            </td>
            <td className="numeric" data-testid="rollout-weight">
              <WeightCell rollout={rollout} />
            </td>
            <td>
              <RolloutSteps rollout={rollout} />
            </td>
            <td className="muted" data-testid="rollout-age" title={formatDateTime(rollout.observedAt)}>
              {formatAge(Math.max(0, now - rollout.observedAt))} ago
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
