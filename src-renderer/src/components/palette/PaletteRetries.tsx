import { useMemo } from 'react';
import { describeRetry } from '../../format/killRetry';
import { cancelRetry } from '../../store/killRetries';
import { useRingside } from '../../store/useRingside';
import { FlagName } from '../../views/flags/FlagName';

/** Kills main keeps trying (and those that ended lately), so the palette says where each stands. */
export function PaletteRetries() {
  const retries = useRingside((s) => s.flags.data?.retries);
  const ordered = useMemo(
    () => [...(retries ?? [])].sort((a, b) => Number(b.state === 'trying') - Number(a.state === 'trying') || b.startedAt - a.startedAt),
    [retries],
  );
  if (ordered.length === 0) return null;
  return (
    <section className="palette-retries" aria-label="Kills being retried">
      <h3>Kills being retried</h3>
      <ul>
        {ordered.map((retry) => (
          <li
            key={`${retry.flag}\u0000${retry.environment}\u0000${retry.startedAt}`}
            data-testid="palette-retry"
            data-state={retry.state}
            className={`retry-${retry.state}`}
          >
            <span className="flag-name">
              <FlagName name={retry.flag} />
            </span> in {retry.environment}: {describeRetry(retry)}
            {retry.state === 'trying' && retry.lastError && <span className="muted"> (last error: {retry.lastError})</span>}
            {retry.state === 'trying' && (
              <button
                type="button"
                aria-label={`Cancel retrying the kill of ${retry.flag} in ${retry.environment}`}
                onClick={() => void cancelRetry(retry.flag, retry.environment)}
              >
                Cancel
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
