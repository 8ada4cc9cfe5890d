import { ErrorNote } from '../../components/ErrorNote';
import { loadRollouts } from '../../store/loaders';
import { useRingside } from '../../store/useRingside';
import { RolloutSteps } from './RolloutSteps';

/** The rollouts of the workspace and where each stands in its steps. */
export function RingsView() {
  const { data, error, loading } = useRingside((s) => s.rollouts);
  return (
    <section className="view-rings" aria-labelledby="rings-heading">
      <h2 id="rings-heading">Rings</h2>
      {error && <ErrorNote error={error} onRetry={() => void loadRollouts()} />}
      {!data && loading && <p className="muted">Loading rollouts…</p>}
      {data && data.rollouts.length === 0 && <p className="muted">No rollouts in this workspace.</p>}
      {data && data.rollouts.length > 0 && (
        <table className="rollouts-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Namespace</th>
              <th scope="col">Phase</th>
              <th scope="col">Canary weight</th>
              <th scope="col">Steps</th>
            </tr>
          </thead>
          <tbody>
            {data.rollouts.map((rollout) => (
              <tr key={`${rollout.namespace}/${rollout.name}`} data-testid="rollout-row" data-rollout={rollout.name}>
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
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
