import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { IpcError } from '../../../../src-shared/ipc/result';
import { ErrorNote } from '../../components/ErrorNote';
import { currentApi } from '../../store/bridge';
import { loadAppInfo, loadFlags, loadWorkspace } from '../../store/loaders';
import { IdentitySetting } from './IdentitySetting';

const unreachable: IpcError = { code: 'unavailable', message: 'The Ringside core is not connected.' };

/**
 * The settings form: point the console at an Unleash server. Main proves the connection with a real
 * read before saving it; the token goes to main once and is never shown or kept here.
 */
export function WorkspaceSettings({ onClose }: { onClose: () => void }) {
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const [project, setProject] = useState('default');
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  const first = useRef<HTMLInputElement>(null);

  useEffect(() => {
    first.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const reloadAll = () => Promise.all([loadWorkspace(), loadFlags(), loadAppInfo()]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const api = currentApi();
    if (!api) return setError(unreachable);
    setBusy(true);
    setError(null);
    const result = await api.workspace.connect({ name, flags: { url, project, token } });
    setBusy(false);
    setToken('');
    if (!result.ok) return setError(result.error);
    await reloadAll();
    onClose();
  }

  async function useDemo() {
    const api = currentApi();
    if (!api) return setError(unreachable);
    const result = await api.workspace.useDemo({});
    if (!result.ok) return setError(result.error);
    await reloadAll();
    onClose();
  }

  return (
    <div className="modal-backdrop">
      <div className="modal" role="dialog" aria-modal="true" aria-labelledby="settings-title">
        <h2 id="settings-title">Workspace settings</h2>
        <IdentitySetting />
        <h3 className="settings-section">Connect to Unleash</h3>
        <form onSubmit={(e) => void submit(e)}>
          <label>
            Name
            <input ref={first} required value={name} onChange={(e) => setName(e.target.value)} />
          </label>
          <label>
            Unleash URL
            <input type="url" required placeholder="https://unleash.example.com" value={url} onChange={(e) => setUrl(e.target.value)} />
          </label>
          <label>
            Project
            <input required value={project} onChange={(e) => setProject(e.target.value)} />
          </label>
          <label>
            Admin API token
            <input type="password" required autoComplete="off" value={token} onChange={(e) => setToken(e.target.value)} />
          </label>
          <p className="hint">The token is kept by Ringside&apos;s main process (the OS keychain on the desktop) and never shown again.</p>
          {error && <ErrorNote error={error} />}
          <div className="modal-actions">
            <button type="submit" disabled={busy}>
              {busy ? 'Connecting…' : 'Connect'}
            </button>
            <button type="button" onClick={() => void useDemo()}>
              Use the demo fleet
            </button>
            <button type="button" onClick={onClose}>
              Cancel
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
