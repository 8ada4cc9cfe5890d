import { useId } from 'react';
import type { SecretName } from '../../../../src-shared/domain/workspaceConfig';
import { secretLabels } from './workspaceDraft';

export interface SecretFieldProps {
  name: SecretName;
  /** what main says: set or not (never the value) */
  configured: boolean;
  /** the form's handle on the input: its value is read once on save, then cleared */
  inputRef: (element: HTMLInputElement | null) => void;
  /** the secret is marked to be removed on save */
  removing: boolean;
  onRemoving: (removing: boolean) => void;
}

/**
 * A write-only secret: empty keeps what main holds, a typed value replaces it, Remove deletes it.
 * Uncontrolled on purpose: a controlled input writes its value into the DOM as an attribute.
 */
export function SecretField({ name, configured, inputRef, removing, onRemoving }: SecretFieldProps) {
  const id = useId();
  const label = secretLabels[name];
  return (
    <div className="secret-field" data-secret={name}>
      <label htmlFor={`${id}-input`}>{label}</label>
      <input
        id={`${id}-input`}
        ref={inputRef}
        type="password"
        autoComplete="off"
        spellCheck={false}
        disabled={removing}
        aria-describedby={`${id}-state`}
        placeholder={configured ? 'leave empty to keep the one set' : ''}
      />
      <span id={`${id}-state`} className="hint secret-state" data-testid={`secret-state-${name}`}>
        {removing ? 'will be removed when you save' : configured ? 'set' : 'not set'}
      </span>
      {configured && (
        <button type="button" className="link" onClick={() => onRemoving(!removing)}>
          {removing ? `Keep ${label}` : `Remove ${label}`}
        </button>
      )}
    </div>
  );
}
