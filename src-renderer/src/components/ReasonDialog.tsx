import { useId, useState, type FormEvent } from 'react';
import { ModalDialog } from './ModalDialog';

/** The contract's limits for a reason (src-shared/ipc/contract.ts `Reason`). */
export const REASON_MIN = 3;
const REASON_MAX = 2000;

export interface ReasonDialogProps {
  title: string;
  /** one line saying what will happen */
  detail?: string;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
}

/**
 * Asks why before a change that exposes users (a production release, a raised rollout). The
 * reason goes to the audit history; Confirm stays disabled until it is long enough.
 */
export function ReasonDialog({ title, detail, onConfirm, onCancel }: ReasonDialogProps) {
  const id = useId();
  const [reason, setReason] = useState('');
  const valid = reason.trim().length >= REASON_MIN;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (valid) onConfirm(reason.trim());
  }

  return (
    <ModalDialog labelledBy={`${id}-title`} onCancel={onCancel} className="reason-dialog">
      <h2 id={`${id}-title`}>{title}</h2>
      {detail && <p className="muted">{detail}</p>}
      <form onSubmit={submit}>
        <label htmlFor={`${id}-reason`}>Reason</label>
        <input
          id={`${id}-reason`}
          data-autofocus
          required
          minLength={REASON_MIN}
          maxLength={REASON_MAX}
          autoComplete="off"
          aria-describedby={`${id}-hint`}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
        />
        <p id={`${id}-hint`} className="hint muted">
          At least {REASON_MIN} characters; it is kept in the audit history.
        </p>
        <div className="modal-actions">
          <button type="submit" className="primary" disabled={!valid}>
            Confirm
          </button>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
