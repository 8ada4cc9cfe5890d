import { useId, type ReactNode } from 'react';
import type { SecretName } from '../../../../src-shared/domain/workspaceConfig';
import type { Draft } from './workspaceDraft';

export interface FieldsetProps {
  draft: Draft;
  set: (patch: Partial<Draft>) => void;
  /** the write-only field of one secret */
  secret: (name: SecretName) => ReactNode;
}

function CaField({ label, value, onChange }: { label: string; value: string; onChange: (value: string) => void }) {
  return (
    <label>
      {label}
      <textarea
        rows={3}
        spellCheck={false}
        placeholder="-----BEGIN CERTIFICATE----- (optional: a custom CA; certificate errors are never ignored)"
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </label>
  );
}

/** The flag server: Unleash's address, project, API token and an optional CA. Empty URL: no flag server. */
export function UnleashFields({ draft, set, secret }: FieldsetProps) {
  return (
    <fieldset className="settings-fieldset">
      <legend>Flags: Unleash</legend>
      <label>
        Unleash URL
        <input type="url" placeholder="https://unleash.example.com" value={draft.flagsUrl} onChange={(e) => set({ flagsUrl: e.target.value })} />
      </label>
      {draft.flagsUrl.trim() && (
        <>
          <label>
            Unleash project
            <input value={draft.flagsProject} onChange={(e) => set({ flagsProject: e.target.value })} />
          </label>
          {secret('flags.token')}
          <CaField label="Unleash CA (PEM)" value={draft.flagsCa} onChange={(flagsCa) => set({ flagsCa })} />
        </>
      )}
    </fieldset>
  );
}

/** The metrics store: a Prometheus-API address with no auth, a bearer token, or basic auth. */
export function PrometheusFields({ draft, set, secret }: FieldsetProps) {
  return (
    <fieldset className="settings-fieldset">
      <legend>Metrics: Prometheus</legend>
      <label>
        Prometheus URL
        <input type="url" placeholder="https://prometheus.example.com" value={draft.metricsUrl} onChange={(e) => set({ metricsUrl: e.target.value })} />
      </label>
      {draft.metricsUrl.trim() && (
        <>
          <label>
            Prometheus auth
            <select value={draft.metricsAuth} onChange={(e) => set({ metricsAuth: e.target.value as Draft['metricsAuth'] })}>
              <option value="none">none</option>
              <option value="bearer">bearer token</option>
              <option value="basic">basic (username and password)</option>
            </select>
          </label>
          {draft.metricsAuth === 'basic' && (
            <label>
              Prometheus username
              <input autoComplete="off" value={draft.metricsUsername} onChange={(e) => set({ metricsUsername: e.target.value })} />
            </label>
          )}
          {draft.metricsAuth === 'bearer' && secret('metrics.bearer')}
          {draft.metricsAuth === 'basic' && secret('metrics.password')}
          <CaField label="Prometheus CA (PEM)" value={draft.metricsCa} onChange={(metricsCa) => set({ metricsCa })} />
        </>
      )}
    </fieldset>
  );
}

const modes: { value: Draft['deployMode']; label: string }[] = [
  { value: 'none', label: 'none' },
  { value: 'kubeconfig', label: 'kubeconfig file and context' },
  { value: 'url', label: 'API URL and token' },
];

/** The Kubernetes API Argo Rollouts runs in: a kubeconfig context, or a URL with a token and CA. */
export function KubernetesFields({ draft, set, secret }: FieldsetProps) {
  const group = useId();
  return (
    <fieldset className="settings-fieldset">
      <legend>Deploys: Kubernetes (Argo Rollouts)</legend>
      <div role="radiogroup" aria-label="Kubernetes connection" className="radio-row">
        {modes.map((mode) => (
          <label key={mode.value} className="inline">
            <input type="radio" name={group} checked={draft.deployMode === mode.value} onChange={() => set({ deployMode: mode.value })} /> {mode.label}
          </label>
        ))}
      </div>
      {draft.deployMode === 'kubeconfig' && (
        <>
          <label>
            Kubeconfig path
            <input placeholder="~/.kube/config" value={draft.kubeconfig} onChange={(e) => set({ kubeconfig: e.target.value })} />
          </label>
          <label>
            Kubeconfig context
            <input placeholder="its current context when empty" value={draft.context} onChange={(e) => set({ context: e.target.value })} />
          </label>
        </>
      )}
      {draft.deployMode === 'url' && (
        <>
          <label>
            Kubernetes API URL
            <input type="url" placeholder="https://k8s.example.com:6443" value={draft.deployUrl} onChange={(e) => set({ deployUrl: e.target.value })} />
          </label>
          {secret('deploy.token')}
          <CaField label="Kubernetes CA (PEM)" value={draft.deployCa} onChange={(deployCa) => set({ deployCa })} />
        </>
      )}
      {draft.deployMode !== 'none' && (
        <label>
          Namespaces
          <input
            placeholder="shop payments (empty: every namespace the credentials may read)"
            value={draft.namespaces}
            onChange={(e) => set({ namespaces: e.target.value })}
          />
        </label>
      )}
    </fieldset>
  );
}
