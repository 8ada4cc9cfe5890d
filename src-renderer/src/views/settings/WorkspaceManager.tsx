import { useEffect, useState } from 'react';
import type { WorkspaceEntry } from '../../../../src-shared/ipc/channels/workspaceChannels';
import { ErrorNote } from '../../components/ErrorNote';
import { loadWorkspaces } from '../../store/loaders';
import { useRingside } from '../../store/useRingside';
import { RemoveWorkspaceDialog } from './RemoveWorkspaceDialog';
import { WorkspaceEntryRow } from './WorkspaceEntryRow';
import { WorkspaceForm } from './WorkspaceForm';

/** Every workspace the console knows, and the form to add or edit one. */
export function WorkspaceManager() {
  const { data, error } = useRingside((s) => s.workspaces);
  const currentId = useRingside((s) => s.workspace.data?.id ?? null);
  const [editing, setEditing] = useState<WorkspaceEntry | 'new' | null>(null);
  const [removing, setRemoving] = useState<WorkspaceEntry | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  useEffect(() => {
    void loadWorkspaces();
  }, []);

  if (editing) {
    return (
      <WorkspaceForm
        entry={editing === 'new' ? null : editing}
        onCancel={() => setEditing(null)}
        onSaved={(saved) => {
          setEditing(null);
          setStatus(`Saved ${saved.name}.`);
        }}
      />
    );
  }

  return (
    <section className="workspace-manager" aria-labelledby="workspaces-title">
      <h3 id="workspaces-title" className="settings-section">
        Workspaces
      </h3>
      {error && <ErrorNote error={error} onRetry={() => void loadWorkspaces()} />}
      <p className="hint" aria-live="polite" data-testid="workspace-status">
        {status}
      </p>
      <ul className="workspace-entries">
        {data?.workspaces.map((entry) => (
          <WorkspaceEntryRow
            key={entry.id}
            entry={entry}
            current={entry.id === currentId}
            onEdit={() => {
              setStatus(null);
              setEditing(entry);
            }}
            onRemove={() => setRemoving(entry)}
          />
        ))}
      </ul>
      <button
        type="button"
        onClick={() => {
          setStatus(null);
          setEditing('new');
        }}
      >
        Add a workspace
      </button>
      {removing && (
        <RemoveWorkspaceDialog
          entry={removing}
          onCancel={() => setRemoving(null)}
          onRemoved={() => {
            setStatus(`Removed ${removing.name}.`);
            setRemoving(null);
          }}
        />
      )}
    </section>
  );
}
