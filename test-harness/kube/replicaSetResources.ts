/**
 * ReplicaSets (apps/v1) for the Kubernetes contract server, registered through its `resources`
 * hook: the namespaced list and the cluster-wide one, read-only, as `kubectl argo rollouts get`
 * reads them to find a rollout's revisions. `forbid()` answers the next lists 403 as RBAC would.
 */
import type { ExtraResources, ResourceAnswer, ResourceRequest } from './analysisResources';
import type { KubeObject } from './rolloutFixtures';

const NAMESPACED = /^\/apis\/apps\/v1\/namespaces\/([^/]+)\/replicasets$/;
const CLUSTER = '/apis/apps/v1/replicasets';

export interface ReplicaSetResources extends ExtraResources {
  /** the next `times` lists answer 403 */
  forbid(times?: number): void;
  /** lists served so far */
  readonly lists: number;
}

export function replicaSetResources(replicaSets: KubeObject[], user = 'system:serviceaccount:ringside:console'): ReplicaSetResources {
  let denied = 0;
  let lists = 0;
  const list = (items: KubeObject[]): ResourceAnswer => ({
    status: 200,
    body: { apiVersion: 'apps/v1', kind: 'ReplicaSetList', metadata: { resourceVersion: '70000' }, items: structuredClone(items) },
  });
  return {
    handle({ method, url }: ResourceRequest): ResourceAnswer | null {
      const namespaced = NAMESPACED.exec(url.pathname);
      if (!namespaced && url.pathname !== CLUSTER) return null;
      if (method !== 'GET') return { status: 405, body: { kind: 'Status', status: 'Failure', reason: 'MethodNotAllowed', code: 405 } };
      const namespace = namespaced ? decodeURIComponent(namespaced[1]!) : null;
      if (denied > 0) {
        denied -= 1;
        const where = namespace ? ` in the namespace "${namespace}"` : ' at the cluster scope';
        return {
          status: 403,
          body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'Forbidden', code: 403, message: `replicasets.apps is forbidden: User "${user}" cannot list resource "replicasets" in API group "apps"${where}` },
        };
      }
      lists += 1;
      return list(namespace === null ? replicaSets : replicaSets.filter((r) => r.metadata.namespace === namespace));
    },
    forbid(times = 1) {
      denied += times;
    },
    get lists() {
      return lists;
    },
  };
}
