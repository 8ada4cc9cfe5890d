import { useId, type ReactNode } from 'react';

export interface ActionButtonProps {
  label: string;
  /** the accessible name when the visible label needs its object ("Approve #12: turn on checkout.kill") */
  name?: string;
  /** why it cannot be used now, shown beside it; null when it can */
  denied: string | null;
  busy: boolean;
  danger?: boolean;
  onClick: () => void;
  children?: ReactNode;
}

/**
 * A governance action: never focused on arrival, one request per activation (aria-disabled while
 * in flight keeps focus on it, and the caller's useInFlight drops repeats), and when it may not be
 * used, disabled with the reason in words beside it rather than only in a tooltip.
 */
export function ActionButton({ label, name, denied, busy, danger, onClick }: ActionButtonProps) {
  const id = useId();
  return (
    <span className="governed-action">
      <button
        type="button"
        className={danger ? 'danger' : undefined}
        aria-label={name}
        disabled={denied !== null}
        aria-disabled={busy || undefined}
        aria-describedby={denied ? id : undefined}
        onClick={() => {
          if (!busy) onClick();
        }}
      >
        {busy ? `${label}…` : label}
      </button>
      {denied && (
        <span id={id} className="denied-reason">
          {denied}
        </span>
      )}
    </span>
  );
}
