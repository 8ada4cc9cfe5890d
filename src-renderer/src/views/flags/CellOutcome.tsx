import { useId } from 'react';
import type { FlagEnvironmentState } from '../../../../src-shared/domain/flag';
import type { FlagChange } from '../../../../src-shared/domain/flagDebt';
import type { KillRetry } from '../../../../src-shared/domain/killRetry';
import { missingPermission } from '../../components/ErrorNote';
import { formatClockSeconds, formatDateTime } from '../../format/time';
import { retryFlagOp, runFlagOp } from '../../store/flagCommands';
import { canKeepTrying, keepTrying } from '../../store/killRetries';
import { SKIP_CHANGE_REQUEST } from '../../store/permits';
import { opKey, type FlagOp } from '../../store/slices/flagOpsSlice';
import { useRingside } from '../../store/useRingside';
import { describeChange } from './changeText';
import type { Ask } from './FlagStateCell';
import { KillRetryNote } from './KillRetryNote';
import { RequestChangeOffer } from './RequestChangeOffer';

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
  /** the kill main keeps trying (or last tried) for this cell */
  retry: KillRetry | undefined;
  now: number;
  /** ask a person for a reason before acting (the blackout override) */
  onAsk: (ask: Ask) => void;
}

/**
 * A retry main is running always shows; one that ended shows until this console changes the cell
 * again, and a confirmation only while the server still reads the flag off.
 */
function shownRetry(retry: KillRetry | undefined, op: FlagOp | undefined, state: FlagEnvironmentState): KillRetry | undefined {
  if (!retry || retry.state === 'trying') return retry;
  if (op !== undefined || (retry.state === 'confirmed' && state.enabled)) return undefined;
  return retry;
}

/**
 * Under a flag's state: when this console's last change was confirmed (while it still holds), why
 * it failed with a Retry (or, for a release a blackout blocked, an override that asks why; for a
 * kill that failed for a passing reason, Keep trying), the kill main keeps trying, and who changed
 * the flag last. The live regions stay mounted so screen readers announce what appears.
 */
export function CellOutcome({ flag, env, state, op, readOnly, change, retry, now, onAsk }: CellOutcomeProps) {
  const confirmed = op?.status === 'confirmed' && stillConfirmed(op, state) ? op.confirmedAt : null;
  const error = op?.status === 'failed' ? op.error : null;
  const errorId = useId();
  const call = useRingside((s) => s.retryCalls[opKey(flag, env)]);
  const shown = shownRetry(retry, op, state);
  const offerKeepTrying = canKeepTrying(op) && retry?.state !== 'trying';
  const asking = call?.status === 'pending' && call.action === 'keepTrying';
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
              {missingPermission(error) && ` (missing permission: ${missingPermission(error)})`}
            </span>
            {/* the server requires change requests here: ask for one instead of retrying what it refuses */}
            {error.code === 'forbidden' && error.permission === SKIP_CHANGE_REQUEST && op?.status === 'failed' && op.request.kind === 'enabled' ? (
              <RequestChangeOffer flag={flag} env={env} enabled={op.request.enabled} describedBy={errorId} onAsk={onAsk} />
            ) : error.code === 'blocked' && op?.status === 'failed' ? (
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
            {offerKeepTrying && (
              <button
                type="button"
                aria-describedby={errorId}
                aria-disabled={asking || undefined}
                title="Ringside sends the kill again until the server confirms it, you cancel, or someone changes the flag"
                onClick={() => void keepTrying(flag, env)}
              >
                {asking ? 'Keep trying…' : 'Keep trying'}
              </button>
            )}
            {call?.status === 'failed' && call.action === 'keepTrying' && (
              <span className="error-message">Could not keep trying: {call.error.message}</span>
            )}
          </>
        )}
      </div>
      <div className="cell-retry-slot" aria-live="polite">
        {shown && <KillRetryNote flag={flag} env={env} retry={shown} />}
      </div>
      {change && (
        <span className="cell-change muted" data-testid={`flag-change-${env}`} title={`${formatDateTime(change.at)} via ${change.source}`}>
          {describeChange(change, now)}
        </span>
      )}
    </>
  );
}
