import type { BackendKind, BackendStatus } from '../../../src-shared/domain/backend';
import { syncedLabel } from '../format/age';
import type { SyncProgress } from '../store/slices/workspaceSlice';

const kindLabels: Record<BackendKind, string> = { flags: 'Flags', deploy: 'Deploys', metrics: 'Metrics' };

/** One backend: who serves it, whether it answers, and how old what we show from it is. */
export function BackendChip({ status, now, progress }: { status: BackendStatus; now: number; progress?: SyncProgress }) {
  return (
    <li
      className={`backend-chip state-${status.state}`}
      data-testid={`backend-${status.kind}`}
      data-state={status.state}
      title={status.message ?? undefined}
    >
      <span className="chip-kind">{kindLabels[status.kind]}</span>
      <span className="chip-provider">{status.provider}</span>
      <span className="chip-state">{status.state}</span>
      <span className="chip-age">{syncedLabel(status.lastSyncAt, now)}</span>
      {progress && (
        <span className="chip-progress">
          syncing {progress.done}
          {progress.total !== null ? `/${progress.total}` : ''}
        </span>
      )}
    </li>
  );
}
