import { RingsideError } from '../../../src-shared/ipc/result';
import type { HttpRequest } from '../http/httpClient';
import { upstreamMessage } from '../http/redact';

export const SERVICE = 'Kubernetes';
/** how a cluster-wide request names its "namespace" in messages */
const CLUSTER_WIDE = '(all namespaces)';

/** 410 Gone, reason Expired: a list's continue token is too old; the list has to start again. */
export class ContinueExpiredError extends RingsideError {
  constructor(message: string) {
    super('conflict', message);
    this.name = 'ContinueExpiredError';
  }
}

/** What the request was about, read back from its path (…/namespaces/{ns}/rollouts[/{name}[/status]]). */
function subjectOf(req: HttpRequest) {
  const path = req.path.split('?')[0] ?? '';
  const match = /\/namespaces\/([^/]+)\/rollouts(?:\/([^/]+))?(?:\/(status))?$/.exec(path);
  const clusterWide = !match && /\/v1alpha1\/rollouts$/.test(path);
  const namespace = match ? decodeURIComponent(match[1]!) : clusterWide ? CLUSTER_WIDE : '?';
  const name = match?.[2] ? decodeURIComponent(match[2]) : null;
  const resource = match?.[3] ? 'rollouts/status' : 'rollouts';
  const method = req.method ?? 'GET';
  const verb = method === 'PATCH' ? 'patch' : name ? 'get' : 'list';
  return { namespace, name, resource, verb };
}

/**
 * The missing permission as `kubectl auth can-i` would name it ("patch rollouts.argoproj.io/status"):
 * from the API server's own words when it gave them, else from Status.details and the request.
 */
function permissionOf(permission: string | undefined, details: { group?: string; kind?: string } | undefined, verb: string, resource: string) {
  if (permission) return permission;
  if (!details?.kind) return undefined;
  const sub = resource.includes('/') ? `/${resource.split('/')[1]}` : '';
  return `${verb} ${details.kind}${details.group ? `.${details.group}` : ''}${sub}`;
}

/**
 * Turns an API server's error answer into what a person can act on. `credential` names what
 * Ringside signed in with ("the token", "the client certificate"), as the 403 advice depends on it.
 */
export function explainKubeError(credential: string) {
  return (status: number, body: string, req: HttpRequest): RingsideError | null => {
    // Only a Status object's message is kept; a proxy's page or a reflected request is dropped (redact.ts).
    const kube = upstreamMessage(body, SERVICE);
    const said = kube?.text ? ` It said: ${kube.text}` : '';
    const { namespace, name, resource, verb } = subjectOf(req);
    const rollout = name ? `rollout ${name} in namespace ${namespace}` : `rollouts in namespace ${namespace}`;
    switch (status) {
      case 401:
        return new RingsideError(
          'unauthorized',
          `${SERVICE} answered 401: ${credential} was not accepted (expired or revoked token, or a client certificate the cluster does not trust). Refresh the credentials in the kubeconfig or the token variable.${said}`,
        );
      case 403:
        return new RingsideError(
          'forbidden',
          namespace === CLUSTER_WIDE
            ? `${SERVICE} answered 403: ${credential} may not list rollouts across all namespaces. Grant it a ClusterRole allowing "list" on rollouts (API group argoproj.io), or name the namespaces in the workspace's deploy section.${said}`
            : `${SERVICE} answered 403: ${credential} may not ${verb} ${resource} in namespace ${namespace}. ` +
              `Grant it a Role allowing "${verb}" on ${resource} (API group argoproj.io) there.${said}`,
          null,
          permissionOf(kube?.permission, kube?.details, verb, resource),
        );
      case 404:
        if (name && kube?.details?.name === name) {
          return new RingsideError('not_found', `${SERVICE} answered 404: there is no ${rollout}.${said}`);
        }
        return new RingsideError(
          'not_found',
          `${SERVICE} answered 404 for ${verb} ${resource}: the Argo Rollouts API (argoproj.io/v1alpha1) is not installed on this cluster, or the URL is not the API server.${said}`,
        );
      case 409:
        return new RingsideError(
          'conflict',
          `${SERVICE} answered 409: ${rollout} was changed by someone else at the same moment. Read it again and retry.${said}`,
        );
      case 410:
        return new ContinueExpiredError(
          `${SERVICE} answered 410 (${kube?.kind ?? 'Gone'}): the list of ${resource} in namespace ${namespace} changed too much while Ringside paged through it; it has to be read again.${said}`,
        );
      case 415:
      case 400:
        return new RingsideError('bad_response', `${SERVICE} answered ${status} to Ringside's ${verb} of ${resource}: it did not accept the request.${said}`);
      case 422:
        return new RingsideError('bad_request', `${SERVICE} refused the change to ${rollout} (422 ${kube?.kind ?? 'Invalid'}).${said}`);
      case 429:
        return new RingsideError('rate_limited', `${SERVICE} answered 429: the API server is throttling Ringside; wait a moment and retry.${said}`);
      default:
        if (status >= 500) {
          return new RingsideError('unavailable', `${SERVICE} answered ${status} while Ringside tried to ${verb} ${resource} in namespace ${namespace}: the API server failed; try again shortly.${said}`);
        }
        return null;
    }
  };
}
