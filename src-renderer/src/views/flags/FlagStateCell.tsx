import type { Flag } from '../../../../src-shared/domain/flag';

/** Distinct rollout percentages of an environment's strategies, e.g. "25%" or "10%, 50%". */
export function rolloutLabel(state: Flag['environments'][number]): string | null {
  const percents = [...new Set(state.strategies.map((s) => s.rollout).filter((r): r is number => r !== null))];
  return percents.length ? percents.map((p) => `${p}%`).join(', ') : null;
}

/** On or off in one environment, with the rollout percentage when only part of traffic sees it. */
export function FlagStateCell({ flag, environment }: { flag: Flag; environment: string }) {
  const state = flag.environments.find((e) => e.environment === environment);
  if (!state) {
    return (
      <td className="flag-state missing" data-testid={`flag-state-${environment}`} title={`Not defined in ${environment}`}>
        —
      </td>
    );
  }
  const rollout = state.enabled ? rolloutLabel(state) : null;
  return (
    <td className={`flag-state ${state.enabled ? 'on' : 'off'}`} data-testid={`flag-state-${environment}`}>
      <span className="state-word">{state.enabled ? 'on' : 'off'}</span>
      {rollout && <span className="rollout"> {rollout}</span>}
    </td>
  );
}
