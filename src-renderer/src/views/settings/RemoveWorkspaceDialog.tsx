import { useId, useState } from 'react';
import type { WorkspaceEntry } from '../../../../src-shared/ipc/channels/workspaceChannels';
import type { IpcError } from '../../../../src-shared/ipc/result';
import { ErrorNote } from '../../components/ErrorNote';
import { ModalDialog } from '../../components/ModalDialog';
import { useInFlight } from '../../hooks/useInFlight';
import { removeWorkspace } from '../../store/workspaceCommands';

/**
 * The one question before a workspace is forgotten. Focus starts on Cancel, so the Enter that
 * opened it, pressed again, removes nothing; Remove sends one request however often it is pressed.
 */
export function RemoveWorkspaceDialog({ entry, onCancel, onRemoved }: { entry: WorkspaceEntry; onCancel: () => void; onRemoved: () => void }) {
  const titleId = useId();
  const [busy, run] = useInFlight();
  const [error, setError] = useState<IpcError | null>(null);

  async function confirm() {
    const result = await run(() => removeWorkspace(entry.id));
    if (!result) return;
    if (!result.ok) return setError(result.error);
    onRemoved();
  }

  return (
    <ModalDialog labelledBy={titleId} className="remove-workspace" onCancel={onCancel}>
      <h2 id={titleId}>Remove workspace {entry.name}?</h2>
      <p>
        Ringside forgets its addresses and deletes its secrets. Its cached audit stays readable offline under the id <code>{entry.id}</code>.
        Nothing changes on its servers.
      </p>
      {error && <ErrorNote error={error} />}
      <div className="modal-actions">
        <button type="button" data-autofocus onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="danger" aria-disabled={busy || undefined} onClick={() => void confirm()}>
          {busy ? 'Removing…' : 'Remove workspace'}
        </button>
      </div>
    </ModalDialog>
  );
}
