import type { PlanView } from '../../../../src-shared/domain/plan';
import { formatDateTime } from '../../format/time';
import { duration, exposureText, stateLabels } from './ringText';
import { GateVerdictLine } from './GateVerdictLine';

/** One ring as a stage: state, traffic and audience, its verdict while current, who advanced it when. */
export function RingStage({ view, index, now }: { view: PlanView; index: number; now: number }) {
  const ring = view.plan.rings[index]!;
  const status = view.rings[index]!;
  const current = index === view.run.ring && view.run.completedAt === null;
  // The bake clock keeps running between answers from main.
  const left = status.bakeLeftMs === null ? null : status.bakeLeftMs - Math.max(0, now - view.computedAt);
  const labelId = `ring-${view.plan.id}-${index}`;
  // A ring the guard stopped shows the judgement that stopped it (as the banner and the audit do), not a later one.
  const halted = view.run.halt?.ring === index ? view.run.halt.evidence : null;
  const gate = halted ? { verdict: halted, title: 'stopped on verdict' } : view.run.verdict ? { verdict: view.run.verdict, title: 'verdict' } : null;
  return (
    <li
      className={`ring-stage state-${status.state}`}
      data-testid="ring-stage"
      data-ring={ring.name}
      data-state={status.state}
      aria-current={current ? 'step' : undefined}
      aria-labelledby={labelId}
    >
      <div className="ring-head">
        <strong id={labelId}>{ring.name}</strong>
        <span className="ring-audience">{ring.audience}</span>
        <span className={`badge ring-state state-${status.state}`} data-testid="ring-state">
          {stateLabels[status.state]}
          {status.state === 'baking' && left !== null && ` · ${duration(left)} left`}
        </span>
      </div>
      <p className="ring-binding">{exposureText(view, ring)}</p>
      <p className="ring-bake muted">bake {duration(ring.bakeMs)} with a pass verdict</p>
      {current && gate && <GateVerdictLine verdict={gate.verdict} title={gate.title} />}
      <p className="ring-note" data-testid="ring-note">
        {status.note}
      </p>
      {status.enteredAt !== null && (
        <p className="ring-entered muted" data-testid="ring-entered">
          advanced by {status.enteredBy} at {formatDateTime(status.enteredAt)}
        </p>
      )}
    </li>
  );
}
