import { useEffect } from 'react';
import { formatAge } from '../../format/age';
import { useNow } from '../../hooks/useNow';
import { cancelAuditSync, loadAuditStatus, resumeAuditSync } from '../../store/auditLoaders';
import { useRingside } from '../../store/useRingside';

const SOURCE_WORDS: Record<string, string> = {
  'flag-server': 'Flag server events',
  rollout: 'Rollout changes',
  canary: 'Canary metrics',
};

/**
 * Whether the history shown is complete: offline sources with the last time each was synced, a
 * first sync of a long history with its progress and a way to stop it, a paused sync to resume.
 */
export function AuditBanner() {
  const status = useRingside((s) => s.auditStatus.data);
  const backends = useRingside((s) => s.workspace.data?.backends);
  const progress = useRingside((s) => s.syncProgress.flags);
  const now = useNow(5_000);

  useEffect(() => {
    void loadAuditStatus();
  }, [backends]);

  if (!status) return null;
  const sources = status.sources.filter((s) => s.configured);
  const sync = status.flagSync;
  // Only a long sync reports progress; a poll's few new events are not worth a banner.
  const syncing = progress !== undefined;
  return (
    <div className="audit-banners">
      {status.offline && (
        <div className="audit-offline" role="status" data-testid="audit-offline">
          <strong>Offline: this is the local history.</strong> Events made elsewhere since the last sync are not in it yet.
          <ul>
            {sources.map((s) => (
              <li key={s.source} data-source={s.source} data-state={s.state}>
                {SOURCE_WORDS[s.source] ?? s.source}: {s.lastSyncAt === null ? 'never synced' : `last synced ${formatAge(now - s.lastSyncAt)} ago`}
                {s.state !== 'online' && <span className="muted"> ({s.state}{s.message ? `: ${s.message}` : ''})</span>}
              </li>
            ))}
          </ul>
        </div>
      )}
      {syncing && (
        <div className="audit-sync" role="status" data-testid="audit-sync">
          <span>
            Syncing the flag server&apos;s history
            {progress ? `: ${progress.done.toLocaleString('en')}${progress.total !== null ? ` of ${progress.total.toLocaleString('en')}` : ''} events` : '…'}
          </span>
          {progress?.total ? <progress max={progress.total} value={progress.done} aria-label="Sync progress" /> : null}
          <button type="button" onClick={() => void cancelAuditSync()}>
            Cancel sync
          </button>
        </div>
      )}
      {!syncing && sync.paused && (
        <div className="audit-sync" role="status" data-testid="audit-sync-paused">
          <span>
            The flag server&apos;s history sync is paused
            {sync.resumeFrom ? ` with ${sync.resumeFrom.count.toLocaleString('en')} of its newest events in` : ''}; what was synced stays.
          </span>
          <button type="button" onClick={() => void resumeAuditSync()}>
            Resume sync
          </button>
        </div>
      )}
    </div>
  );
}
