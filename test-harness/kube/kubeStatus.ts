/**
 * The `Status` objects the contract server answers errors with, worded as the Kubernetes API server
 * words them (k8s.io/apimachinery errors.NewForbidden / NewNotFound / NewConflict, and the
 * apiserver's responsewriters forbiddenMessage).
 */
import type { RequestAttributes } from './kubeAccess';

export interface Route {
  namespace: string;
  name?: string;
  subresource?: string;
}

export function status(code: number, reason: string, message: string, details?: Record<string, unknown>) {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, ...(details ? { details } : {}), code };
}

export const notFound = (name: string) =>
  status(404, 'NotFound', `rollouts.argoproj.io "${name}" not found`, { name, group: 'argoproj.io', kind: 'rollouts' });

export const resourceNotFound = () => status(404, 'NotFound', 'the server could not find the requested resource');

/**
 * The 403 an authorizer's refusal gets: `<resource>.<group> "<name>" is forbidden: User "u" cannot
 * <verb> resource "<resource>[/<subresource>]" in API group "<group>" in the namespace "<ns>"`
 * (or "at the cluster scope"), followed by ": <reason>" when the authorizer gave one.
 */
export function forbidden(attributes: RequestAttributes, user: string, reason = '') {
  const { verb, group, resource, subresource, namespace, name } = attributes;
  const qualified = group ? `${resource}.${group}` : resource;
  const subject = name ? `${qualified} "${name}"` : qualified;
  const what = subresource ? `${resource}/${subresource}` : resource;
  const where = namespace ? `in the namespace "${namespace}"` : 'at the cluster scope';
  const message = `${subject} is forbidden: User "${user}" cannot ${verb} resource "${what}" in API group "${group}" ${where}${reason ? `: ${reason}` : ''}`;
  return status(403, 'Forbidden', message, { ...(name ? { name } : {}), ...(group ? { group } : {}), kind: resource });
}

export type InjectedStatus = 403 | 404 | 409 | 422 | 429 | 500 | 503;

/** The Status the API server sends for each injected failure of a rollout request, worded as it words them. */
export function injected(code: InjectedStatus, method: string, route: Route | null, user: string) {
  const name = route?.name ?? '';
  const verb = method === 'PATCH' ? 'patch' : name ? 'get' : 'list';
  const resource = route?.subresource ? `rollouts/${route.subresource}` : 'rollouts';
  const namespace = route?.namespace ?? 'default';
  const subject = name ? `rollouts.argoproj.io "${name}"` : 'rollouts.argoproj.io';
  switch (code) {
    case 403:
      return status(
        403,
        'Forbidden',
        `${subject} is forbidden: User "${user}" cannot ${verb} resource "${resource}" in API group "argoproj.io" in the namespace "${namespace}"`,
        { name, group: 'argoproj.io', kind: 'rollouts' },
      );
    case 404:
      return notFound(name);
    case 409:
      return conflict(name);
    case 422:
      return status(422, 'Invalid', `Rollout.argoproj.io "${name}" is invalid: spec.strategy: Required value`);
    case 429:
      return status(429, 'TooManyRequests', 'Too many requests, please try again later.');
    case 503:
      return status(503, 'ServiceUnavailable', 'the server is currently unable to handle the request');
    default:
      return status(500, 'InternalError', 'Internal error occurred: etcdserver: request timed out');
  }
}

export const conflict = (name: string) =>
  status(
    409,
    'Conflict',
    `Operation cannot be fulfilled on rollouts.argoproj.io "${name}": the object has been modified; please apply your changes to the latest version and try again`,
    { name, group: 'argoproj.io', kind: 'rollouts' },
  );
