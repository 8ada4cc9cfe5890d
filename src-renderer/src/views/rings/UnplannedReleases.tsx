import { useState } from 'react';
import type { Release } from '../../../../src-shared/domain/canary';
import type { IpcError } from '../../../../src-shared/ipc/result';
import { ErrorNote } from '../../components/ErrorNote';
import { createPlan } from '../../store/ringCommands';

/** Releases with no plan yet: one click gives one the default four rings. */
export function UnplannedReleases({ releases }: { releases: Release[] }) {
  const [error, setError] = useState<IpcError | null>(null);
  if (releases.length === 0) return null;
  return (
    <section className="unplanned" aria-labelledby="unplanned-heading">
      <h3 id="unplanned-heading">Releases without a plan</h3>
      <ul>
        {releases.map((r) => (
          <li key={r.id}>
            {r.service} {r.version}{' '}
            <button
              type="button"
              aria-label={`Create a plan for ${r.service} ${r.version}`}
              onClick={() => void createPlan(r.id).then((result) => setError(result.ok ? null : result.error))}
            >
              Create plan (Ring 0 developers → Ring 3 everyone)
            </button>
          </li>
        ))}
      </ul>
      {error && <ErrorNote error={error} />}
    </section>
  );
}
