import { useId } from 'react';
import type { FlagEnvironmentState } from '../../../../src-shared/domain/flag';
import type { FlagChange } from '../../../../src-shared/domain/flagDebt';
import { formatAge } from '../../format/age';
import { formatClockSeconds, formatDateTime } from '../../format/time';
import { retryFlagOp, runFlagOp } from '../../store/flagCommands';
import type { FlagOp } from '../../store/slices/flagOpsSlice';
import type { Ask } from './FlagStateCell';

const changeVerbs: Record<string, string> = {
  'flag.enabled': 'on',
  'flag.disabled': 'off',
  'flag.strategy.updated': 'rollout changed',
  'flag.strategy.enabled': 'audience added',
  'flag.strategy.disabled': 'audience removed',
};

/** "off by ana.ribeiro 3 min ago" */
export function describeChange(change: FlagChange, now: number): string {
  return `${changeVerbs[change.action] ?? change.action} by ${change.by} ${formatAge(now - change.at)} ago`;
}

/** Whether the state shown now is still the one a confirmed change produced. */
function stillConfirmed(op: FlagOp, state: FlagEnvironmentState): boolean {
  const request = op.request;
  if (request.kind === 'enabled') return state.enabled === request.enabled;
  return state.strategies.some((s) => s.id === request.strategyId && s.rollout === request.rollout);
}

export interface CellOutcomeProps {
  flag: string;
  env: string;
  state: FlagEnvironmentState;
  op: FlagOp | undefined;
  readOnly: boolean;
  change: FlagChange | undefined;
  now: number;
  /** ask a person for a reason before acting (the blackout override) */
  onAsk: (ask: Ask) => void;
}

/**
 * Under a flag's state: when this console's last change was confirmed (while it still holds), why
 * it failed with a Retry (or, for a release a blackout blocked, an override that asks why), and who
 * changed the flag last. The live regions stay mounted so screen readers announce what appears.
 */
export function CellOutcome({ flag, env, state, op, readOnly, change, now, onAsk }: CellOutcomeProps) {
  const confirmed = op?.status === 'confirmed' && stillConfirmed(op, state) ? op.confirmedAt : null;
  const error = op?.status === 'failed' ? op.error : null;
  const errorId = useId();
  return (
    <>
      <span className="cell-confirmed" aria-live="polite">
        {confirmed !== null && (
          <span data-testid={`flag-confirmed-${env}`} title={formatDateTime(confirmed)}>
            confirmed {formatClockSeconds(confirmed)}
          </span>
        )}
      </span>
      <div className="cell-error" data-testid={`flag-error-${env}`} role="none" aria-live="polite">
        {error && (
          <>
            <span id={errorId} className="error-message">
              {error.message}
            </span>
            {error.code === 'blocked' && op?.status === 'failed' ? (
              <button
                type="button"
                aria-describedby={errorId}
                disabled={readOnly}
                onClick={() =>
                  onAsk({
                    title: `Override the release blackout for ${flag} in ${env}?`,
                    detail: 'The override and its reason are kept in the audit history.',
                    run: (reason) => void runFlagOp({ ...op.request, blackoutOverride: reason }),
                  })
                }
              >
                Override…
              </button>
            ) : (
              <button type="button" aria-describedby={errorId} disabled={readOnly} onClick={() => void retryFlagOp(flag, env)}>
                Retry
              </button>
            )}
          </>
        )}
      </div>
      {change && (
        <span className="cell-change muted" data-testid={`flag-change-${env}`} title={`${formatDateTime(change.at)} via ${change.source}`}>
          {describeChange(change, now)}
        </span>
      )}
    </>
  );
}
