import type { Profile } from '../../../../src-shared/domain/workspaceConfig';
import type { Draft } from './workspaceDraft';

const profiles: { value: Profile; label: string }[] = [
  { value: 'viewer', label: 'viewer: read only' },
  { value: 'operator', label: 'operator: may kill and roll back' },
  { value: 'releaser', label: 'releaser: may also turn on, raise, advance, promote, install gates' },
];

function ProfileSelect({ label, value, onChange, defaultText }: { label: string; value: Profile | ''; onChange: (p: Profile | '') => void; defaultText?: string }) {
  return (
    <label>
      {label}
      <select value={value} onChange={(e) => onChange(e.target.value as Profile | '')}>
        {defaultText !== undefined && <option value="">{defaultText}</option>}
        {profiles.map((p) => (
          <option key={p.value} value={p.value}>
            {p.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * Who may do what here: the profile per flag environment and for deploys, and whether deploys
 * need a second person. The core enforces it; these are only its settings.
 */
export function PolicyFields({ draft, set }: { draft: Draft; set: (patch: Partial<Draft>) => void }) {
  const setEnv = (index: number, patch: Partial<Draft['environments'][number]>) =>
    set({ environments: draft.environments.map((e, i) => (i === index ? { ...e, ...patch } : e)) });
  return (
    <fieldset className="settings-fieldset">
      <legend>Policy</legend>
      <ProfileSelect
        label="Default profile"
        value={draft.defaultProfile}
        onChange={(defaultProfile) => set({ defaultProfile })}
        defaultText="default: operator in production environments, else releaser"
      />
      <div className="env-profiles">
        <span className="field-title">Profiles per environment</span>
        {draft.environments.length === 0 && <p className="hint muted">None: every environment takes the default profile.</p>}
        {draft.environments.map((env, index) => (
          <div key={index} className="env-profile" data-testid="env-profile">
            <label>
              Environment
              <input value={env.name} onChange={(e) => setEnv(index, { name: e.target.value })} placeholder="production" />
            </label>
            <ProfileSelect label={`Profile in ${env.name || 'this environment'}`} value={env.profile} onChange={(p) => setEnv(index, { profile: p || 'operator' })} />
            <button type="button" onClick={() => set({ environments: draft.environments.filter((_, i) => i !== index) })}>
              Remove {env.name || 'environment'}
            </button>
          </div>
        ))}
        <button type="button" onClick={() => set({ environments: [...draft.environments, { name: '', profile: 'operator' }] })}>
          Add an environment profile
        </button>
      </div>
      <ProfileSelect
        label="Deploy profile (rollouts, rings, gates)"
        value={draft.deployProfile}
        onChange={(deployProfile) => set({ deployProfile })}
        defaultText="default: operator in a production workspace, else releaser"
      />
      <label>
        Four-eyes on deploys
        <select value={draft.fourEyesDeploy} onChange={(e) => set({ fourEyesDeploy: e.target.value as Draft['fourEyesDeploy'] })}>
          <option value="default">default: on in a production workspace</option>
          <option value="on">on: promotions, ring advances and gate installs need a second person</option>
          <option value="off">off</option>
        </select>
      </label>
    </fieldset>
  );
}
