import type { ConnectionCheck } from '../../../../src-shared/domain/workspaceConfig';

const backendLabel: Record<ConnectionCheck['backend'], string> = { flags: 'Flags (Unleash)', metrics: 'Metrics (Prometheus)', deploy: 'Deploys (Kubernetes)' };
const stepLabel: Record<ConnectionCheck['step'], string> = {
  config: 'configuration',
  reachable: 'reachable',
  tls: 'TLS',
  auth: 'authentication',
  permissions: 'permissions',
};
const order: ConnectionCheck['backend'][] = ['flags', 'metrics', 'deploy'];

/** What "Test connection" found, per backend and step, each with main's sentence. */
export function ConnectionChecks({ checks, ok }: { checks: ConnectionCheck[]; ok: boolean }) {
  const backends = order.filter((b) => checks.some((c) => c.backend === b));
  return (
    <section className="connection-checks" aria-label="Connection test" data-testid="connection-checks" data-ok={ok}>
      <p className={ok ? 'check-summary ok' : 'check-summary failed'}>{ok ? 'Every check passed.' : 'Some checks failed.'}</p>
      {backends.length === 0 && <p className="muted">Nothing to test: no backend is configured.</p>}
      {backends.map((backend) => (
        <div key={backend}>
          <h4>{backendLabel[backend]}</h4>
          <ul>
            {checks
              .filter((c) => c.backend === backend)
              .map((c, index) => (
                <li key={`${c.step}-${index}`} data-testid="connection-check" data-backend={c.backend} data-step={c.step} data-ok={c.ok}>
                  <span className={`check-mark ${c.ok ? 'ok' : 'failed'}`}>{c.ok ? 'ok' : 'failed'}</span>{' '}
                  <span className="check-step">{stepLabel[c.step]}</span>: {c.detail}
                </li>
              ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
