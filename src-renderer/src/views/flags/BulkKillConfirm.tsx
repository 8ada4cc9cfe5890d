import { useId } from 'react';
import { ModalDialog } from '../../components/ModalDialog';
import { FlagName } from './FlagName';

export interface BulkKillConfirmProps {
  tag: string;
  environment: string;
  /** the flags that are on there now, as the list last read them */
  flags: string[];
  onCancel: () => void;
  onConfirm: () => void;
}

/**
 * The one question before many kills: every flag it will turn off, by name. Focus starts on
 * Cancel, so the Enter that opened it, pressed once more, kills nothing.
 */
export function BulkKillConfirm({ tag, environment, flags, onCancel, onConfirm }: BulkKillConfirmProps) {
  const titleId = useId();
  const count = `${flags.length} flag${flags.length === 1 ? '' : 's'}`;
  return (
    <ModalDialog labelledBy={titleId} className="bulk-kill-confirm" onCancel={onCancel}>
      <h2 id={titleId}>
        Kill {count} tagged {tag} in {environment}?
      </h2>
      <p>These flags are on in {environment} and will be turned off:</p>
      <ul className="bulk-kill-targets" data-testid="bulk-kill-targets">
        {flags.map((name) => (
          <li key={name} className="flag-name">
            <FlagName name={name} />
          </li>
        ))}
      </ul>
      <div className="modal-actions">
        <button type="button" data-autofocus onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="danger" disabled={flags.length === 0} onClick={onConfirm}>
          Kill {count}
        </button>
      </div>
    </ModalDialog>
  );
}
