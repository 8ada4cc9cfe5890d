/**
 * Authorization for the Kubernetes contract server, after the Kubernetes API docs ("Authorization",
 * "Using RBAC Authorization", "Checking API access"): every request is read as request attributes
 * (verb, API group, resource, subresource, namespace, name, as the API server's RequestInfo
 * resolver reads a path) and allowed when one of the token's rules matches, as RBAC does. A token
 * without rules may do everything. SelfSubjectAccessReview and SelfSubjectReview (selfReviews.ts)
 * are open to every authenticated user, as the default `system:basic-user` ClusterRole grants.
 */

/** One RBAC-like grant; '*' matches every namespace (a ClusterRoleBinding), verb, group or resource. */
export interface AccessRule {
  namespace: string | '*';
  verb: string;
  group: string;
  resource: string;
  /** the subresource the rule covers ("status" for rollouts/status); absent covers the resource itself only */
  subresource?: string;
}

/** Who a bearer token is and what it may do. */
export interface TokenAccess {
  user: string;
  allow: AccessRule[];
  /**
   * A reason an authorizer gives with a refusal (as a webhook authorizer may; RBAC gives none): a
   * SelfSubjectAccessReview then answers denied with it, and a 403 appends it to its message.
   */
  denyReason?: string;
}

export interface RequestAttributes {
  verb: string;
  /** '' for the core group (/api/v1) */
  group: string;
  resource: string;
  subresource: string;
  /** '' at the cluster scope */
  namespace: string;
  name: string;
}

const VERBS: Record<string, [string, string]> = {
  GET: ['get', 'list'],
  POST: ['create', 'create'],
  PUT: ['update', 'update'],
  PATCH: ['patch', 'patch'],
  DELETE: ['delete', 'deletecollection'],
};

/** The attributes of a resource request (/api/v1/…, /apis/{group}/{version}/…); null for other paths. */
export function requestAttributes(method: string, url: URL): RequestAttributes | null {
  const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  let group: string;
  let rest: string[];
  if (parts[0] === 'api' && parts.length >= 3) [group, rest] = ['', parts.slice(2)];
  else if (parts[0] === 'apis' && parts.length >= 4) [group, rest] = [parts[1]!, parts.slice(3)];
  else return null;
  let namespace = '';
  // /namespaces/{ns}/{resource}… is namespaced; /namespaces and /namespaces/{ns} are the Namespace objects themselves.
  if (rest[0] === 'namespaces' && rest.length >= 3) [namespace, rest] = [rest[1]!, rest.slice(2)];
  else if (rest[0] === 'namespaces' && rest.length === 2) namespace = rest[1]!;
  const [resource = '', name = '', subresource = ''] = rest;
  const verbs = VERBS[method] ?? [method.toLowerCase(), method.toLowerCase()];
  if (method === 'GET' && url.searchParams.get('watch') === 'true') return { verb: 'watch', group, resource, subresource, namespace, name };
  return { verb: name ? verbs[0] : verbs[1], group, resource, subresource, namespace, name };
}

const matches = (rule: string, value: string) => rule === '*' || rule === value;

/** Whether the token may do this; a token without its own rules may do everything. */
export function allows(access: TokenAccess | undefined, attributes: Omit<RequestAttributes, 'name'>): boolean {
  if (!access) return true;
  return access.allow.some(
    (rule) =>
      (rule.namespace === '*' || (attributes.namespace !== '' && rule.namespace === attributes.namespace)) &&
      matches(rule.verb, attributes.verb) &&
      matches(rule.group, attributes.group) &&
      matches(rule.resource, attributes.resource) &&
      matches(rule.subresource ?? '', attributes.subresource),
  );
}

/** The reviews every authenticated user may create (system:basic-user). */
export const isSelfReview = (attributes: RequestAttributes) =>
  attributes.verb === 'create' &&
  ((attributes.group === 'authorization.k8s.io' && ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'].includes(attributes.resource)) ||
    (attributes.group === 'authentication.k8s.io' && attributes.resource === 'selfsubjectreviews'));
