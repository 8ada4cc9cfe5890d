/**
 * A Kubernetes API contract server for Argo Rollouts, for tests.
 *
 * It STANDS IN for a real kube-apiserver, which cannot run on these machines (no kube-apiserver,
 * k3s, kind or envtest can be installed). It follows the real API's documented behaviour for the
 * part Ringside uses, and nothing more:
 * - GET  /apis/argoproj.io/v1alpha1/namespaces/{ns}/rollouts           (RolloutList, limit/continue)
 * - GET  /apis/argoproj.io/v1alpha1/rollouts (every namespace) and /api/v1/namespaces (names only)
 * - continue tokens expire on `expireContinueTokens()`: using one then answers 410 Expired
 * - GET  /apis/argoproj.io/v1alpha1/namespaces/{ns}/rollouts/{name}
 * - PATCH the same, and …/{name}/status, with `application/merge-patch+json` (RFC 7386; any other
 *   patch type is 415). With the status subresource on (Argo Rollouts ≥ 0.10), a patch of the main
 *   resource ignores `.status` and a patch of /status changes only `.status`; with it off (0.9),
 *   /status is 404 and the main resource takes both.
 * - resourceVersion moves on every write; generation on every spec change (any non-metadata change
 *   without the status subresource). `?dryRun=All` validates and answers without persisting.
 * - `deny(when)` answers 403 to matching requests for good, as RBAC does.
 * - A bearer token or a client certificate signed by the server's client CA authenticates; anything
 *   else is 401. Errors are `Status` objects with the reason and message wording the API server uses.
 * A test can make the next request(s) answer 403, 404, 409, 422, 429, 500 or 503.
 * No controller runs by itself: status.observedGeneration and the phase lag behind a client's write
 * until a test calls `controllerStep()` (simulatedController.ts).
 */
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { withFreePort } from '../ports';
import type { ExtraResources } from './analysisResources';
import { replicaSetResources, type ReplicaSetResources } from './replicaSetResources';
import type { KubeObject } from './rolloutFixtures';
import { reconcile } from './simulatedController';

const PREFIX = '/apis/argoproj.io/v1alpha1/namespaces/';
const CLUSTER_LIST = '/apis/argoproj.io/v1alpha1/rollouts';
const NAMESPACES = '/api/v1/namespaces';
const MERGE_PATCH = 'application/merge-patch+json';

export interface KubeContractOptions {
  /** the bearer token that authenticates; null accepts no token (certificates only) */
  token: string | null;
  rollouts: KubeObject[];
  /** false serves a 0.9-era CRD without the status subresource */
  statusSubresource?: boolean;
  /** serve HTTPS with this key and certificate; `clientCa` also accepts client certificates it signed */
  tls?: { key: string; cert: string; clientCa?: string };
  /** the identity named in 403 messages */
  user?: string;
  /** more resources (AnalysisRuns, AnalysisTemplates…), asked first after authentication */
  resources?: ExtraResources[];
  /**
   * A controller that answers by itself this long after each write, as a running Argo controller
   * does; absent, nothing reacts until a test calls `controllerStep()`.
   */
  controller?: { afterMs: number };
  /** ReplicaSets the apps/v1 lists serve (none by default: the lists answer empty, as in a real cluster) */
  replicaSets?: KubeObject[];
}

export interface RecordedRequest {
  method: string;
  path: string;
  contentType: string | null;
  body: unknown;
  /** how the request authenticated */
  auth: 'token' | 'certificate' | 'none';
}

export interface InjectedFailure {
  status: 403 | 404 | 409 | 422 | 429 | 500 | 503;
  /** requests to fail; 1 unless given */
  times?: number;
  /** only requests this matches, e.g. (r) => r.path.endsWith('/status') */
  when?: (request: { method: string; path: string }) => boolean;
  retryAfterSeconds?: number;
}

export interface KubeContractServer {
  url: string;
  port: number;
  /** every request in order, for asserting what a client sent */
  requests: RecordedRequest[];
  /** the stored object, as a fresh copy (undefined when there is none) */
  stored(namespace: string, name: string): KubeObject | undefined;
  /** replace or add an object, as another client would */
  put(object: KubeObject): void;
  failNext(failure: InjectedFailure): void;
  /** the apps/v1 ReplicaSet lists it serves (count them, or make the next ones answer 403) */
  replicaSets: ReplicaSetResources;
  /** answer 403 to every request `when` matches from now on, as RBAC would */
  deny(when: (request: { method: string; path: string }) => boolean): void;
  /**
   * One pass of a simulated controller over every object a client wrote since the last pass:
   * status.observedGeneration catches up with metadata.generation and the status answers the
   * change (simulatedController.ts), or what `react` writes instead. Until then reads lag.
   */
  controllerStep(react?: (object: KubeObject) => void): number;
  /** make every continue token handed out so far expire: using one answers 410 Expired */
  expireContinueTokens(): void;
  stop(): Promise<void>;
}

interface Failure extends InjectedFailure {
  left: number;
}

export async function startKubeContractServer(options: KubeContractOptions): Promise<KubeContractServer> {
  const objects = new Map<string, KubeObject>();
  let revision = 50_000;
  const nextVersion = () => String(++revision);
  const put = (object: KubeObject) => {
    const copy = structuredClone(object);
    copy.metadata.resourceVersion = nextVersion();
    objects.set(`${copy.metadata.namespace}/${copy.metadata.name}`, copy);
  };
  options.rollouts.forEach(put);
  const failures: Failure[] = [];
  const denials: ((request: { method: string; path: string }) => boolean)[] = [];
  /** objects written by clients since the controller last looked */
  const dirty = new Set<string>();
  const replicaSets = replicaSetResources(options.replicaSets ?? [], options.user);
  let controllerTimer: NodeJS.Timeout | null = null;
  const scheduleController = () => {
    if (!options.controller || controllerTimer) return;
    controllerTimer = setTimeout(() => {
      controllerTimer = null;
      api.controllerStep();
    }, options.controller.afterMs);
  };
  let listEpoch = 1;
  const requests: RecordedRequest[] = [];
  const statusSubresource = options.statusSubresource ?? true;
  const user = options.user ?? 'system:serviceaccount:ringside:console';

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://kube');
    const method = req.method ?? 'GET';
    const raw = await readBody(req);
    const auth = authOf(req, options.token);
    const contentType = req.headers['content-type']?.split(';')[0]?.trim() ?? null;
    let body: unknown = raw;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      // kept as text: the handler answers 400 for a patch that is not JSON
    }
    requests.push({ method, path: url.pathname + url.search, contentType, body, auth });

    if (auth === 'none') return send(res, 401, status(401, 'Unauthorized', 'Unauthorized'));
    for (const extra of [...(options.resources ?? []), replicaSets]) {
      const answer = extra.handle({ method, url, body });
      if (answer) return send(res, answer.status, answer.body);
    }
    const route = parseRoute(url.pathname);
    if (denials.some((deny) => deny({ method, path: url.pathname }))) return send(res, 403, injected(403, method, route, user));
    const failure = failures.find((f) => !f.when || f.when({ method, path: url.pathname }));
    if (failure) {
      failure.left -= 1;
      if (failure.left <= 0) failures.splice(failures.indexOf(failure), 1);
      const headers: Record<string, string> = failure.retryAfterSeconds !== undefined ? { 'retry-after': String(failure.retryAfterSeconds) } : {};
      return send(res, failure.status, injected(failure.status, method, route, user), headers);
    }
    if (method === 'GET' && url.pathname === NAMESPACES) return send(res, 200, namespaceList());
    if (method === 'GET' && url.pathname === CLUSTER_LIST) return sendList(res, null, url.searchParams);
    if (!route || (route.subresource && route.subresource !== 'status') || (route.subresource && !statusSubresource)) {
      return send(res, 404, status(404, 'NotFound', 'the server could not find the requested resource'));
    }
    if (method === 'GET' && !route.name) return sendList(res, route.namespace, url.searchParams);
    const key = `${route.namespace}/${route.name}`;
    const current = objects.get(key);
    if (method === 'GET' && !route.subresource) {
      return current ? send(res, 200, current) : send(res, 404, notFound(route.name!));
    }
    if (method !== 'PATCH') return send(res, 405, status(405, 'MethodNotAllowed', `the server does not allow this method on the requested resource`));
    if (contentType !== MERGE_PATCH) {
      return send(
        res,
        415,
        status(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml`),
      );
    }
    if (!current) return send(res, 404, notFound(route.name!));
    if (!isObject(body)) return send(res, 400, status(400, 'BadRequest', `error decoding patch: invalid JSON`));
    const merged = mergePatch(current, body) as KubeObject;
    const next: KubeObject = structuredClone(current);
    if (route.subresource === 'status') next.status = merged.status;
    else if (statusSubresource) {
      next.spec = merged.spec;
      next.metadata = { ...merged.metadata, name: current.metadata.name, namespace: current.metadata.namespace };
    } else Object.assign(next, merged, { metadata: current.metadata });
    const invalid = validate(next);
    if (invalid) return send(res, 422, status(422, 'Invalid', `Rollout.argoproj.io "${route.name}" is invalid: ${invalid}`));
    const dryRun = url.searchParams.getAll('dryRun');
    if (dryRun.some((d) => d !== 'All')) return send(res, 400, status(400, 'BadRequest', `Invalid dry run value: ${dryRun.join(',')}`));
    if (JSON.stringify(next) !== JSON.stringify(current)) {
      // With the status subresource, generation moves on spec changes only; without it, on every
      // change outside metadata (the API server treats status as part of the object then).
      const moved = statusSubresource ? ['spec'] : ['spec', 'status'];
      if (moved.some((k) => JSON.stringify(next[k]) !== JSON.stringify(current[k]))) next.metadata.generation = (current.metadata.generation ?? 0) + 1;
      if (dryRun.length > 0) {
        next.metadata.resourceVersion = current.metadata.resourceVersion;
        return send(res, 200, next);
      }
      next.metadata.resourceVersion = nextVersion();
      objects.set(key, next);
      dirty.add(key);
      scheduleController();
    }
    return send(res, 200, objects.get(key));
  }

  /** Lists a namespace (or all, when null); continue tokens are "epoch:offset" and expire with their epoch. */
  function sendList(res: ServerResponse, namespace: string | null, params: URLSearchParams) {
    // etcd keeps keys in order (namespace, then name), so the API server lists in that order.
    const all = [...objects.values()]
      .filter((o) => namespace === null || o.metadata.namespace === namespace)
      .sort((a, b) => (`${a.metadata.namespace}/${a.metadata.name}` < `${b.metadata.namespace}/${b.metadata.name}` ? -1 : 1));
    const token = params.get('continue');
    let start = 0;
    if (token) {
      const [epoch, offset] = token.split(':').map(Number);
      if (epoch !== listEpoch) {
        return send(
          res,
          410,
          status(410, 'Expired', 'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.'),
        );
      }
      start = offset || 0;
    }
    const limit = Number(params.get('limit') ?? 0) || all.length;
    const items = all.slice(start, start + limit);
    const more = start + limit < all.length;
    return send(res, 200, {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'RolloutList',
      metadata: { resourceVersion: String(revision), ...(more ? { continue: `${listEpoch}:${start + limit}` } : {}) },
      items,
    });
  }

  function namespaceList() {
    const names = [...new Set([...objects.values()].map((o) => o.metadata.namespace))].sort();
    return { apiVersion: 'v1', kind: 'NamespaceList', metadata: { resourceVersion: String(revision) }, items: names.map((name) => ({ metadata: { name } })) };
  }

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((error: unknown) => send(res, 500, status(500, 'InternalError', String(error))));
  };
  const server: Server = options.tls
    ? createHttpsServer(
        { key: options.tls.key, cert: options.tls.cert, ca: options.tls.clientCa, requestCert: Boolean(options.tls.clientCa), rejectUnauthorized: false },
        listener,
      )
    : createHttpServer(listener);

  const port = await withFreePort(
    (candidate) =>
      new Promise<number>((resolve, reject) => {
        server.once('error', reject);
        server.listen({ host: '127.0.0.1', port: candidate, exclusive: true }, () => {
          server.off('error', reject);
          resolve(candidate);
        });
      }),
  );

  const api: KubeContractServer = {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    requests,
    stored: (namespace, name) => {
      const object = objects.get(`${namespace}/${name}`);
      return object && structuredClone(object);
    },
    put,
    failNext: (failure) => failures.push({ ...failure, left: failure.times ?? 1 }),
    replicaSets,
    deny: (when) => void denials.push(when),
    controllerStep: (react = reconcile) => {
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
    },
    expireContinueTokens: () => void (listEpoch += 1),
    stop: () =>
      new Promise<void>((resolve, reject) => {
        if (controllerTimer) clearTimeout(controllerTimer);
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
  return api;
}

interface Route {
  namespace: string;
  name?: string;
  subresource?: string;
}

function parseRoute(path: string): Route | null {
  if (!path.startsWith(PREFIX)) return null;
  const parts = path.slice(PREFIX.length).split('/').map(decodeURIComponent);
  const [namespace, resource, name, subresource, ...rest] = parts;
  if (!namespace || resource !== 'rollouts' || rest.length > 0 || name === '') return null;
  return { namespace, name, subresource };
}

function authOf(req: IncomingMessage, token: string | null): RecordedRequest['auth'] {
  const socket = req.socket as Partial<TLSSocket>;
  if (socket.encrypted && socket.authorized) return 'certificate';
  const header = req.headers.authorization ?? '';
  return token !== null && header === `Bearer ${token}` ? 'token' : 'none';
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, code: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(code, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function status(code: number, reason: string, message: string, details?: Record<string, unknown>) {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, ...(details ? { details } : {}), code };
}

const notFound = (name: string) =>
  status(404, 'NotFound', `rollouts.argoproj.io "${name}" not found`, { name, group: 'argoproj.io', kind: 'rollouts' });

/** The Status the API server sends for each failure, worded as it words them. */
function injected(code: InjectedFailure['status'], method: string, route: Route | null, user: string) {
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
      return status(
        409,
        'Conflict',
        `Operation cannot be fulfilled on rollouts.argoproj.io "${name}": the object has been modified; please apply your changes to the latest version and try again`,
        { name, group: 'argoproj.io', kind: 'rollouts' },
      );
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

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** RFC 7386: null removes a key, objects merge, everything else (arrays too) replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return structuredClone(patch);
  const out: Record<string, unknown> = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (key === '__proto__') continue;
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key], value);
  }
  return out;
}

/** The few checks the Rollout CRD's OpenAPI schema makes on the fields Ringside writes. */
function validate(object: KubeObject): string | null {
  const spec = object.spec ?? {};
  const st = object.status ?? {};
  if ('paused' in spec && typeof spec.paused !== 'boolean') return 'spec.paused: Invalid value: must be boolean';
  if ('abort' in st && typeof st.abort !== 'boolean') return 'status.abort: Invalid value: must be boolean';
  if ('promoteFull' in st && typeof st.promoteFull !== 'boolean') return 'status.promoteFull: Invalid value: must be boolean';
  if ('currentStepIndex' in st && !Number.isInteger(st.currentStepIndex)) return 'status.currentStepIndex: Invalid value: must be integer';
  if ('pauseConditions' in st && !Array.isArray(st.pauseConditions)) return 'status.pauseConditions: Invalid value: must be array';
  return null;
}
