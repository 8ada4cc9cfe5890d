import { formatClockSeconds } from '../../format/time';
import './rings.css';
import { useRingside } from '../../store/useRingside';

/** The stop-the-line guard's alerts, on top of every view until dismissed (the desktop notification's stand-in). */
export function GuardBanner() {
  const alerts = useRingside((s) => s.guardAlerts);
  const dismiss = useRingside((s) => s.dismissGuardAlert);
  const setView = useRingside((s) => s.setView);
  if (alerts.length === 0) return null;
  return (
    <div role="alert" className="guard-banner" data-testid="guard-banner">
      <ul>
        {alerts.map((alert) => (
          <li key={`${alert.planId}-${alert.at}`} data-acted={alert.acted}>
            <p>
              <strong>{alert.acted ? 'Stop the line' : 'Stop the line recommended'}</strong> · {alert.ring} · {formatClockSeconds(alert.at)}
            </p>
            <p data-testid="guard-message">{alert.message}</p>
            <div className="guard-banner-actions">
              <button type="button" onClick={() => setView('rings')}>
                Show rings
              </button>
              <button type="button" className="dismiss" aria-label="Dismiss stop-the-line alert" onClick={() => dismiss(alert)}>
                ×
              </button>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
