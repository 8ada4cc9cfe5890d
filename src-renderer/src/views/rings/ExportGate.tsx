import { useState, type FormEvent } from 'react';
import type { RolloutRef } from '../../../../src-shared/domain/plan';
import type { IpcError } from '../../../../src-shared/ipc/result';
import { ErrorNote } from '../../components/ErrorNote';
import { exportGate } from '../../store/ringCommands';
import { InstallGate } from './InstallGate';

/** The plan's gate as an Argo Rollouts AnalysisTemplate, for the cluster to enforce with no console open. */
export function ExportGate({ planId, rollout = null }: { planId: string; rollout?: RolloutRef | null }) {
  const [address, setAddress] = useState('http://prometheus.monitoring.svc:9090');
  const [yaml, setYaml] = useState<string | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await exportGate({ planId, address: address.trim() });
    setYaml(result.ok ? result.value.yaml : null);
    setError(result.ok ? null : result.error);
  }
  return (
    <details className="export-gate">
      <summary>Export the health gate as an Argo AnalysisTemplate</summary>
      <form onSubmit={(e) => void submit(e)}>
        <label>
          Prometheus address as the cluster reaches it
          <input value={address} onChange={(e) => setAddress(e.target.value)} required maxLength={2000} />
        </label>
        <button type="submit">Export YAML</button>
      </form>
      <InstallGate planId={planId} address={address} rollout={rollout} />
      {error && <ErrorNote error={error} />}
      {yaml && (
        <pre className="gate-yaml" data-testid="gate-yaml" tabIndex={0} aria-label="AnalysisTemplate YAML">
          {yaml}
        </pre>
      )}
    </details>
  );
}
