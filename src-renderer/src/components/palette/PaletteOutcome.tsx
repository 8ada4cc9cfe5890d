import type { KillRetry } from '../../../../src-shared/domain/killRetry';
import { describeRetry } from '../../format/killRetry';
import { formatClockSeconds } from '../../format/time';
import { canKeepTrying, keepTrying, retriesByCell } from '../../store/killRetries';
import { opKey, type FlagOp } from '../../store/slices/flagOpsSlice';
import { useRingside } from '../../store/useRingside';

/** The palette's last kill: what it was, where it stands, and whether main was asked to keep trying it. */
export type Outcome = { label: string; op: FlagOp | null; keptTrying?: boolean };

function describeOutcome({ label, op }: Outcome, retry: KillRetry | undefined): string {
  if (!op || op.status === 'pending') return `${label}: pending, waiting for the server to confirm…`;
  const { flag, environment } = op.request;
  if (op.status === 'confirmed') return `${flag} is off in ${environment} (confirmed ${formatClockSeconds(op.confirmedAt)})`;
  if (retry?.state === 'confirmed') return `${flag} is off in ${environment} (${describeRetry(retry)})`;
  if (retry?.state === 'trying') return `${flag} is NOT off yet in ${environment}: ${describeRetry(retry)}`;
  if (retry) return `${flag} is NOT off in ${environment}: ${describeRetry(retry)}`;
  return `${flag} was NOT turned off in ${environment}: ${op.error.message}`;
}

/**
 * Whether the server confirmed the palette's kill, in words; after a failure that may pass
 * (unavailable, timeout, rate limited) a Keep trying, and then the retry's own state.
 */
export function PaletteOutcome({ outcome, onKeptTrying }: { outcome: Outcome | null; onKeptTrying: (op: FlagOp) => void }) {
  const retries = useRingside((s) => s.flags.data?.retries);
  const op = outcome?.op ?? undefined;
  const cell = op ? opKey(op.request.flag, op.request.environment) : null;
  const retry = outcome?.keptTrying && cell && retries ? retriesByCell(retries).get(cell) : undefined;
  const call = useRingside((s) => (cell ? s.retryCalls[cell] : undefined));
  const offer = canKeepTrying(op) && !outcome?.keptTrying;

  async function keepGoing() {
    if (!op) return;
    if (await keepTrying(op.request.flag, op.request.environment)) onKeptTrying(op);
  }

  return (
    <>
      <p className="palette-outcome" role="status" aria-live="polite" data-testid="palette-outcome">
        {outcome && describeOutcome(outcome, retry)}
      </p>
      {offer && (
        <p className="palette-keep-trying">
          <button type="button" aria-disabled={call?.status === 'pending' || undefined} onClick={() => void keepGoing()}>
            Keep trying
          </button>{' '}
          <span className="muted">Ringside sends the kill again until the server confirms it.</span>
          {call?.status === 'failed' && <span className="error-message"> Could not keep trying: {call.error.message}</span>}
        </p>
      )}
    </>
  );
}
