import { ErrorNote } from '../../components/ErrorNote';
import { loadRollouts } from '../../store/loaders';
import { loadRings } from '../../store/ringLoaders';
import { useRingside } from '../../store/useRingside';
import { BlackoutBar } from './BlackoutBar';
import { PlanCard } from './PlanCard';
import { GroupedRollouts } from './RolloutFilter';
import { UnplannedReleases } from './UnplannedReleases';
import { WindowsPanel } from './WindowsPanel';
import './rings.css';

/** Release plans ring by ring, the release windows, and the rollouts underneath. */
export function RingsView() {
  const plans = useRingside((s) => s.plans);
  const rollouts = useRingside((s) => s.rollouts);
  const blackout = plans.data?.blackout ?? null;
  return (
    <section className="view-rings" aria-labelledby="rings-heading">
      <h2 id="rings-heading">Rings</h2>
      <BlackoutBar status={blackout} />
      {plans.error && <ErrorNote floating error={plans.error} onRetry={() => void loadRings()} />}
      {!plans.data && plans.loading && <p className="muted">Loading release plans…</p>}
      {plans.data && plans.data.plans.length === 0 && <p className="muted">No release plans yet.</p>}
      {plans.data?.plans.map((view) => (
        <PlanCard key={view.plan.id} view={view} blackout={blackout} />
      ))}
      {plans.data && <UnplannedReleases releases={plans.data.unplanned} />}
      <WindowsPanel />
      <h3>Rollouts</h3>
      {rollouts.error && <ErrorNote floating error={rollouts.error} onRetry={() => void loadRollouts()} />}
      {!rollouts.data && rollouts.loading && <p className="muted">Loading rollouts…</p>}
      {rollouts.data && <GroupedRollouts listing={rollouts.data} />}
    </section>
  );
}
