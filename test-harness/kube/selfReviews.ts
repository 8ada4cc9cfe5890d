/**
 * SelfSubjectAccessReview (authorization.k8s.io/v1) and SelfSubjectReview (authentication.k8s.io
 * v1, v1beta1 or v1alpha1) for the Kubernetes contract server, after the Kubernetes API reference:
 * both are created with a POST and answered 201 with the object and its `status` filled in; a
 * version the server does not serve is 404. An access review answers as RBAC does: allowed with the
 * binding that allowed it as `reason`, or not allowed with no reason (RBAC has no opinion); a
 * token whose access carries a `denyReason` is answered `denied: true` with it, as a webhook
 * authorizer may answer.
 */
import type { ResourceAnswer } from './analysisResources';
import { allows, type TokenAccess } from './kubeAccess';
import { resourceNotFound, status } from './kubeStatus';
import { isObject } from './mergePatch';

export type SelfSubjectReviewVersion = 'v1' | 'v1beta1' | 'v1alpha1';

const ACCESS_REVIEW = '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews';
const SUBJECT_REVIEW = /^\/apis\/authentication\.k8s\.io\/(v1|v1beta1|v1alpha1)\/selfsubjectreviews$/;

export interface Identity {
  user: string;
  /** the token's rules; undefined may do everything */
  access?: TokenAccess;
}

export interface SelfReviews {
  handle(request: { method: string; url: URL; body: unknown }, identity: Identity): ResourceAnswer | null;
  /** SelfSubjectAccessReviews answered so far */
  readonly accessReviews: number;
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

export function selfReviews(versions: readonly SelfSubjectReviewVersion[]): SelfReviews {
  let accessReviews = 0;

  function accessReview(body: unknown, identity: Identity): ResourceAnswer {
    const spec = isObject(body) && isObject(body.spec) ? body.spec : {};
    const attributes = isObject(spec.resourceAttributes) ? spec.resourceAttributes : null;
    if (!isObject(body) || body.kind !== 'SelfSubjectAccessReview') {
      return { status: 400, body: status(400, 'BadRequest', 'the object provided is unrecognized (must be of type SelfSubjectAccessReview)') };
    }
    if (Number(attributes !== null) + Number(isObject(spec.nonResourceAttributes)) !== 1) {
      return {
        status: 422,
        body: status(422, 'Invalid', 'SelfSubjectAccessReview.authorization.k8s.io "" is invalid: spec.resourceAttributes: Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified'),
      };
    }
    accessReviews += 1;
    const asked = {
      verb: str(attributes?.verb),
      group: str(attributes?.group),
      resource: str(attributes?.resource),
      subresource: str(attributes?.subresource),
      namespace: str(attributes?.namespace),
    };
    // Non-resource URLs (/healthz…) are allowed to every authenticated user by the default policy.
    const allowed = attributes === null || allows(identity.access, asked);
    const binding = identity.access ? `RoleBinding "ringside-contract/${asked.namespace || 'cluster'}" of Role "ringside-contract"` : 'ClusterRoleBinding "ringside-contract" of ClusterRole "cluster-admin"';
    const answer = allowed
      ? { allowed: true, reason: `RBAC: allowed by ${binding} to User "${identity.user}"` }
      : identity.access?.denyReason
        ? { allowed: false, denied: true, reason: identity.access.denyReason }
        : { allowed: false };
    return {
      status: 201,
      body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', metadata: { creationTimestamp: null }, spec, status: answer },
    };
  }

  return {
    handle({ method, url, body }, identity) {
      if (method === 'POST' && url.pathname === ACCESS_REVIEW) return accessReview(body, identity);
      const version = SUBJECT_REVIEW.exec(url.pathname)?.[1] as SelfSubjectReviewVersion | undefined;
      if (!version || method !== 'POST') return null;
      if (!versions.includes(version)) return { status: 404, body: resourceNotFound() };
      return {
        status: 201,
        body: {
          apiVersion: `authentication.k8s.io/${version}`,
          kind: 'SelfSubjectReview',
          metadata: { creationTimestamp: null },
          status: { userInfo: { username: identity.user, groups: ['system:authenticated'] } },
        },
      };
    },
    get accessReviews() {
      return accessReviews;
    },
  };
}
