import { useState } from 'react';
import { useNow } from '../hooks/useNow';
import { loadWorkspace } from '../store/loaders';
import { useRingside } from '../store/useRingside';
import { BackendChip } from './BackendChip';
import { ErrorNote } from './ErrorNote';
import { WorkspaceSettings } from '../views/settings/WorkspaceSettings';

/** App name, the workspace in use and the state of each backend it talks to. */
export function Header() {
  const { data, error } = useRingside((s) => s.workspace);
  const progress = useRingside((s) => s.syncProgress);
  const now = useNow(1000);
  const [settingsOpen, setSettingsOpen] = useState(false);
  return (
    <header className="app-header">
      <h1 className="app-name">Ringside</h1>
      {data && (
        <div className="workspace" data-testid="workspace-name" data-kind={data.kind}>
          <span className="workspace-label">{data.name}</span>
          {data.kind === 'demo' && <span className="badge badge-demo">demo</span>}
        </div>
      )}
      <div className="header-actions">
        <kbd className="muted" title="Open the command palette">Ctrl+K</kbd>
        <button type="button" onClick={() => setSettingsOpen(true)}>
          Workspace settings
        </button>
      </div>
      {data && (
        <ul className="backend-chips" aria-label="Backends">
          {data.backends.map((status) => (
            <BackendChip key={status.kind} status={status} now={now} progress={progress[status.kind]} />
          ))}
        </ul>
      )}
      {error && <ErrorNote error={error} onRetry={() => void loadWorkspace()} />}
      {settingsOpen && <WorkspaceSettings onClose={() => setSettingsOpen(false)} />}
    </header>
  );
}
