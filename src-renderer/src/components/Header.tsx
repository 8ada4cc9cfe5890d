import { useEffect, useState } from 'react';
import { useNow } from '../hooks/useNow';
import { loadWorkspace } from '../store/loaders';
import { isCoreOffline } from '../store/slices/appSlice';
import { useRingside } from '../store/useRingside';
import { BackendChip } from './BackendChip';
import { ErrorNote } from './ErrorNote';
import { OFFLINE_BANNER_ID, OfflineBanner } from './OfflineBanner';
import { WorkspaceSwitcher } from './WorkspaceSwitcher';
import { WorkspaceSettings } from '../views/lazyViews';

/**
 * Re-read the backend statuses once per poll while the core answers: the core records each
 * backend's answers without pushing them, and a chip must know them to say it is still current.
 * A background tab's timers are throttled, so coming back to the tab re-reads at once.
 */
function useStatusRefresh(pollMs: number | null, online: boolean) {
  useEffect(() => {
    if (!online || !pollMs) return;
    const id = setInterval(() => void loadWorkspace(), pollMs);
    const onVisible = () => {
      if (document.visibilityState === 'visible') void loadWorkspace();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(id);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [pollMs, online]);
}

/** The tab or window title names the workspace; a production one starts with [PROD], seen even in a tab strip. */
function useWorkspaceTitle(name: string | null, production: boolean) {
  useEffect(() => {
    if (name === null) return;
    document.title = `${production ? '[PROD] ' : ''}${name} · Ringside`;
  }, [name, production]);
}

/** App name, the workspace in use (a production one under a red band), whether the core answers and the state of each backend it talks to. */
export function Header() {
  const { data, error } = useRingside((s) => s.workspace);
  const progress = useRingside((s) => s.syncProgress);
  const liveness = useRingside((s) => s.liveness);
  const offline = useRingside(isCoreOffline);
  const now = useNow(1000);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const production = data?.production === true;
  useStatusRefresh(liveness.pollMs, liveness.status === 'online');
  useWorkspaceTitle(data?.name ?? null, production);
  return (
    <header className="app-header" data-core={liveness.status} data-production={production || undefined}>
      {production && (
        <div className="production-band" data-testid="production-band" role="note" aria-label="Production workspace">
          PRODUCTION · {data.name}
        </div>
      )}
      <h1 className="app-name">Ringside</h1>
      {data && (
        <div className="workspace" data-testid="workspace-name" data-kind={data.kind}>
          <span className="workspace-label">{data.name}</span>
          {data.kind === 'demo' && <span className="badge badge-demo">demo</span>}
          {production && <span className="badge badge-production">PRODUCTION</span>}
        </div>
      )}
      <WorkspaceSwitcher currentId={data?.id ?? null} />
      <div className="header-actions">
        <kbd className="muted" title="Open the command palette">Ctrl+K</kbd>
        <button
          type="button"
          onClick={() => setSettingsOpen(true)}
          disabled={offline}
          aria-describedby={offline ? OFFLINE_BANNER_ID : undefined}
          title={offline ? 'The Ringside core is not answering' : undefined}
        >
          Workspace settings
        </button>
      </div>
      {/* After the actions and before the right-aligned chips: appearing, it moves nothing on the left. */}
      {offline && (
        <span className="badge badge-bad core-offline" aria-describedby={OFFLINE_BANNER_ID} data-testid="core-offline">
          core offline
        </span>
      )}
      {data && (
        <ul className="backend-chips" aria-label="Backends">
          {data.backends.map((status) => (
            <BackendChip
              key={status.kind}
              status={status}
              now={now}
              progress={progress[status.kind]}
              pollMs={liveness.pollMs}
              coreOffline={offline}
            />
          ))}
        </ul>
      )}
      {/* Offline, the banner is the one message; a failed read of the statuses would only repeat it. */}
      {error && !offline && <ErrorNote floating error={error} onRetry={() => void loadWorkspace()} />}
      {settingsOpen && <WorkspaceSettings onClose={() => setSettingsOpen(false)} />}
      <OfflineBanner />
    </header>
  );
}
