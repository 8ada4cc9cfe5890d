import type { IpcError } from '../../../src-shared/ipc/result';
import { Toast } from './Toast';

export interface ErrorNoteProps {
  error: IpcError;
  onRetry?: () => void;
  /**
   * Over the page instead of in its flow: a view's load error (a refresh that failed) must not
   * push the table under the pointer down. A form's own error stays beside the form.
   */
  floating?: boolean;
}

/** The permission the server named, when main's sentence does not already say it. */
export const missingPermission = (error: IpcError): string | null =>
  error.permission && !error.message.includes(error.permission) ? error.permission : null;

/** An api error as the message main wrote for a person, with a way to try again. */
export function ErrorNote({ error, onRetry, floating }: ErrorNoteProps) {
  const permission = missingPermission(error);
  const body = (
    <>
      <span className="error-message">
        {error.message}
        {permission && <span className="error-permission"> (missing permission: {permission})</span>}
      </span>
      {onRetry && (
        <button type="button" className="retry" onClick={onRetry}>
          Retry
        </button>
      )}
    </>
  );
  if (floating) {
    return (
      <Toast label="Error" role="alert" tone="bad" testId="error-note">
        <div className="error-note floating" data-code={error.code}>
          {body}
        </div>
      </Toast>
    );
  }
  return (
    <div className="error-note" data-testid="error-note" data-code={error.code} aria-live="polite">
      {body}
    </div>
  );
}
