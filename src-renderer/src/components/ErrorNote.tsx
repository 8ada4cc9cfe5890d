import type { IpcError } from '../../../src-shared/ipc/result';

/** An api error as the message main wrote for a person, with a way to try again. */
export function ErrorNote({ error, onRetry }: { error: IpcError; onRetry?: () => void }) {
  return (
    <div className="error-note" data-testid="error-note" data-code={error.code} aria-live="polite">
      <span className="error-message">{error.message}</span>
      {onRetry && (
        <button type="button" className="retry" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}
