import { RingsideError } from '../../../src-shared/ipc/result';
import type { HttpRequest } from '../http/httpClient';
import { upstreamMessage } from '../http/redact';
import { explainKubeError, SERVICE } from './kubeErrors';

/** Which review a path is, in words: "SelfSubjectAccessReview", "SelfSubjectReview (v1beta1)". */
function reviewOf(req: HttpRequest): string {
  const path = req.path.split('?')[0] ?? '';
  if (path.endsWith('/selfsubjectaccessreviews')) return 'SelfSubjectAccessReview';
  const version = /authentication\.k8s\.io\/([^/]+)\/selfsubjectreviews$/.exec(path)?.[1];
  return version ? `SelfSubjectReview (${version})` : 'review';
}

/**
 * Errors of the reviews Ringside creates to learn who the credentials are and what they may do
 * (authorization.k8s.io SelfSubjectAccessReview, authentication.k8s.io SelfSubjectReview): the
 * rollout wording of kubeErrors.ts would name a rollout that is not involved.
 */
export function explainReviewError(credential: string) {
  const rolloutErrors = explainKubeError(credential);
  return (status: number, body: string, req: HttpRequest): RingsideError | null => {
    const review = reviewOf(req);
    // Only a Status object's message is kept (redact.ts): a proxy may reflect request headers into its body.
    const upstream = upstreamMessage(body, SERVICE);
    const said = upstream?.text ? ` It said: ${upstream.text}` : '';
    switch (status) {
      case 401:
        return rolloutErrors(status, body, req);
      case 403:
        return new RingsideError(
          'forbidden',
          `${SERVICE} answered 403 to a ${review}: ${credential} may not ask what it may do. Every signed-in user may by default ` +
            `(ClusterRole system:basic-user); this cluster has taken that away.${said}`,
          null,
          upstream?.permission,
        );
      case 404:
        return new RingsideError('not_found', `${SERVICE} does not serve ${review} at ${req.path.split('?')[0]} (an older API server).${said}`);
      case 429:
        return new RingsideError('rate_limited', `${SERVICE} answered 429 to a ${review}: the API server is throttling Ringside; wait a moment and retry.${said}`);
      default:
        if (status >= 500) return new RingsideError('unavailable', `${SERVICE} answered ${status} to a ${review}: the API server failed; try again shortly.${said}`);
        return new RingsideError('bad_response', `${SERVICE} answered ${status} to a ${review}: it did not accept the request.${said}`);
    }
  };
}
