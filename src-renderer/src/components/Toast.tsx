import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import './toast.css';

const REGION_ID = 'toast-region';

/** The one fixed corner every toast stacks in, made on first use: a toast never moves the page. */
function toastRegion(): HTMLElement {
  let region = document.getElementById(REGION_ID);
  if (!region) {
    region = document.createElement('div');
    region.id = REGION_ID;
    region.className = 'toast-region';
    document.body.appendChild(region);
  }
  return region;
}

export interface ToastProps {
  /** the toast's name for assistive technology */
  label: string;
  /** alert interrupts (a notice that must be read); status is read when polite; group holds its own live text */
  role?: 'alert' | 'status' | 'group';
  tone?: 'info' | 'ok' | 'bad' | 'warn';
  /**
   * Take keyboard focus when shown. After a palette command the next Enter lands here, where it
   * does nothing, instead of on a button the palette's opener may have been.
   */
  takeFocus?: boolean;
  /** Shows a × (and Escape while focused) that removes the toast. */
  onDismiss?: () => void;
  dismissLabel?: string;
  testId?: string;
  children: ReactNode;
}

/**
 * A message over the page's bottom corner, not in its flow: results and notices appear without
 * pushing a table down under the pointer. It stays until dismissed or replaced: a kill's
 * confirmation time must still be there when someone looks back.
 */
export function Toast({ label, role = 'status', tone = 'info', takeFocus, onDismiss, dismissLabel = 'Dismiss', testId, children }: ToastProps) {
  const ref = useRef<HTMLDivElement>(null);
  // only when it first appears: a later render must not pull focus back
  const focusOnShow = useRef(takeFocus);
  useEffect(() => {
    if (focusOnShow.current) ref.current?.focus();
  }, []);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === 'Escape' && onDismiss) {
      event.preventDefault();
      onDismiss();
    }
  }

  return createPortal(
    <div
      ref={ref}
      className={`toast toast-${tone}`}
      role={role}
      aria-label={label}
      tabIndex={-1}
      data-testid={testId}
      onKeyDown={onKeyDown}
    >
      <div className="toast-body">{children}</div>
      {onDismiss && (
        <button type="button" className="toast-dismiss" aria-label={dismissLabel} onClick={onDismiss}>
          ×
        </button>
      )}
    </div>,
    toastRegion(),
  );
}
