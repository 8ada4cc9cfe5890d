import { useState } from 'react';
import type { SecretName } from '../../../../src-shared/domain/workspaceConfig';
import type { WorkspaceEntry } from '../../../../src-shared/ipc/channels/workspaceChannels';
import type { ResponseOf } from '../../../../src-shared/ipc/contract';
import type { IpcError } from '../../../../src-shared/ipc/result';
import { ErrorNote } from '../../components/ErrorNote';
import { useInFlight } from '../../hooks/useInFlight';
import { testWorkspace } from '../../store/workspaceCommands';
import { ConnectionChecks } from './ConnectionChecks';
import { draftFrom, secretLabels, secretsFor } from './workspaceDraft';

const sourceText: Record<WorkspaceEntry['source'], string> = { file: 'from the workspace file', saved: 'added here', demo: 'the embedded demo fleet' };

/** The secrets worth naming for an entry: the ones main reports, and the ones its config needs. */
function secretNames(entry: WorkspaceEntry): SecretName[] {
  const needed = entry.config ? secretsFor(draftFrom(entry)) : [];
  return [...new Set([...needed, ...(Object.keys(entry.secrets) as SecretName[])])];
}

export interface WorkspaceEntryRowProps {
  entry: WorkspaceEntry;
  current: boolean;
  onEdit: () => void;
  onRemove: () => void;
}

/** One workspace: where it comes from, which secrets are set (never a value), and what can be done with it. */
export function WorkspaceEntryRow({ entry, current, onEdit, onRemove }: WorkspaceEntryRowProps) {
  const [testing, run] = useInFlight();
  const [checks, setChecks] = useState<ResponseOf<'workspaces:test'> | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const editable = entry.source === 'saved';
  const names = secretNames(entry);

  async function test() {
    const result = await run(() => testWorkspace({ id: entry.id }));
    if (!result) return;
    setChecks(result.ok ? result.value : null);
    setError(result.ok ? null : result.error);
  }

  return (
    <li className="workspace-entry" data-testid="workspace-entry" data-workspace={entry.id} data-production={entry.production}>
      <div className="entry-head">
        <strong>{entry.name}</strong>
        {entry.production && <span className="badge badge-production">PRODUCTION</span>}
        <span className="muted">
          {' '}
          {entry.id} · {sourceText[entry.source]}
          {current ? ' · this window' : entry.open ? ' · open' : ''}
        </span>
      </div>
      {names.length > 0 && (
        <ul className="secret-status" aria-label={`Secrets of ${entry.name}`}>
          {names.map((name) => (
            <li key={name} data-secret={name}>
              {secretLabels[name]}: <strong>{entry.secrets[name] ? 'set' : 'not set'}</strong>
            </li>
          ))}
          {entry.sessionOnly && <li className="muted">kept for this session only</li>}
        </ul>
      )}
      {entry.source === 'file' && <p className="hint muted">Defined in the workspace file; edit the file.</p>}
      {entry.source === 'demo' && <p className="hint muted">The demo fleet is built in; it cannot be edited.</p>}
      <div className="entry-actions">
        {entry.source !== 'demo' && (
          <button type="button" aria-disabled={testing || undefined} aria-label={`Test connection of ${entry.name}`} onClick={() => void test()}>
            {testing ? 'Testing…' : 'Test connection'}
          </button>
        )}
        {editable && (
          <button type="button" aria-label={`Edit ${entry.name}`} onClick={onEdit}>
            Edit
          </button>
        )}
        {editable && (
          <button type="button" className="danger" aria-label={`Remove ${entry.name}`} disabled={current} aria-describedby={current ? `${entry.id}-current` : undefined} onClick={onRemove}>
            Remove
          </button>
        )}
        {editable && current && (
          <span id={`${entry.id}-current`} className="hint muted">
            This window works in it: switch to another workspace first.
          </span>
        )}
      </div>
      {error && <ErrorNote error={error} />}
      <div aria-live="polite">{checks && <ConnectionChecks checks={checks.checks} ok={checks.ok} />}</div>
    </li>
  );
}
