import { useId, useState } from 'react';
import type { Environment, Flag, FlagEnvironmentState } from '../../../../src-shared/domain/flag';
import type { FlagChange } from '../../../../src-shared/domain/flagDebt';
import type { KillRetry } from '../../../../src-shared/domain/killRetry';
import { ReasonDialog } from '../../components/ReasonDialog';
import { runFlagOp } from '../../store/flagCommands';
import { flagPermit } from '../../store/permits';
import { opKey, type FlagOp } from '../../store/slices/flagOpsSlice';
import { useRingside } from '../../store/useRingside';
import { CellOutcome } from './CellOutcome';
import { RolloutEditor } from './RolloutEditor';
import { strategyName, strategySummary } from './strategyText';
import './flagCell.css';

/** Distinct rollout percentages of an environment's enabled strategies, e.g. "25%" or "10%, 50%". */
export function rolloutLabel(state: FlagEnvironmentState): string | null {
  // A disabled strategy exposes no one, whatever its percentage says.
  const live = state.strategies.filter((s) => !s.disabled);
  const percents = [...new Set(live.map((s) => s.rollout).filter((r): r is number => r !== null))];
  return percents.length ? percents.map((p) => `${p}%`).join(', ') : null;
}

/** A question to ask before a change that exposes users, and what to do with the answer. */
export interface Ask {
  title: string;
  detail: string;
  run: (reason: string) => void;
}

export interface FlagStateCellProps {
  flag: Flag;
  environment: Environment;
  /** why changes are disabled; null when they are allowed */
  readOnlyReason: string | null;
  change: FlagChange | undefined;
  /** the kill main keeps trying (or last tried) here */
  retry: KillRetry | undefined;
  now: number;
}

/**
 * One flag in one environment: its state as the server last confirmed it (or "pending" while a
 * change is on its way), the kill or turn-on button, rollout editors, and who changed it last.
 */
export function FlagStateCell({ flag, environment, readOnlyReason, change, retry, now }: FlagStateCellProps) {
  const env = environment.name;
  const state = flag.environments.find((e) => e.environment === env);
  const op: FlagOp | undefined = useRingside((s) => s.flagOps[opKey(flag.name, env)]);
  const policy = useRingside((s) => s.policy.data);
  const [ask, setAsk] = useState<Ask | null>(null);
  const deniedId = useId();

  if (!state) {
    return (
      <td className="flag-cell missing" title={`Not defined in ${env}`}>
        <span className="flag-state" data-testid={`flag-state-${env}`}>
          —
        </span>
      </td>
    );
  }

  const pending = op?.status === 'pending';
  const production = environment.type === 'production';
  const readOnly = readOnlyReason !== null;
  const rollout = state.enabled ? rolloutLabel(state) : null;
  const disabled = state.strategies.filter((s) => s.disabled);
  const word = pending ? 'pending' : state.enabled ? 'on' : 'off';
  const label = state.enabled ? `Kill ${flag.name} in ${env}` : `Turn on ${flag.name} in ${env}`;
  // what the profile and the server allow, as the core decides it: the reason is shown beside the control
  const permit = flagPermit(policy, env, state.enabled ? 'kill' : 'turnOn');
  const denied = !readOnly && !permit.allowed ? permit.reason : null;
  const rolloutPermits = { raise: flagPermit(policy, env, 'raise'), lower: flagPermit(policy, env, 'lower') };

  function toggle() {
    if (pending || readOnly || denied || !state) return;
    if (state.enabled) return void runFlagOp({ kind: 'enabled', flag: flag.name, environment: env, enabled: false });
    if (!production) return void runFlagOp({ kind: 'enabled', flag: flag.name, environment: env, enabled: true });
    setAsk({
      title: `Release ${flag.name} in ${env}?`,
      detail: `Turning ${flag.name} on in ${env} releases it to production users.`,
      run: (reason) => void runFlagOp({ kind: 'enabled', flag: flag.name, environment: env, enabled: true, reason }),
    });
  }

  return (
    <td className="flag-cell" data-env={env}>
      <div className="cell-line">
        <span className={`flag-state ${word}`} data-testid={`flag-state-${env}`}>
          <span className="state-word">{word}</span>
          {!pending && rollout && <span className="rollout"> {rollout}</span>}
        </span>
        <button
          type="button"
          className={state.enabled ? 'kill danger' : 'turn-on'}
          aria-label={label}
          title={readOnlyReason ?? denied ?? label}
          disabled={readOnly || denied !== null}
          aria-disabled={pending || undefined}
          aria-describedby={denied ? deniedId : undefined}
          onClick={toggle}
        >
          {state.enabled ? 'Kill' : 'Turn on'}
        </button>
      </div>
      {denied && (
        <p id={deniedId} className="denied-reason" data-testid={`flag-denied-${env}`}>
          {denied}
        </p>
      )}
      {state.strategies
        .filter((s) => s.rollout !== null && !s.disabled)
        .map((strategy, index, all) => (
          <RolloutEditor
            key={strategy.id}
            flag={flag.name}
            environment={environment}
            strategy={strategy}
            nameSuffix={all.length > 1 ? ` (strategy ${index + 1})` : ''}
            disabled={readOnly}
            permits={rolloutPermits}
            pending={pending}
            onAsk={setAsk}
          />
        ))}
      {disabled.length > 0 && (
        <ul className="strategies-disabled" aria-label={`Disabled strategies of ${flag.name} in ${env}`}>
          {disabled.map((strategy) => (
            <li key={strategy.id} data-testid="strategy-disabled" title={strategySummary(strategy)}>
              {strategyName(strategy)}: disabled
            </li>
          ))}
        </ul>
      )}
      <CellOutcome
        flag={flag.name}
        env={env}
        state={state}
        op={op}
        readOnly={readOnly}
        change={change}
        retry={retry}
        now={now}
        onAsk={setAsk}
      />
      {ask && (
        <ReasonDialog
          title={ask.title}
          detail={ask.detail}
          onCancel={() => setAsk(null)}
          onConfirm={(reason) => {
            setAsk(null);
            ask.run(reason);
          }}
        />
      )}
    </td>
  );
}
