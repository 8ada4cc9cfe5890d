import { useState, type FormEvent } from 'react';
import type { GateInstall } from '../../../../src-shared/domain/analysis';
import type { RolloutRef } from '../../../../src-shared/domain/plan';
import type { IpcError } from '../../../../src-shared/ipc/result';
import { ErrorNote } from '../../components/ErrorNote';
import { useInFlight } from '../../hooks/useInFlight';
import { currentApi } from '../../store/bridge';
import { needsApproval } from '../../store/governanceCommands';
import { settle } from '../../store/loadInto';
import { deployPermit } from '../../store/permits';
import { useRingside } from '../../store/useRingside';
import { RequestApproval } from './RequestApproval';

/**
 * Install the exported gate in the rollout's namespace. A release action: audited, and blocked in
 * a release blackout unless an override reason is given (the field appears once one blocks it).
 */
export function InstallGate({ planId, address, rollout = null }: { planId: string; address: string; rollout?: RolloutRef | null }) {
  const [reason, setReason] = useState('');
  const [override, setOverride] = useState('');
  const [needsOverride, setNeedsOverride] = useState(false);
  const [installed, setInstalled] = useState<GateInstall | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [busy, run] = useInFlight();
  const permit = deployPermit(useRingside((s) => s.policy.data), 'installGate', { namespace: rollout?.namespace ?? null });
  async function submit(event: FormEvent) {
    event.preventDefault();
    const api = currentApi();
    if (!api || !permit.allowed) return;
    const result = await run(() =>
      settle(() =>
        api.plans.installGate({ planId, address: address.trim(), ...(reason.trim() ? { reason: reason.trim() } : {}), ...(override.trim() ? { blackoutOverride: override.trim() } : {}) }),
      ),
    );
    if (!result) return;
    setInstalled(result.ok ? result.value : null);
    setError(result.ok ? null : result.error);
    if (!result.ok && result.error.code === 'blocked' && !needsApproval(result.error)) setNeedsOverride(true);
  }
  return (
    <form className="install-gate" onSubmit={(e) => void submit(e)} aria-label="Install the gate in the cluster">
      <label>
        Reason (audited)
        <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
      </label>
      {needsOverride && (
        <label>
          Override the release blackout because
          <input value={override} onChange={(e) => setOverride(e.target.value)} maxLength={500} required />
        </label>
      )}
      <button type="submit" disabled={!permit.allowed} aria-disabled={busy || undefined}>
        Install in the cluster
      </button>
      {!permit.allowed && <span className="denied-reason">{permit.reason}</span>}
      {error && <ErrorNote error={error} />}
      {error && rollout && needsApproval(error) && <RequestApproval rollout={rollout} action="installGate" />}
      {installed && (
        <div data-testid="gate-installed" data-operation={installed.operation}>
          <p>
            AnalysisTemplate <code>{installed.name}</code> {installed.operation} in namespace {installed.namespace}
            {installed.resourceVersion && ` (resourceVersion ${installed.resourceVersion})`}, metrics {installed.metrics.join(', ')}.
          </p>
          {installed.references.length > 0 ? (
            <p data-testid="gate-referenced">Run by the rollout at: {installed.references.map((r) => r.where).join(', ')}.</p>
          ) : (
            <p data-testid="gate-unreferenced" className="warning">
              The rollout does not reference it yet: add <code>{`templateName: ${installed.name}`}</code> to an analysis step, its background analysis or a blue-green pre/post-promotion analysis.
              {installed.otherTemplates.length > 0 && ` It runs ${[...new Set(installed.otherTemplates.map((r) => r.templateName))].join(', ')} now.`}
            </p>
          )}
        </div>
      )}
    </form>
  );
}
