import { useId } from 'react';
import type { FlagStrategy } from '../../../../src-shared/domain/flag';
import type { PlanView, Ring } from '../../../../src-shared/domain/plan';
import { useRingside } from '../../store/useRingside';
import { strategySummary } from '../flags/strategyText';

export interface RingStrategiesProps {
  view: PlanView;
  /** save the plan's rings; resolves once main has answered */
  onSave: (rings: Ring[]) => Promise<void>;
}

/**
 * Which of the flag's strategies carry each ring's audience. Entering a ring enables its own and
 * earlier rings' strategies and keeps later rings' disabled, so the choice is made before the plan
 * starts: once under way the boxes only show it.
 */
export function RingStrategies({ view, onSave }: RingStrategiesProps) {
  const id = useId();
  const { plan, run } = view;
  const flag = useRingside((s) => (plan.flag ? s.flags.data?.flags.find((f) => f.name === plan.flag) : undefined));
  if (!plan.flag || !plan.rings.some((r) => r.exposure)) return null;
  const strategies: FlagStrategy[] = flag?.environments.find((e) => e.environment === plan.environment)?.strategies ?? [];
  const underWay = run.ring !== -1;

  const toggle = (index: number, strategyId: string, on: boolean) => {
    if (underWay) return;
    const rings = plan.rings.map((ring, i) => {
      if (i !== index || !ring.exposure) return ring;
      const current = ring.exposure.strategyIds ?? [];
      const strategyIds = on ? [...current.filter((s) => s !== strategyId), strategyId] : current.filter((s) => s !== strategyId);
      return { ...ring, exposure: { ...ring.exposure, strategyIds } };
    });
    void onSave(rings);
  };

  return (
    <fieldset className="ring-strategies" aria-describedby={`${id}-note`}>
      <legend>Flag strategies per ring</legend>
      <p id={`${id}-note`} className="muted">
        Entering a ring enables the strategies checked for it and for earlier rings, and disables later rings&apos; before{' '}
        <code>{plan.flag}</code> is turned on in {plan.environment}.
        {underWay && ' The plan is under way: reset it to change them.'}
      </p>
      {!flag && <p className="muted">The strategies of {plan.flag} are not loaded.</p>}
      {flag && strategies.length === 0 && (
        <p className="muted">
          {plan.flag} has no strategies in {plan.environment}; add one per ring audience in the flag server.
        </p>
      )}
      {plan.rings.map((ring, index) => {
        if (!ring.exposure) return null;
        const chosen = ring.exposure.strategyIds ?? [];
        const gone = chosen.filter((sid) => !strategies.some((s) => s.id === sid));
        return (
          <fieldset key={`${index}-${ring.name}`} className="ring-strategy-choice" data-testid="ring-strategies" data-ring={ring.name}>
            <legend>
              {ring.name} · {ring.audience}
            </legend>
            {strategies.map((strategy) => (
              <label key={strategy.id}>
                <input
                  type="checkbox"
                  checked={chosen.includes(strategy.id)}
                  disabled={underWay}
                  onChange={(e) => toggle(index, strategy.id, e.target.checked)}
                />
                {`${strategySummary(strategy)}${strategy.disabled ? ' · disabled now' : ''}`}
              </label>
            ))}
            {gone.map((sid) => (
              <p key={sid} className="observe-error">
                Names strategy {sid}, which {plan.flag} no longer has in {plan.environment}.
              </p>
            ))}
          </fieldset>
        );
      })}
    </fieldset>
  );
}
