/**
 * The Rollouts (argoproj.io/v1alpha1) the contract server holds, and what the API server does with
 * them: paged lists with expiring continue tokens, GET, and JSON merge patches of the main resource
 * and the status subresource. See contractServer.ts for the behaviour it follows.
 */
import type { ResourceAnswer } from './analysisResources';
import { conflict, notFound, resourceNotFound, status, type Route } from './kubeStatus';
import { isObject, mergePatch } from './mergePatch';
import type { KubeObject } from './rolloutFixtures';
import { reconcile } from './simulatedController';

const PREFIX = '/apis/argoproj.io/v1alpha1/namespaces/';
const MERGE_PATCH = 'application/merge-patch+json';
/** what the API server keeps whatever a patch says (ObjectMeta fields the system owns) */
const SYSTEM_FIELDS = ['name', 'namespace', 'uid', 'generation', 'resourceVersion', 'creationTimestamp'] as const;
/** ObjectMeta validation: the annotations of one object may hold at most this many bytes */
const ANNOTATIONS_LIMIT = 256 * 1024;
const QUALIFIED_NAME = /^([a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;

export function parseRoute(path: string): Route | null {
  if (!path.startsWith(PREFIX)) return null;
  const parts = path.slice(PREFIX.length).split('/').map(decodeURIComponent);
  const [namespace, resource, name, subresource, ...rest] = parts;
  if (!namespace || resource !== 'rollouts' || rest.length > 0 || name === '') return null;
  return { namespace, name, subresource };
}

export interface RolloutStore {
  put(object: KubeObject): void;
  stored(namespace: string, name: string): KubeObject | undefined;
  /** a namespace's list, or every namespace's when null */
  list(namespace: string | null, params: URLSearchParams): ResourceAnswer;
  namespaceList(): ResourceAnswer;
  get(route: Route): ResourceAnswer;
  patch(route: Route, body: unknown, contentType: string | null, params: URLSearchParams): ResourceAnswer;
  controllerStep(react?: (object: KubeObject) => void): number;
  expireContinueTokens(): void;
}

export function rolloutStore(initial: KubeObject[], statusSubresource: boolean, onWrite: () => void): RolloutStore {
  const objects = new Map<string, KubeObject>();
  let revision = 50_000;
  const nextVersion = () => String(++revision);
  /** objects written by clients since the controller last looked */
  const dirty = new Set<string>();
  let listEpoch = 1;
  const put = (object: KubeObject) => {
    const copy = structuredClone(object);
    copy.metadata.resourceVersion = nextVersion();
    objects.set(`${copy.metadata.namespace}/${copy.metadata.name}`, copy);
  };
  initial.forEach(put);

  /** Lists a namespace (or all, when null); continue tokens are "epoch:offset" and expire with their epoch. */
  function list(namespace: string | null, params: URLSearchParams): ResourceAnswer {
    // etcd keeps keys in order (namespace, then name), so the API server lists in that order.
    const all = [...objects.values()]
      .filter((o) => namespace === null || o.metadata.namespace === namespace)
      .sort((a, b) => (`${a.metadata.namespace}/${a.metadata.name}` < `${b.metadata.namespace}/${b.metadata.name}` ? -1 : 1));
    const token = params.get('continue');
    let start = 0;
    if (token) {
      const [epoch, offset] = token.split(':').map(Number);
      if (epoch !== listEpoch) {
        return {
          status: 410,
          body: status(410, 'Expired', 'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.'),
        };
      }
      start = offset || 0;
    }
    const limit = Number(params.get('limit') ?? 0) || all.length;
    const items = all.slice(start, start + limit);
    const more = start + limit < all.length;
    return {
      status: 200,
      body: {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'RolloutList',
        metadata: { resourceVersion: String(revision), ...(more ? { continue: `${listEpoch}:${start + limit}` } : {}) },
        items,
      },
    };
  }

  function namespaceList(): ResourceAnswer {
    const names = [...new Set([...objects.values()].map((o) => o.metadata.namespace))].sort();
    return { status: 200, body: { apiVersion: 'v1', kind: 'NamespaceList', metadata: { resourceVersion: String(revision) }, items: names.map((name) => ({ metadata: { name } })) } };
  }

  function get(route: Route): ResourceAnswer {
    const current = objects.get(`${route.namespace}/${route.name}`);
    return current ? { status: 200, body: current } : { status: 404, body: notFound(route.name!) };
  }

  function patch(route: Route, body: unknown, contentType: string | null, params: URLSearchParams): ResourceAnswer {
    if (contentType !== MERGE_PATCH) {
      return {
        status: 415,
        body: status(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml`),
      };
    }
    const key = `${route.namespace}/${route.name}`;
    const current = objects.get(key);
    if (!current) return { status: 404, body: notFound(route.name!) };
    if (!isObject(body)) return { status: 400, body: status(400, 'BadRequest', `error decoding patch: invalid JSON`) };
    // A resourceVersion in the patch is a precondition (optimistic concurrency), as on a PUT.
    const precondition = isObject(body.metadata) ? body.metadata.resourceVersion : undefined;
    if (precondition !== undefined && precondition !== current.metadata.resourceVersion) return { status: 409, body: conflict(route.name!) };
    const merged = mergePatch(current, body) as KubeObject;
    const next: KubeObject = structuredClone(current);
    const metadata: Record<string, unknown> = { ...(isObject(merged.metadata) ? merged.metadata : {}) };
    const kept: Record<string, unknown> = current.metadata;
    for (const field of SYSTEM_FIELDS) {
      if (field in kept) metadata[field] = kept[field];
      else delete metadata[field];
    }
    // The status subresource takes .status only; the main resource takes everything but .status
    // when the CRD has the subresource, everything when it has none (Argo Rollouts 0.9).
    if (route.subresource === 'status') next.status = merged.status;
    else if (statusSubresource) Object.assign(next, { spec: merged.spec, metadata });
    else Object.assign(next, merged, { metadata });
    const invalid = validate(next);
    if (invalid) return { status: 422, body: status(422, 'Invalid', `Rollout.argoproj.io "${route.name}" is invalid: ${invalid}`) };
    const dryRun = params.getAll('dryRun');
    if (dryRun.some((d) => d !== 'All')) return { status: 400, body: status(400, 'BadRequest', `Invalid dry run value: ${dryRun.join(',')}`) };
    if (JSON.stringify(next) !== JSON.stringify(current)) {
      // With the status subresource, generation moves on spec changes only; without it, on every
      // change outside metadata (the API server treats status as part of the object then).
      // Metadata (labels, annotations) never moves it.
      const moved = (statusSubresource ? ['spec'] : ['spec', 'status']).some((k) => JSON.stringify(next[k]) !== JSON.stringify(current[k]));
      if (moved) next.metadata.generation = (current.metadata.generation ?? 0) + 1;
      if (dryRun.length > 0) {
        next.metadata.resourceVersion = current.metadata.resourceVersion;
        return { status: 200, body: next };
      }
      next.metadata.resourceVersion = nextVersion();
      objects.set(key, next);
      // The simulated controller answers spec and status changes; a metadata-only write leaves its status as it was.
      if (['spec', 'status'].some((k) => JSON.stringify(next[k]) !== JSON.stringify(current[k]))) {
        dirty.add(key);
        onWrite();
      }
    }
    return { status: 200, body: objects.get(key) };
  }

  function controllerStep(react: (object: KubeObject) => void = reconcile): number {
    const keys = [...dirty];
    dirty.clear();
    for (const key of keys) {
      const object = objects.get(key);
      if (!object) continue;
      const next = structuredClone(object);
      react(next);
      if (!statusSubresource && next.status) {
        // A 0.9 controller wrote a hash of the spec here, and its status write moves the generation.
        next.status.observedGeneration = `h${(next.metadata.generation ?? 0).toString(16)}f`;
        if (JSON.stringify(next.status) !== JSON.stringify(object.status)) next.metadata.generation = (object.metadata.generation ?? 0) + 1;
      }
      if (JSON.stringify(next) === JSON.stringify(object)) continue;
      next.metadata.resourceVersion = nextVersion();
      objects.set(key, next);
    }
    return keys.length;
  }

  return {
    put,
    stored: (namespace, name) => {
      const object = objects.get(`${namespace}/${name}`);
      return object && structuredClone(object);
    },
    list,
    namespaceList,
    get,
    patch,
    controllerStep,
    expireContinueTokens: () => void (listEpoch += 1),
  };
}

export const notServed = (): ResourceAnswer => ({ status: 404, body: resourceNotFound() });

/** The few checks the Rollout CRD's OpenAPI schema and ObjectMeta validation make on the fields Ringside writes. */
function validate(object: KubeObject): string | null {
  const spec = object.spec ?? {};
  const st = object.status ?? {};
  const annotations = object.metadata.annotations;
  if (annotations !== undefined) {
    if (!isObject(annotations) || Object.values(annotations).some((v) => typeof v !== 'string')) return 'metadata.annotations: Invalid value: must be a map of strings';
    const bad = Object.keys(annotations).find((k) => !QUALIFIED_NAME.test(k));
    if (bad) return `metadata.annotations: Invalid value: "${bad}": must be a qualified name`;
    const size = Object.entries(annotations).reduce((n, [k, v]) => n + k.length + String(v).length, 0);
    if (size > ANNOTATIONS_LIMIT) return `metadata.annotations: Too long: must have at most ${ANNOTATIONS_LIMIT} bytes`;
  }
  if ('paused' in spec && typeof spec.paused !== 'boolean') return 'spec.paused: Invalid value: must be boolean';
  if ('abort' in st && typeof st.abort !== 'boolean') return 'status.abort: Invalid value: must be boolean';
  if ('promoteFull' in st && typeof st.promoteFull !== 'boolean') return 'status.promoteFull: Invalid value: must be boolean';
  if ('currentStepIndex' in st && !Number.isInteger(st.currentStepIndex)) return 'status.currentStepIndex: Invalid value: must be integer';
  if ('pauseConditions' in st && !Array.isArray(st.pauseConditions)) return 'status.pauseConditions: Invalid value: must be array';
  return null;
}
