import type { WorkspaceConfig } from '../../../src-shared/domain/workspaceConfig';
import { RingsideError } from '../../../src-shared/ipc/result';
import { createHttpClient } from '../http/httpClient';
import { whereOf } from '../http/urlPolicy';
import { authHeaders } from '../prometheus/authHeaders';
import { metricsAuthOf, trustFor, type SecretSource } from '../workspaceBuild';
import { explainStatus, ONCE } from './sentences';
import type { BackendPlan } from './steps';

const SERVICE = 'Prometheus';

/**
 * A Prometheus-API store: /api/v1/status/buildinfo as the authenticated read; a store without it
 * (404) is asked an instant query instead, which every such store answers.
 */
export function metricsPlan(config: WorkspaceConfig, secrets: SecretSource, timeoutMs: number): BackendPlan {
  return {
    backend: 'metrics',
    prepare() {
      const m = config.metrics!;
      const auth = metricsAuthOf(config, secrets);
      const signIn = authHeaders(auth);
      const agent = trustFor(m.url, m.ca, `Workspace ${config.id}, metrics`);
      const credential = !auth ? null : 'bearer' in auth ? 'token' : 'user name or password';
      const client = createHttpClient({ service: SERVICE, baseUrl: m.url, timeoutMs, retry: ONCE, agent, headers: () => signIn, explain: explainStatus(SERVICE, credential) });
      const how = !auth ? 'no authentication' : 'bearer' in auth ? 'bearer token set' : `basic auth as ${auth.username}`;
      return {
        endpoint: { service: SERVICE, url: new URL(m.url), ca: m.ca },
        summary: `${SERVICE} API at ${whereOf(m.url)}; ${how}${m.ca ? '; custom CA given' : ''}.`,
        async auth() {
          const signed = auth ? 'Signed in' : 'Answered';
          try {
            const info = await client.json<{ status?: string; data?: { version?: unknown } }>({ path: '/api/v1/status/buildinfo' });
            if (info?.status === 'success' && typeof info.data?.version === 'string') return `${signed}: Prometheus ${info.data.version.slice(0, 40)}.`;
          } catch (error) {
            if (!(error instanceof RingsideError && error.code === 'not_found')) throw error;
          }
          const answer = await client.json<{ status?: string }>({ path: `/api/v1/query?query=${encodeURIComponent('vector(1)')}` });
          if (answer?.status !== 'success') throw new RingsideError('bad_response', `${SERVICE} did not answer a query as the Prometheus HTTP API does: is the URL its API base?`);
          return `${signed}: the query API answers (the store does not report its version).`;
        },
        permissions: async () => 'Not reported: Ringside only reads metrics, so there is nothing more to check.',
        dispose: () => agent?.destroy(),
      };
    },
  };
}
