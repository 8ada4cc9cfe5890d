import { useId, useState } from 'react';
import type { BlackoutStatus, LayerResult, PlanView } from '../../../../src-shared/domain/plan';
import type { IpcError } from '../../../../src-shared/ipc/result';
import { ErrorNote } from '../../components/ErrorNote';
import { useInFlight } from '../../hooks/useInFlight';
import { needsApproval } from '../../store/governanceCommands';
import { deployPermit, type Permit } from '../../store/permits';
import { advancePlan, haltPlan, rollbackPlan } from '../../store/ringCommands';
import { useRingside } from '../../store/useRingside';
import { RequestApproval } from './RequestApproval';
import { advanceConsequence, haltConsequence, rollbackConsequence } from './ringText';

/** Why the profile or the server refuses an action, beside it; nothing when allowed. */
const Denied = ({ permit }: { permit: Permit }) => (permit.allowed ? null : <span className="denied-reason">{permit.reason}</span>);

type Outcome = { kind: 'error'; error: IpcError } | { kind: 'layers'; what: string; layers: LayerResult[] } | { kind: 'done'; text: string };

/** Advance, Halt, Roll back: one click each, what each will do written beside it. */
export function PlanActions({ view, blackout }: { view: PlanView; blackout: BlackoutStatus | null }) {
  const id = useId();
  const [busy, setBusy] = useState<string | null>(null);
  const [, once] = useInFlight();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const policy = useRingside((s) => s.policy.data);
  const [override, setOverride] = useState('');
  const { plan, run } = view;
  const started = run.ring >= 0;
  const blocked = Boolean(blackout?.blocked);
  const overrideUsable = blocked && override.trim().length >= 3;
  const where = { namespace: plan.rollout?.namespace ?? null, flagEnvironment: plan.flag ? plan.environment : null };
  const permits = { advance: deployPermit(policy, 'advance', where), halt: deployPermit(policy, 'halt', where), rollback: deployPermit(policy, 'rollback', where) };
  const canAdvance = permits.advance.allowed && (view.advance.allowed || (overrideUsable && (view.advance.reason ?? '').startsWith('Release blackout')));

  async function perform(what: string, action: () => Promise<unknown>) {
    // one request per activation: a second click or Enter before the answer does nothing
    const result = (await once(async () => {
      setBusy(what);
      setOutcome(null);
      return action();
    })) as { ok: boolean; value?: { layers?: LayerResult[] }; error?: IpcError } | undefined;
    if (!result) return;
    setBusy(null);
    if (!result.ok) setOutcome({ kind: 'error', error: result.error! });
    else if (result.value?.layers) setOutcome({ kind: 'layers', what, layers: result.value.layers });
    else setOutcome({ kind: 'done', text: `${what}: done.` });
  }

  return (
    <div className="plan-actions">
      <div className="plan-action">
        <button
          type="button"
          disabled={!canAdvance || busy !== null}
          aria-describedby={`${id}-advance`}
          onClick={() => void perform('Advance', () => advancePlan(plan.id, blocked ? override.trim() : undefined))}
        >
          {started ? 'Advance' : 'Start Ring 0'}
        </button>
        <p id={`${id}-advance`} className="consequence">
          {advanceConsequence(view)} {view.advance.reason && <span className="blocked-reason">{view.advance.reason}</span>} <Denied permit={permits.advance} />
        </p>
      </div>
      {blocked && (
        <label className="override">
          Override reason (audited)
          <input value={override} onChange={(e) => setOverride(e.target.value)} maxLength={2000} placeholder="e.g. INC-77: the fix must ship now" />
        </label>
      )}
      <div className="plan-action">
        <button
          type="button"
          disabled={!started || run.halt !== null || run.completedAt !== null || busy !== null || !permits.halt.allowed}
          aria-describedby={`${id}-halt`}
          onClick={() => void perform('Halt', () => haltPlan(plan.id))}
        >
          Halt
        </button>
        <p id={`${id}-halt`} className="consequence">
          {haltConsequence(view)} <Denied permit={permits.halt} />
        </p>
      </div>
      <div className="plan-action">
        <button
          type="button"
          className="danger"
          disabled={!started || busy !== null || !permits.rollback.allowed}
          aria-describedby={`${id}-rollback`}
          onClick={() => void perform('Roll back', () => rollbackPlan(plan.id))}
        >
          Roll back
        </button>
        <p id={`${id}-rollback`} className="consequence">
          {rollbackConsequence(view)} <Denied permit={permits.rollback} />
        </p>
      </div>
      <div aria-live="polite" data-testid="plan-action-outcome">
        {busy && <p className="muted">{busy}…</p>}
        {outcome?.kind === 'error' && <ErrorNote error={outcome.error} />}
        {outcome?.kind === 'error' && plan.rollout && needsApproval(outcome.error) && <RequestApproval rollout={plan.rollout} action="advance" />}
        {outcome?.kind === 'done' && <p>{outcome.text}</p>}
        {outcome?.kind === 'layers' && (
          <ul className="layer-results">
            {outcome.layers.map((l) => (
              <li key={l.layer} data-ok={l.ok}>
                {outcome.what} · {l.layer} {l.target}: {l.ok ? l.message : `failed: ${l.message}`}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
