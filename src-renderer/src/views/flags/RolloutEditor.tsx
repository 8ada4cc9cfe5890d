import { useId, useState, type FormEvent } from 'react';
import type { Environment, FlagStrategy } from '../../../../src-shared/domain/flag';
import { runFlagOp } from '../../store/flagCommands';
import type { Permit } from '../../store/permits';
import type { Ask } from './FlagStateCell';

export interface RolloutEditorProps {
  flag: string;
  environment: Environment;
  strategy: FlagStrategy;
  /** tells several rollout strategies of one cell apart in their accessible names */
  nameSuffix: string;
  disabled: boolean;
  /** whether the profile and the server allow raising and lowering here */
  permits: { raise: Permit; lower: Permit };
  pending: boolean;
  onAsk: (ask: Ask) => void;
}

const parsePercent = (text: string): number | null => {
  if (!/^\d{1,3}$/.test(text.trim())) return null;
  const value = Number(text.trim());
  return value <= 100 ? value : null;
};

/**
 * The percentage of a gradual rollout and a field to change it. Lowering it never asks; raising
 * it in production exposes more users and asks for a reason first.
 */
export function RolloutEditor({ flag, environment, strategy, nameSuffix, disabled, permits, pending, onAsk }: RolloutEditorProps) {
  const env = environment.name;
  const deniedId = useId();
  const current = strategy.rollout;
  // null while untouched: the field then follows the server's value as reloads bring it
  const [draft, setDraft] = useState<string | null>(null);
  const shown = draft ?? (current === null ? '' : String(current));
  const value = parsePercent(shown);
  const raising = value !== null && (current === null || value > current);
  const direction = raising ? permits.raise : permits.lower;
  // neither way allowed (a viewer): the field itself is read only; else the reason shows once a value would be refused
  const frozen = !permits.raise.allowed && !permits.lower.allowed ? permits.lower : null;
  const denied = frozen ?? (value !== null && value !== current && !direction.allowed ? direction : null);
  const canSet = !disabled && !pending && value !== null && value !== current && denied === null;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!canSet || value === null) return;
    const send = (reason?: string) => {
      setDraft(null);
      void runFlagOp({ kind: 'rollout', flag, environment: env, strategyId: strategy.id, rollout: value, reason });
    };
    if (!raising || environment.type !== 'production') return send();
    onAsk({
      title: `Raise rollout of ${flag} in ${env}?`,
      detail: `From ${current ?? 0}% to ${value}% of ${env} users.`,
      run: (reason) => send(reason),
    });
  }

  return (
    <form className="rollout-editor" onSubmit={submit}>
      <input
        type="number"
        min={0}
        max={100}
        step={1}
        inputMode="numeric"
        aria-label={`Rollout of ${flag} in ${env}${nameSuffix}`}
        aria-invalid={value === null || undefined}
        disabled={disabled || frozen !== null}
        aria-describedby={denied && !disabled ? deniedId : undefined}
        value={shown}
        onChange={(event) => setDraft(event.target.value)}
      />
      <span aria-hidden="true">%</span>
      <button type="submit" aria-label={`Set rollout of ${flag} in ${env}${nameSuffix}`} disabled={!canSet}>
        Set
      </button>
      {denied && !denied.allowed && !disabled && (
        <span id={deniedId} className="denied-reason" data-testid={`rollout-denied-${env}`}>
          {denied.reason}
        </span>
      )}
    </form>
  );
}
