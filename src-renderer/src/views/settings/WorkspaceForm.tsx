import { useId, useRef, useState, type FormEvent } from 'react';
import type { SecretName } from '../../../../src-shared/domain/workspaceConfig';
import type { WorkspaceEntry } from '../../../../src-shared/ipc/channels/workspaceChannels';
import type { ResponseOf } from '../../../../src-shared/ipc/contract';
import type { IpcError } from '../../../../src-shared/ipc/result';
import { ErrorNote } from '../../components/ErrorNote';
import { useInFlight } from '../../hooks/useInFlight';
import { saveWorkspace, testWorkspace } from '../../store/workspaceCommands';
import { ConnectionChecks } from './ConnectionChecks';
import { KubernetesFields, PrometheusFields, UnleashFields } from './ConnectionFieldsets';
import { PolicyFields } from './PolicyFields';
import { SecretField } from './SecretField';
import { buildConfig, draftFrom, sameConfig, secretLabels, secretsFor, slugify, type Draft } from './workspaceDraft';

type Secrets = Partial<Record<SecretName, string | null>>;

export interface WorkspaceFormProps {
  /** the saved workspace to edit, or null to add one */
  entry: WorkspaceEntry | null;
  onSaved: (entry: WorkspaceEntry) => void;
  onCancel: () => void;
}

/**
 * Add or edit a workspace. Secrets are typed into write-only fields, sent to main once on save
 * (empty keeps the one set, Remove deletes it) and cleared from the form right after; main answers
 * only whether each is set. Test connection runs main's checks on the values as typed.
 */
export function WorkspaceForm({ entry, onSaved, onCancel }: WorkspaceFormProps) {
  const id = useId();
  const [draft, setDraft] = useState<Draft>(() => draftFrom(entry));
  const [removing, setRemoving] = useState<Partial<Record<SecretName, boolean>>>({});
  const inputs = useRef<Partial<Record<SecretName, HTMLInputElement | null>>>({});
  const [problems, setProblems] = useState<string[]>([]);
  const [error, setError] = useState<IpcError | null>(null);
  const [checks, setChecks] = useState<ResponseOf<'workspaces:test'> | null>(null);
  const [saving, runSave] = useInFlight();
  const [testing, runTest] = useInFlight();
  const configured = entry?.secrets ?? {};
  const wanted = secretsFor(draft);
  // set before, not asked for by the form as it is now (auth changed): offered for removal only
  const leftover = (Object.keys(configured) as SecretName[]).filter((name) => configured[name] && !wanted.includes(name));

  const set = (patch: Partial<Draft>) =>
    setDraft((d) => {
      const next = { ...d, ...patch };
      if (patch.id !== undefined) next.idTouched = true;
      else if (patch.name !== undefined && !next.idTouched) next.id = slugify(next.name);
      return next;
    });

  const secret = (name: SecretName) => (
    <SecretField
      key={name}
      name={name}
      configured={configured[name] === true}
      inputRef={(element) => {
        inputs.current[name] = element;
      }}
      removing={removing[name] === true}
      onRemoving={(value) => setRemoving((r) => ({ ...r, [name]: value }))}
    />
  );

  /** What the secret fields hold now: typed values, and null for each marked for removal. */
  function typedSecrets(withRemovals: boolean): Secrets {
    const secrets: Secrets = {};
    for (const name of [...wanted, ...leftover]) {
      const value = inputs.current[name]?.value ?? '';
      if (withRemovals && removing[name]) secrets[name] = null;
      else if (value && wanted.includes(name)) secrets[name] = value;
    }
    return secrets;
  }

  function clearSecrets() {
    for (const input of Object.values(inputs.current)) if (input) input.value = '';
  }

  function checkedConfig() {
    const built = buildConfig(draft, entry?.config ?? null);
    setProblems('problems' in built ? built.problems : []);
    return 'config' in built ? built.config : null;
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    if (saving) return;
    const config = checkedConfig();
    if (!config) return;
    const secrets = typedSecrets(true);
    clearSecrets();
    setError(null);
    const result = await runSave(() =>
      saveWorkspace({ config, ...(Object.keys(secrets).length ? { secrets } : {}), sessionOnly: draft.sessionOnly }),
    );
    if (!result) return;
    if (!result.ok) return setError(result.error);
    setRemoving({});
    onSaved(result.value);
  }

  async function test() {
    const config = checkedConfig();
    if (!config) return;
    const secrets = typedSecrets(false);
    const unchanged = entry !== null && Object.keys(secrets).length === 0 && sameConfig(config, entry.config);
    const result = await runTest(() =>
      testWorkspace(unchanged ? { id: entry.id } : { config, ...(Object.keys(secrets).length ? { secrets } : {}) }),
    );
    if (!result) return;
    setChecks(result.ok ? result.value : null);
    setError(result.ok ? null : result.error);
  }

  const title = entry ? `Edit ${entry.name}` : 'Add a workspace';
  return (
    <form className="workspace-form" aria-labelledby={`${id}-title`} onSubmit={(e) => void save(e)} noValidate>
      <h3 id={`${id}-title`}>{title}</h3>
      <label>
        Name
        <input required value={draft.name} onChange={(e) => set({ name: e.target.value })} />
      </label>
      <label>
        Id
        <input
          value={draft.id}
          readOnly={entry !== null}
          aria-describedby={`${id}-id-hint`}
          spellCheck={false}
          onChange={(e) => set({ id: e.target.value })}
        />
      </label>
      <p id={`${id}-id-hint`} className="hint muted">
        {entry ? 'The id names its data and its address; it cannot change.' : 'From the name unless you type one: lowercase letters, digits and dashes.'}
      </p>
      <label className="inline">
        <input type="checkbox" checked={draft.production} onChange={(e) => set({ production: e.target.checked })} /> Production workspace (marked in
        red; operator profile and four-eyes on deploys by default)
      </label>
      <UnleashFields draft={draft} set={set} secret={secret} />
      <PrometheusFields draft={draft} set={set} secret={secret} />
      <KubernetesFields draft={draft} set={set} secret={secret} />
      {leftover.length > 0 && (
        <div className="leftover-secrets">
          <p className="hint muted">Set before, not used as the form is filled in now:</p>
          {leftover.map((name) => (
            <p key={name}>
              {secretLabels[name]}: {removing[name] ? 'will be removed when you save' : 'set'}{' '}
              <button type="button" className="link" onClick={() => setRemoving((r) => ({ ...r, [name]: !r[name] }))}>
                {removing[name] ? `Keep ${secretLabels[name]}` : `Remove ${secretLabels[name]}`}
              </button>
            </p>
          ))}
        </div>
      )}
      <PolicyFields draft={draft} set={set} />
      <label className="inline">
        <input type="checkbox" checked={draft.sessionOnly} onChange={(e) => set({ sessionOnly: e.target.checked })} /> Session only (secrets not stored)
      </label>
      <p className="hint muted">Secrets go to Ringside&apos;s main process once and are never shown again; the form forgets them when you save.</p>
      {problems.length > 0 && (
        <ul className="field-error" role="alert">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      {error && <ErrorNote error={error} />}
      <div aria-live="polite">{checks && <ConnectionChecks checks={checks.checks} ok={checks.ok} />}</div>
      <div className="modal-actions">
        <button type="button" aria-disabled={testing || undefined} onClick={() => void test()}>
          {testing ? 'Testing…' : 'Test connection'}
        </button>
        <button type="submit" className="primary" aria-disabled={saving || undefined}>
          {saving ? 'Saving…' : 'Save workspace'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
