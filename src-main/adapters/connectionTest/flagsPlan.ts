import type { WorkspaceConfig } from '../../../src-shared/domain/workspaceConfig';
import { RingsideError } from '../../../src-shared/ipc/result';
import { createHttpClient } from '../http/httpClient';
import { whereOf } from '../http/urlPolicy';
import { buildWorkspace, requireSecret, trustFor, type SecretSource } from '../workspaceBuild';
import { describeCapabilities, explainStatus, NOT_REPORTED, ONCE } from './sentences';
import type { BackendPlan } from './steps';

const SERVICE = 'Unleash';

/** Unleash: the feature search as the authenticated read (what listing uses), the environments for the permission check. */
export function flagsPlan(config: WorkspaceConfig, secrets: SecretSource, timeoutMs: number): BackendPlan {
  return {
    backend: 'flags',
    prepare() {
      const f = config.flags!;
      const token = requireSecret(config.id, secrets, 'flags.token');
      const agent = trustFor(f.url, f.ca, `Workspace ${config.id}, flags`);
      const client = createHttpClient({
        service: SERVICE,
        baseUrl: f.url,
        timeoutMs,
        retry: ONCE,
        agent,
        headers: () => ({ authorization: token }),
        explain: explainStatus(SERVICE, 'token'),
      });
      return {
        endpoint: { service: SERVICE, url: new URL(f.url), ca: f.ca },
        summary: `${SERVICE} at ${whereOf(f.url)}, project "${f.project}"; token set${f.ca ? '; custom CA given' : ''}.`,
        async auth() {
          const answer = await client.json<{ total?: unknown }>({ path: `/api/admin/search/features?project=IS:${encodeURIComponent(f.project)}&limit=1` });
          if (typeof answer?.total !== 'number') {
            throw new RingsideError('bad_response', `${SERVICE} answered the feature search without a total: is this an Unleash 7 server?`);
          }
          return `Signed in: project "${f.project}" has ${answer.total} flag${answer.total === 1 ? '' : 's'}.`;
        },
        async permissions() {
          const workspace = buildWorkspace({ ...config, deploy: undefined, metrics: undefined }, secrets);
          try {
            const governance = workspace.flags?.governance;
            if (!governance) return NOT_REPORTED;
            const answer = await client.json<{ environments?: { name?: unknown; enabled?: unknown }[] }>({ path: '/api/admin/environments' });
            const environments = (answer?.environments ?? []).filter((e) => e.enabled !== false && typeof e.name === 'string').map((e) => e.name as string);
            return describeCapabilities(await governance.capabilities(environments));
          } finally {
            workspace.dispose?.();
          }
        },
        dispose: () => agent?.destroy(),
      };
    },
  };
}
