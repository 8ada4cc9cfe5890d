/**
 * AnalysisRuns and AnalysisTemplates (argoproj.io/v1alpha1) for the Kubernetes contract server,
 * registered through its `resources` hook. As the real API server does:
 * - GET list (optionally `labelSelector=key=value`), GET one, POST to the collection (201; 409
 *   AlreadyExists), PUT one (metadata.resourceVersion must match, else 409 Conflict; 404 when absent);
 * - `?dryRun=All` validates and answers what would be stored without storing it (any other dryRun
 *   value is 400); resourceVersion moves on every write, generation starts at 1 and moves on spec changes;
 * - a template without metrics, or a metric without a name or provider, is 422 Invalid.
 * A test can make the next write to a resource answer 403 with the RBAC wording.
 */
import type { KubeObject } from './rolloutFixtures';

const PREFIX = '/apis/argoproj.io/v1alpha1/namespaces/';
const KINDS = { analysisruns: 'AnalysisRun', analysistemplates: 'AnalysisTemplate' } as const;
type Plural = keyof typeof KINDS;

export interface ResourceRequest {
  method: string;
  url: URL;
  body: unknown;
}
export interface ResourceAnswer {
  status: number;
  body: unknown;
}
/** What the contract server's `resources` hook calls first; null lets the server answer itself. */
export interface ExtraResources {
  handle(request: ResourceRequest): ResourceAnswer | null;
}

export interface AnalysisResources extends ExtraResources {
  stored(plural: Plural, namespace: string, name: string): KubeObject | undefined;
  /** the next `times` requests with this verb on this resource answer 403 */
  forbid(verb: 'create' | 'update' | 'get' | 'list', plural: Plural, times?: number): void;
}

const status = (code: number, reason: string, message: string, details?: Record<string, unknown>) => ({
  kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, ...(details ? { details } : {}), code,
});
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function invalidTemplate(object: KubeObject): string | null {
  const metrics = object.spec?.metrics;
  if (!Array.isArray(metrics) || metrics.length === 0) return 'spec.metrics: Required value';
  for (const [i, m] of metrics.entries()) {
    if (!isObject(m) || typeof m.name !== 'string' || !m.name) return `spec.metrics[${i}].name: Required value`;
    if (!isObject(m.provider)) return `spec.metrics[${i}].provider: Required value`;
  }
  return null;
}

export function analysisResources(options: { runs?: KubeObject[]; templates?: KubeObject[]; user?: string } = {}): AnalysisResources {
  const objects = new Map<string, KubeObject>();
  let revision = 90_000;
  const key = (plural: string, ns: string, name: string) => `${plural}/${ns}/${name}`;
  const store = (plural: Plural, object: KubeObject) => {
    const copy = structuredClone(object);
    copy.metadata.resourceVersion = String(++revision);
    copy.metadata.generation ??= 1;
    objects.set(key(plural, copy.metadata.namespace, copy.metadata.name), copy);
    return copy;
  };
  for (const run of options.runs ?? []) store('analysisruns', run);
  for (const template of options.templates ?? []) store('analysistemplates', template);
  const forbidden: { verb: string; plural: Plural; left: number }[] = [];
  const user = options.user ?? 'system:serviceaccount:ringside:console';

  function handle({ method, url, body }: ResourceRequest): ResourceAnswer | null {
    if (!url.pathname.startsWith(PREFIX)) return null;
    const [namespace, plural, name, ...rest] = url.pathname.slice(PREFIX.length).split('/').map(decodeURIComponent);
    if (!namespace || !(plural! in KINDS) || rest.length > 0) return null;
    const resource = plural as Plural;
    const kind = KINDS[resource];
    const verb = method === 'POST' ? 'create' : method === 'PUT' ? 'update' : method === 'GET' ? (name ? 'get' : 'list') : method.toLowerCase();
    const denial = forbidden.find((f) => f.verb === verb && f.plural === resource);
    if (denial) {
      if (--denial.left <= 0) forbidden.splice(forbidden.indexOf(denial), 1);
      const subject = name ? `${resource}.argoproj.io "${name}"` : `${resource}.argoproj.io`;
      return { status: 403, body: status(403, 'Forbidden', `${subject} is forbidden: User "${user}" cannot ${verb} resource "${resource}" in API group "argoproj.io" in the namespace "${namespace}"`, { name: name ?? '', group: 'argoproj.io', kind: resource }) };
    }
    const dryRun = url.searchParams.get('dryRun');
    if (dryRun !== null && dryRun !== 'All') return { status: 400, body: status(400, 'BadRequest', `Invalid dry run value: "${dryRun}", supported values are: All`) };
    const notFound = (n: string) => ({ status: 404, body: status(404, 'NotFound', `${resource}.argoproj.io "${n}" not found`, { name: n, group: 'argoproj.io', kind: resource }) });

    if (method === 'GET' && !name) {
      const [labelKey, labelValue] = (url.searchParams.get('labelSelector') ?? '').split('=');
      const items = [...objects.entries()]
        .filter(([k, o]) => k.startsWith(`${resource}/${namespace}/`) && (!labelKey || (o.metadata.labels as Record<string, string> | undefined)?.[labelKey] === labelValue))
        .map(([, o]) => o)
        .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
      return { status: 200, body: { apiVersion: 'argoproj.io/v1alpha1', kind: `${kind}List`, metadata: { resourceVersion: String(revision) }, items } };
    }
    const current = name ? objects.get(key(resource, namespace, name)) : undefined;
    if (method === 'GET') return current ? { status: 200, body: current } : notFound(name!);
    if (method !== 'POST' && method !== 'PUT') return { status: 405, body: status(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource') };
    if (method === 'POST' && name) return { status: 405, body: status(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource') };
    if (!isObject(body) || !isObject(body.metadata) || typeof body.metadata.name !== 'string') {
      return { status: 400, body: status(400, 'BadRequest', 'the object provided is unrecognized or has no metadata.name') };
    }
    const object = structuredClone(body) as KubeObject;
    if (object.kind !== kind) return { status: 400, body: status(400, 'BadRequest', `the object provided is unrecognized (must be of type ${kind})`) };
    object.metadata.namespace ??= namespace;
    if (object.metadata.namespace !== namespace) {
      return { status: 400, body: status(400, 'BadRequest', 'the namespace of the provided object does not match the namespace sent on the request') };
    }
    const target = object.metadata.name;
    if (method === 'PUT' && target !== name) return { status: 400, body: status(400, 'BadRequest', 'the name of the object does not match the name on the URL') };
    const existing = objects.get(key(resource, namespace, target));
    if (method === 'POST' && existing) {
      return { status: 409, body: status(409, 'AlreadyExists', `${resource}.argoproj.io "${target}" already exists`, { name: target, group: 'argoproj.io', kind: resource }) };
    }
    if (method === 'PUT') {
      if (!existing) return notFound(target);
      if (object.metadata.resourceVersion !== existing.metadata.resourceVersion) {
        return { status: 409, body: status(409, 'Conflict', `Operation cannot be fulfilled on ${resource}.argoproj.io "${target}": the object has been modified; please apply your changes to the latest version and try again`, { name: target, group: 'argoproj.io', kind: resource }) };
      }
    }
    const invalid = resource === 'analysistemplates' ? invalidTemplate(object) : null;
    if (invalid) return { status: 422, body: status(422, 'Invalid', `${kind}.argoproj.io "${target}" is invalid: ${invalid}`) };
    const generation = existing ? (JSON.stringify(existing.spec) === JSON.stringify(object.spec) ? existing.metadata.generation : Number(existing.metadata.generation ?? 1) + 1) : 1;
    const next: KubeObject = { ...object, metadata: { ...object.metadata, uid: existing?.metadata.uid ?? `uid-${target}-${revision}`, generation, creationTimestamp: existing?.metadata.creationTimestamp ?? '2026-05-14T10:00:00Z' } };
    if (dryRun === 'All') return { status: method === 'POST' ? 201 : 200, body: { ...next, metadata: { ...next.metadata, resourceVersion: existing?.metadata.resourceVersion ?? '' } } };
    const saved = store(resource, next);
    return { status: method === 'POST' ? 201 : 200, body: saved };
  }

  return {
    handle,
    stored: (plural, namespace, name) => {
      const object = objects.get(key(plural, namespace, name));
      return object && structuredClone(object);
    },
    forbid: (verb, plural, times = 1) => forbidden.push({ verb, plural, left: times }),
  };
}
