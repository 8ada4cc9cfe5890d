import { useEffect, useState, type FormEvent, type RefObject } from 'react';
import { ActorName } from '../../../../src-shared/ipc/channels/appChannels';
import type { ResponseOf } from '../../../../src-shared/ipc/contract';
import type { IpcError } from '../../../../src-shared/ipc/result';
import { ErrorNote } from '../../components/ErrorNote';
import { currentApi } from '../../store/bridge';
import { loadIdentity } from '../../store/loaders';
import './settings.css';

type Identity = ResponseOf<'workspace:identity'>;

const unreachable: IpcError = { code: 'unavailable', message: 'The Ringside core is not connected.' };

/** The contract's own rule for the name, said as a sentence (main checks it again). */
export function nameProblem(name: string): string | null {
  const parsed = ActorName.safeParse(name);
  return parsed.success ? null : `Your name ${parsed.error.issues[0]?.message ?? 'is not valid'}.`;
}

/**
 * The one name the console records for the person at it, per workspace: in the audit, the Kill
 * switches table and exports alike. Defaults to the OS user; actions from now on use the new name.
 */
export function IdentitySetting({ inputRef }: { inputRef?: RefObject<HTMLInputElement | null> }) {
  const [identity, setIdentity] = useState<Identity | null>(null);
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    const api = currentApi();
    if (!api) return setError(unreachable);
    void api.workspace.identity({}).then((result) => {
      if (!live) return;
      if (!result.ok) return setError(result.error);
      setIdentity(result.value);
      setName(result.value.actor);
    });
    return () => {
      live = false;
    };
  }, []);

  async function store(actor: string | null) {
    const api = currentApi();
    if (!api) return setError(unreachable);
    setError(null);
    setSaved(null);
    const result = await api.workspace.setIdentity({ actor });
    if (!result.ok) return setError(result.error);
    setIdentity(result.value);
    setName(result.value.actor);
    setSaved(result.value.actor);
    // the Changes view tells your own requests by this name
    void loadIdentity();
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const why = nameProblem(name);
    setProblem(why);
    if (!why) void store(name.trim());
  }

  return (
    <form className="identity-setting" aria-labelledby="identity-title" onSubmit={submit}>
      <h3 id="identity-title">Your name{identity ? ` in ${identity.workspace}` : ''}</h3>
      <label>
        Your name in the audit
        <input
          ref={inputRef}
          value={name}
          autoComplete="name"
          aria-invalid={problem ? true : undefined}
          aria-describedby="identity-hint"
          onChange={(e) => {
            setName(e.target.value);
            setSaved(null);
            if (problem) setProblem(nameProblem(e.target.value));
          }}
        />
      </label>
      <p className="hint" id="identity-hint">
        Every action you take here is recorded under this name, the same in the audit, the Kill switches table and exports.{' '}
        {identity && (identity.source === 'os' ? `Now the OS user (${identity.defaultActor}).` : `The OS user is ${identity.defaultActor}.`)}
      </p>
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
      {error && <ErrorNote error={error} />}
      {saved !== null && (
        <p className="hint" role="status">
          Saved: your actions from now on are recorded as {saved}.
        </p>
      )}
      <div className="modal-actions">
        <button type="submit" disabled={!identity}>
          Save name
        </button>
        {identity?.source === 'settings' && (
          <button type="button" onClick={() => void store(null)}>
            Use the OS user ({identity.defaultActor})
          </button>
        )}
      </div>
    </form>
  );
}
