import { useEffect, useRef } from 'react';
import { IdentitySetting } from './IdentitySetting';
import { WorkspaceManager } from './WorkspaceManager';
import './settings.css';

/**
 * Settings: the name the audit records for you, and the workspaces (add, edit, test, remove).
 * Escape closes it; a dialog opened inside (removing a workspace) takes Escape for itself first.
 */
export function WorkspaceSettings({ onClose }: { onClose: () => void }) {
  const first = useRef<HTMLInputElement>(null);

  useEffect(() => {
    first.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  return (
    <div className="modal-backdrop">
      <div className="modal settings-modal" role="dialog" aria-modal="true" aria-labelledby="settings-title">
        <h2 id="settings-title">Workspace settings</h2>
        <IdentitySetting inputRef={first} />
        <WorkspaceManager />
        <div className="modal-actions">
          <button type="button" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}
