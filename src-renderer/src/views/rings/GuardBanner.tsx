import type { GuardAlert } from '../../../../src-shared/domain/plan';
import { formatMetricValue } from '../../../../src-shared/format/metricValue';
import { formatClockSeconds } from '../../format/time';
import { breachCount, windowText } from '../canary/verdictText';
import './rings.css';
import { useRingside } from '../../store/useRingside';

/** The judgement that stopped the line, in the same numbers the ring card and the canary view show. */
function Evidence({ evidence }: { evidence: NonNullable<GuardAlert['evidence']> }) {
  return (
    <ul className="guard-evidence" data-testid="guard-evidence" aria-label="What stopped the line">
      {evidence.rules.map((r) => (
        <li key={r.key ?? `${r.kind}-${r.metric}`} data-testid="guard-rule">
          rule, {breachCount(r)}: {r.message}
        </li>
      ))}
      {evidence.metrics.map((m) => (
        <li key={m.metric} data-testid="guard-metric" data-metric={m.metric}>
          {m.label ?? m.metric}: canary mean <span data-role="canary-mean">{formatMetricValue(m.canary, m.unit ?? '')}</span> vs baseline mean{' '}
          <span data-role="baseline-mean">{formatMetricValue(m.baseline, m.unit ?? '')}</span>
        </li>
      ))}
      {evidence.window && (
        <li className="guard-window" data-testid="guard-window">
          judged over the {windowText(evidence.window)}
        </li>
      )}
    </ul>
  );
}

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
          <li key={`${alert.planId}-${alert.at}`} data-acted={alert.acted} data-release={alert.releaseId}>
            <p>
              <strong>{alert.acted ? 'Stop the line' : 'Stop the line recommended'}</strong> · {alert.ring} · {formatClockSeconds(alert.at)}
            </p>
            {/* With the evidence listed below, the message's own "Evidence: …" would say it twice. */}
            <p data-testid="guard-message">{alert.evidence ? alert.message.split(' Evidence: ')[0] : alert.message}</p>
            {alert.evidence && <Evidence evidence={alert.evidence} />}
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
