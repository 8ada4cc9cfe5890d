import { useEffect, useId, useRef, useState } from 'react';
import type { IpcError } from '../../../src-shared/ipc/result';
import { useInFlight } from '../hooks/useInFlight';
import { openWorkspaceBeside } from '../store/workspaceCommands';
import { useRingside } from '../store/useRingside';
import { switchWorkspace } from '../transport/workspaceScope';
import { ErrorNote } from './ErrorNote';

/**
 * Every workspace the console knows, one click each: choosing one reloads this window or tab into
 * it (nothing of the old one mixed in); "Open beside" keeps this one and opens the other in a
 * window (desktop) or a tab (serve mode). A menu of buttons rather than a <select>: arrowing
 * through a select's options would switch (and reload) at every step on some systems.
 */
export function WorkspaceSwitcher({ currentId }: { currentId: string | null }) {
  const id = useId();
  const entries = useRingside((s) => s.workspaces.data?.workspaces);
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  const [opening, run] = useInFlight();
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onDown = (event: MouseEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

  if (!entries || entries.length < 2) return null;

  async function openBeside(target: string) {
    setError(null);
    const result = await run(() => openWorkspaceBeside(target));
    if (result && !result.ok) setError(result.error);
    else if (result) setOpen(false);
  }

  return (
    <div
      className="workspace-switcher"
      ref={root}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.stopPropagation();
          setOpen(false);
        }
      }}
    >
      <button type="button" aria-expanded={open} aria-controls={`${id}-menu`} onClick={() => setOpen(!open)}>
        Switch workspace
      </button>
      {open && (
        <ul id={`${id}-menu`} className="workspace-menu" aria-label="Workspaces">
          {entries.map((entry) => {
            const current = entry.id === currentId;
            return (
              <li key={entry.id} data-testid="workspace-option" data-workspace={entry.id}>
                <button
                  type="button"
                  className="workspace-choice"
                  aria-current={current || undefined}
                  aria-disabled={current || undefined}
                  onClick={() => {
                    if (!current) switchWorkspace(entry.id);
                  }}
                >
                  {entry.name}
                  {entry.production && <> <span className="badge badge-production">PRODUCTION</span></>}
                  {current && <span className="muted"> (this window)</span>}
                </button>
                {!current && (
                  <button
                    type="button"
                    aria-label={`Open ${entry.name} beside this one`}
                    aria-disabled={opening || undefined}
                    onClick={() => void openBeside(entry.id)}
                  >
                    Open beside
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {error && <ErrorNote floating error={error} />}
    </div>
  );
}
