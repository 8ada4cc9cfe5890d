import type { Rollout } from '../../../../src-shared/domain/rollout';
import { formatAge } from '../../format/age';
import { formatDateTime } from '../../format/time';
import { useNow } from '../../hooks/useNow';
import { RolloutSteps } from './RolloutSteps';

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
            <th scope="row">
              {rollout.name}
              {rollout.message && <div className="muted rollout-message">{rollout.message}</div>}
            </th>
            <td>{rollout.namespace}</td>
            <td>
              <span className={`badge phase phase-${rollout.phase.toLowerCase()}`}>{rollout.phase}</span>
              {rollout.paused && rollout.phase !== 'Paused' && <span className="badge">paused</span>}
              {rollout.aborted && <span className="badge badge-bad">aborted</span>}
            </td>
            <td className="numeric">{rollout.canaryWeight}%</td>
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
