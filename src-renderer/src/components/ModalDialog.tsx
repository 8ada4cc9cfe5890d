import { useRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { useFocusTrap } from '../hooks/useFocusTrap';
import './modal.css';

export interface ModalDialogProps {
  /** id of the element naming the dialog (its title) */
  labelledBy?: string;
  /** the dialog's name when it has no visible title */
  label?: string;
  className?: string;
  /** Escape and a click on the backdrop */
  onCancel: () => void;
  children: ReactNode;
}

/**
 * A modal dialog over the whole console: focus is trapped inside and returns to the opener on
 * close. Rendered into <body> so a dialog opened from a table cell is not laid out inside it.
 */
export function ModalDialog({ labelledBy, label, className, onCancel, children }: ModalDialogProps) {
  const ref = useRef<HTMLDivElement>(null);
  const onKeyDown = useFocusTrap(ref, onCancel);
  return createPortal(
    <div
      className="modal-backdrop"
      onMouseDown={(event) => {
        if (event.target === event.currentTarget) onCancel();
      }}
    >
      <div
        ref={ref}
        className={`modal ${className ?? ''}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={labelledBy}
        aria-label={labelledBy ? undefined : label}
        onKeyDown={onKeyDown}
      >
        {children}
      </div>
    </div>,
    document.body,
  );
}
