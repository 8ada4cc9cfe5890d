import { useEffect } from 'react';
import { Toast } from '../Toast';
import { PaletteOutcome, type Outcome } from './PaletteOutcome';
import { clearPaletteToasts, dismissPaletteToast, markKeptTrying, usePaletteToasts } from './paletteToasts';
import './palette.css';

const toneOf = ({ op }: Outcome) => (!op || op.status === 'pending' ? 'info' : op.status === 'confirmed' ? 'ok' : 'bad');

/** The palette's results after it closed: a kill with its confirmation time, or why it failed. */
export function PaletteToasts() {
  const toasts = usePaletteToasts((s) => s.toasts);
  // results belong to this console: gone when it unmounts (a new session, the end of a test)
  useEffect(() => clearPaletteToasts, []);
  return (
    <>
      {toasts.map((toast) => (
        <Toast
          key={toast.id}
          label={toast.outcome.label}
          role="group"
          tone={toneOf(toast.outcome)}
          takeFocus={toast.takeFocus}
          onDismiss={() => dismissPaletteToast(toast.id)}
          dismissLabel={`Dismiss: ${toast.outcome.label}`}
          testId="palette-toast"
        >
          <PaletteOutcome outcome={toast.outcome} onKeptTrying={() => markKeptTrying(toast.id)} />
        </Toast>
      ))}
    </>
  );
}
