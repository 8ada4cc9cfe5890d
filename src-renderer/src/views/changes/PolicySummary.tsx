import { formatDateTime } from '../../format/time';
import { loadPolicy } from '../../store/loaders';
import { capabilityReason } from '../../store/permits';
import { useRingside } from '../../store/useRingside';

const profileText = { viewer: 'viewer: read only', operator: 'operator: may kill and roll back', releaser: 'releaser: may also release' } as const;

/** What the core says the person may do here, per scope, and what the servers denied these credentials. */
export function PolicySummary() {
  const { data, error } = useRingside((s) => s.policy);
  const denied = data?.capabilities.filter((c) => !c.allowed) ?? [];
  return (
    <section aria-labelledby="policy-title" className="changes-section policy-summary" data-testid="policy-summary">
      <h3 id="policy-title">What you may do here</h3>
      {error && <p className="error-message">{error.message}</p>}
      {data && (
        <>
          <ul className="scope-list">
            {data.scopes.map((s) => (
              <li key={s.scope} data-scope={s.scope}>
                <strong>{s.scope === 'deploy' ? 'Deploys' : s.scope}</strong>: {profileText[s.profile]}
                {s.production && <span className="badge badge-production">production</span>}
                {s.fourEyes && <span className="badge">four-eyes</span>}
              </li>
            ))}
          </ul>
          {denied.length > 0 && (
            <>
              <h4>Denied by the servers</h4>
              <ul className="denied-capabilities" data-testid="denied-capabilities">
                {denied.map((c) => (
                  <li key={`${c.capability}@${c.scope}`}>
                    <code>{c.capability}</code> in {c.scope === '*' ? 'every scope' : c.scope}: {capabilityReason(c)}
                  </li>
                ))}
              </ul>
            </>
          )}
          {(data.identity.flags || data.identity.deploy) && (
            <p className="muted">
              {data.identity.flags && `The flag server knows these credentials as ${data.identity.flags}. `}
              {data.identity.deploy && `Kubernetes knows them as ${data.identity.deploy}.`}
            </p>
          )}
          {data.notices.map((n) => (
            <p key={n} className="muted" role="note">
              {n}
            </p>
          ))}
          <p className="muted">
            {data.checkedAt !== null ? `Checked ${formatDateTime(data.checkedAt)}.` : 'Not checked with the servers yet.'}{' '}
            <button type="button" onClick={() => void loadPolicy(true)}>
              Check again
            </button>
          </p>
        </>
      )}
    </section>
  );
}
