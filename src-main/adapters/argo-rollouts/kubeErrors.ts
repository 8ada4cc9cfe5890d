import { RingsideError } from '../../../src-shared/ipc/result';
import type { HttpRequest } from '../http/httpClient';

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

interface KubeStatus {
  message?: string;
  reason?: string;
  details?: { name?: string; kind?: string };
}

function readStatus(body: string): KubeStatus | null {
  try {
    const parsed = JSON.parse(body) as unknown;
    if (parsed && typeof parsed === 'object' && (parsed as { kind?: unknown }).kind === 'Status') return parsed as KubeStatus;
  } catch {
    // not a Status object: a proxy or a non-Kubernetes server answered
  }
  return null;
}

const clip = (s: string) => s.replace(/\s+/g, ' ').slice(0, 300);

/**
 * Turns an API server's error answer into what a person can act on. `credential` names what
 * Ringside signed in with ("the token", "the client certificate"), as the 403 advice depends on it.
 */
export function explainKubeError(credential: string) {
  return (status: number, body: string, req: HttpRequest): RingsideError | null => {
    const kube = readStatus(body);
    const said = kube?.message ? ` It said: ${clip(kube.message)}` : body.trim() ? ` It said: ${clip(body)}` : '';
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
          `${SERVICE} answered 410 (${kube?.reason ?? 'Gone'}): the list of ${resource} in namespace ${namespace} changed too much while Ringside paged through it; it has to be read again.${said}`,
        );
      case 415:
      case 400:
        return new RingsideError('bad_response', `${SERVICE} answered ${status} to Ringside's ${verb} of ${resource}: it did not accept the request.${said}`);
      case 422:
        return new RingsideError('bad_request', `${SERVICE} refused the change to ${rollout} (422 ${kube?.reason ?? 'Invalid'}).${said}`);
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
