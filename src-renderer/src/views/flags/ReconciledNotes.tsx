import { useMemo } from 'react';
import type { Flag } from '../../../../src-shared/domain/flag';
import type { ReconciledIntent } from '../../../../src-shared/domain/killRetry';
import { formatClockSeconds, formatDateTime } from '../../format/time';
import { killFlag } from '../../store/flagCommands';
import { opKey, type FlagOp } from '../../store/slices/flagOpsSlice';
import { useRingside } from '../../store/useRingside';
import { changeVerb } from './changeText';
import { FlagName } from './FlagName';
import './reconciled.css';

export interface ReconciledNotesProps {
  reconciled: ReconciledIntent[];
  flags: Flag[];
  readOnlyReason: string | null;
}

const opText = (op: FlagOp | undefined): string | null => {
  if (!op || op.request.kind !== 'enabled' || op.request.enabled) return null;
  if (op.status === 'pending') return 'killing again: pending…';
  if (op.status === 'confirmed') return `killed again, confirmed ${formatClockSeconds(op.confirmedAt)}`;
  return `the kill failed again: ${op.error.message}`;
};

function Entry({ intent, enabledNow, readOnlyReason }: { intent: ReconciledIntent; enabledNow: boolean | undefined; readOnlyReason: string | null }) {
  const op = useRingside((s) => s.flagOps[opKey(intent.flag, intent.environment)]);
  const applied = intent.outcome === 'confirmed after restart';
  const wasKill = intent.action === 'flag.disabled';
  const label = `Kill ${intent.flag} in ${intent.environment} again`;
  const outcome = opText(op);
  return (
    <li
      className={applied ? 'reconciled-confirmed' : 'reconciled-not-applied'}
      data-testid="reconciled-intent"
      data-flag={intent.flag}
      title={`asked ${formatDateTime(intent.requestedAt)}, checked ${formatDateTime(intent.reconciledAt)}`}
    >
      {!applied && <span aria-hidden="true">⚠ </span>}
      After a restart:{' '}
      <span className="flag-name">
        <FlagName name={intent.flag} />
      </span> {changeVerb(intent.action)} in {intent.environment} —{' '}
      <strong>{applied ? 'confirmed after restart' : 'NOT applied'}</strong> ({intent.evidence})
      {!applied && wasKill && enabledNow && (
        <button
          type="button"
          className="danger"
          aria-label={label}
          title={readOnlyReason ?? label}
          disabled={readOnlyReason !== null}
          aria-disabled={op?.status === 'pending' || undefined}
          onClick={() => void killFlag(intent.flag, intent.environment)}
        >
          Kill again
        </button>
      )}
      {!applied && outcome && <span className="reconciled-outcome"> · {outcome}</span>}
    </li>
  );
}

/**
 * Changes a crash left without an outcome, as the start-up check against the server found them:
 * confirmed, or not applied (a warning, with a one-click kill again when it was a kill and the
 * flag is still on). A compact list above the table, so no row moves.
 */
export function ReconciledNotes({ reconciled, flags, readOnlyReason }: ReconciledNotesProps) {
  const byName = useMemo(() => new Map(flags.map((f) => [f.name, f])), [flags]);
  if (reconciled.length === 0) return null;
  // warnings first, newest first within each
  const ordered = [...reconciled].sort(
    (a, b) => Number(a.outcome === 'confirmed after restart') - Number(b.outcome === 'confirmed after restart') || b.requestedAt - a.requestedAt,
  );
  return (
    <ul className="reconciled" aria-label="Changes checked after a restart" data-testid="reconciled">
      {ordered.map((intent) => (
        <Entry
          key={intent.intentId}
          intent={intent}
          enabledNow={byName.get(intent.flag)?.environments.find((e) => e.environment === intent.environment)?.enabled}
          readOnlyReason={readOnlyReason}
        />
      ))}
    </ul>
  );
}
