import { ErrorNote } from '../../components/ErrorNote';
import { Toast } from '../../components/Toast';
import { formatClockSeconds } from '../../format/time';
import { clearBulkKill, killByTag } from '../../store/flagCommands';
import { useRingside } from '../../store/useRingside';
import { FlagName } from './FlagName';

/**
 * A bulk kill's outcome, per flag, as a toast: a list of results above the table would push it
 * down under the pointer of someone about to click a row.
 */
export function BulkKillToast() {
  const bulk = useRingside((s) => s.bulkKill);
  if (bulk.status !== 'done' && bulk.status !== 'failed') return null;
  const killed = bulk.status === 'done' ? bulk.results.filter((r) => r.ok).length : 0;
  const tone = bulk.status === 'failed' || (bulk.status === 'done' && killed < bulk.results.length) ? 'bad' : 'ok';
  return (
    <Toast label={`Kill of flags tagged ${bulk.tag} in ${bulk.environment}`} tone={tone} onDismiss={clearBulkKill} testId="bulk-kill-toast">
      <div aria-live="polite" data-testid="bulk-kill-results">
        {bulk.status === 'failed' && <ErrorNote error={bulk.error} onRetry={() => void killByTag(bulk.tag, bulk.environment)} />}
        {bulk.status === 'done' && (
          <>
            <p>
              {killed} of {bulk.results.length} flags tagged {bulk.tag} turned off in {bulk.environment}
            </p>
            <ul className="bulk-results">
              {bulk.results.map((r) => (
                <li key={r.flag} className={r.ok ? 'ok' : 'failed'}>
                  <span className="flag-name">
                    <FlagName name={r.flag} />
                  </span>
                  : {r.ok ? `off (confirmed ${r.confirmedAt === null ? '' : formatClockSeconds(r.confirmedAt)})` : r.message}
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </Toast>
  );
}
