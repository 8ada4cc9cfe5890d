import type { WorkspaceConfig } from '../../../src-shared/domain/workspaceConfig';
import { RingsideError } from '../../../src-shared/ipc/result';
import { connectionAgent } from '../argo-rollouts/kubeConnection';
import { explainKubeError } from '../argo-rollouts/kubeErrors';
import { createHttpClient } from '../http/httpClient';
import { whereOf } from '../http/urlPolicy';
import { buildWorkspace, kubeConnectionOf, type SecretSource } from '../workspaceBuild';
import { describeCapabilities, NOT_REPORTED, ONCE } from './sentences';
import type { BackendPlan } from './steps';

const SERVICE = 'Kubernetes';
const API = '/apis/argoproj.io/v1alpha1';

/**
 * The Kubernetes API: /version (who answers) and one list of Rollouts (whether the credentials
 * are accepted and Argo Rollouts is installed). A kubeconfig's insecure-skip-tls-verify is
 * refused here whatever the workspace allows: the test reports what verification finds.
 */
export function deployPlan(config: WorkspaceConfig, secrets: SecretSource, timeoutMs: number): BackendPlan {
  return {
    backend: 'deploy',
    prepare() {
      const d = config.deploy!;
      const connection = kubeConnectionOf(config, secrets);
      const agent = connectionAgent(connection);
      const credential = connection.token ? 'the token' : connection.clientCert ? 'the client certificate' : 'an anonymous request';
      const token = connection.token?.trim();
      const client = createHttpClient({
        service: SERVICE,
        baseUrl: connection.server,
        timeoutMs,
        retry: ONCE,
        agent,
        headers: (): Record<string, string> => (token ? { authorization: `Bearer ${token}` } : {}),
        explain: explainKubeError(credential),
      });
      const namespace = d.namespaces?.[0];
      return {
        endpoint: {
          service: SERVICE,
          url: new URL(connection.server),
          ca: connection.ca,
          cert: connection.clientCert,
          key: connection.clientKey,
          servername: connection.tlsServerName,
        },
        summary: `${connection.source}: API server ${whereOf(connection.server)}, signing in with ${credential}${connection.ca ? ', cluster CA given' : ''}.`,
        async auth() {
          let version = 'the API server';
          try {
            const answer = await client.json<{ gitVersion?: unknown }>({ path: '/version' });
            if (typeof answer?.gitVersion === 'string') version = `Kubernetes ${answer.gitVersion.slice(0, 40)}`;
          } catch (error) {
            // /version is answered by every API server; a 404 only means something in front of it hides it
            if (!(error instanceof RingsideError && error.code === 'not_found')) throw error;
          }
          const list = await client.json<{ items?: unknown[] }>({ path: `${namespace ? `${API}/namespaces/${namespace}/rollouts` : `${API}/rollouts`}?limit=1` });
          if (!Array.isArray(list?.items)) throw new RingsideError('bad_response', `${SERVICE} answered the list of rollouts without items: is this the API server?`);
          const where = namespace ? `in namespace ${namespace}` : 'across all namespaces';
          return `Signed in to ${version}: rollouts ${where} can be listed (${list.items.length ? 'some found' : 'none yet'}).`;
        },
        async permissions() {
          const workspace = buildWorkspace({ ...config, flags: undefined, metrics: undefined }, secrets);
          try {
            const governance = workspace.deploy?.governance;
            if (!governance) return NOT_REPORTED;
            return describeCapabilities(await governance.capabilities(d.namespaces ?? ['*']));
          } finally {
            workspace.dispose?.();
          }
        },
        dispose: () => agent?.destroy(),
      };
    },
  };
}
