/**
 * A Kubernetes API contract server for Argo Rollouts, for tests.
 *
 * It STANDS IN for a real kube-apiserver, which cannot run on these machines (no kube-apiserver,
 * k3s, kind or envtest can be installed). It follows the Kubernetes API documentation for the part
 * Ringside uses, and nothing more:
 * - GET  /apis/argoproj.io/v1alpha1/namespaces/{ns}/rollouts           (RolloutList, limit/continue)
 * - GET  /apis/argoproj.io/v1alpha1/rollouts (every namespace) and /api/v1/namespaces (names only)
 * - continue tokens expire on `expireContinueTokens()`: using one then answers 410 Expired
 * - GET  /apis/argoproj.io/v1alpha1/namespaces/{ns}/rollouts/{name}
 * - PATCH the same, and …/{name}/status, with `application/merge-patch+json` (RFC 7386; any other
 *   patch type is 415). With the status subresource on (Argo Rollouts ≥ 0.10), a patch of the main
 *   resource ignores `.status` and a patch of /status changes only `.status`; with it off (0.9),
 *   /status is 404 and the main resource takes both. Metadata (labels, annotations) merges on the
 *   main resource; a `metadata.resourceVersion` in a patch is a precondition (409 Conflict when
 *   the object moved on).
 * - resourceVersion moves on every write; generation on every spec change (any non-metadata change
 *   without the status subresource), never on a metadata change. `?dryRun=All` validates and
 *   answers without persisting.
 * - `access` gives tokens their own user and RBAC-like rules (kubeAccess.ts), enforced on every
 *   request with the API server's 403 wording; SelfSubjectAccessReview and SelfSubjectReview answer
 *   for them (selfReviews.ts). Without it, the token may do everything.
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
import { readBody, send } from './httpWire';
import type { ExtraResources } from './analysisResources';
import { allows, isSelfReview, requestAttributes, type TokenAccess } from './kubeAccess';
import { forbidden, injected, status, type InjectedStatus } from './kubeStatus';
import { replicaSetResources, type ReplicaSetResources } from './replicaSetResources';
import type { KubeObject } from './rolloutFixtures';
import { notServed, parseRoute, rolloutStore } from './rolloutStore';
import { selfReviews, type Identity, type SelfSubjectReviewVersion } from './selfReviews';

export { mergePatch } from './mergePatch';
export type { AccessRule, TokenAccess } from './kubeAccess';
export type { SelfSubjectReviewVersion } from './selfReviews';

const CLUSTER_LIST = '/apis/argoproj.io/v1alpha1/rollouts';
const NAMESPACES = '/api/v1/namespaces';

export interface KubeContractOptions {
  /** the bearer token that authenticates; null accepts no token (certificates only) */
  token: string | null;
  rollouts: KubeObject[];
  /** false serves a 0.9-era CRD without the status subresource */
  statusSubresource?: boolean;
  /** serve HTTPS with this key and certificate; `clientCa` also accepts client certificates it signed */
  tls?: { key: string; cert: string; clientCa?: string };
  /** the identity named in 403 messages (and the user of `token` and of client certificates) */
  user?: string;
  /** more bearer tokens, each with its own user and rules; `token` keeps `user` and may do everything */
  access?: Record<string, TokenAccess>;
  /** the SelfSubjectReview versions served (v1 since Kubernetes 1.28, v1beta1 1.27, v1alpha1 1.26); v1 unless given */
  selfSubjectReview?: SelfSubjectReviewVersion[];
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
  /** the user it authenticated as, null when it did not */
  user: string | null;
}

export interface InjectedFailure {
  status: InjectedStatus;
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
  /** SelfSubjectAccessReviews answered so far */
  readonly accessReviews: number;
  stop(): Promise<void>;
}

interface Failure extends InjectedFailure {
  left: number;
}

export async function startKubeContractServer(options: KubeContractOptions): Promise<KubeContractServer> {
  const failures: Failure[] = [];
  const denials: ((request: { method: string; path: string }) => boolean)[] = [];
  const replicaSets = replicaSetResources(options.replicaSets ?? [], options.user);
  const reviews = selfReviews(options.selfSubjectReview ?? ['v1']);
  let controllerTimer: NodeJS.Timeout | null = null;
  const scheduleController = () => {
    if (!options.controller || controllerTimer) return;
    controllerTimer = setTimeout(() => {
      controllerTimer = null;
      api.controllerStep();
    }, options.controller.afterMs);
  };
  const statusSubresource = options.statusSubresource ?? true;
  const store = rolloutStore(options.rollouts, statusSubresource, scheduleController);
  const requests: RecordedRequest[] = [];
  const defaultUser = options.user ?? 'system:serviceaccount:ringside:console';

  /** Who the request is, or null (401): the main token or a client certificate, else a token of `access`. */
  function identify(req: IncomingMessage): { auth: RecordedRequest['auth']; identity: Identity | null } {
    const socket = req.socket as Partial<TLSSocket>;
    if (socket.encrypted && socket.authorized) return { auth: 'certificate', identity: { user: defaultUser } };
    const header = req.headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : null;
    if (token !== null && token === options.token) return { auth: 'token', identity: { user: defaultUser } };
    const access = token !== null && Object.hasOwn(options.access ?? {}, token) ? options.access![token] : undefined;
    return access ? { auth: 'token', identity: { user: access.user, access } } : { auth: 'none', identity: null };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://kube');
    const method = req.method ?? 'GET';
    const raw = await readBody(req);
    const { auth, identity } = identify(req);
    const contentType = req.headers['content-type']?.split(';')[0]?.trim() ?? null;
    let body: unknown = raw;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      // kept as text: the handler answers 400 for a patch that is not JSON
    }
    requests.push({ method, path: url.pathname + url.search, contentType, body, auth, user: identity?.user ?? null });
    const answer = (a: { status: number; body: unknown }) => send(res, a.status, a.body);

    if (!identity) return send(res, 401, status(401, 'Unauthorized', 'Unauthorized'));
    // Authorization comes before anything else, as in the API server's filter chain.
    const attributes = requestAttributes(method, url);
    if (attributes && !isSelfReview(attributes) && !allows(identity.access, attributes)) {
      return send(res, 403, forbidden(attributes, identity.user, identity.access?.denyReason));
    }
    for (const extra of [...(options.resources ?? []), replicaSets]) {
      const extraAnswer = extra.handle({ method, url, body });
      if (extraAnswer) return answer(extraAnswer);
    }
    const route = parseRoute(url.pathname);
    if (denials.some((deny) => deny({ method, path: url.pathname }))) {
      return send(res, 403, !route && attributes ? forbidden(attributes, identity.user) : injected(403, method, route, identity.user));
    }
    const failure = failures.find((f) => !f.when || f.when({ method, path: url.pathname }));
    if (failure) {
      failure.left -= 1;
      if (failure.left <= 0) failures.splice(failures.indexOf(failure), 1);
      const headers: Record<string, string> = failure.retryAfterSeconds !== undefined ? { 'retry-after': String(failure.retryAfterSeconds) } : {};
      return send(res, failure.status, injected(failure.status, method, route, identity.user), headers);
    }
    const review = reviews.handle({ method, url, body }, identity);
    if (review) return answer(review);
    if (method === 'GET' && url.pathname === NAMESPACES) return answer(store.namespaceList());
    if (method === 'GET' && url.pathname === CLUSTER_LIST) return answer(store.list(null, url.searchParams));
    if (!route || (route.subresource && route.subresource !== 'status') || (route.subresource && !statusSubresource)) return answer(notServed());
    if (method === 'GET' && !route.name) return answer(store.list(route.namespace, url.searchParams));
    if (method === 'GET' && !route.subresource) return answer(store.get(route));
    if (method !== 'PATCH') return send(res, 405, status(405, 'MethodNotAllowed', `the server does not allow this method on the requested resource`));
    return answer(store.patch(route, body, contentType, url.searchParams));
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
    stored: store.stored,
    put: store.put,
    failNext: (failure) => failures.push({ ...failure, left: failure.times ?? 1 }),
    replicaSets,
    deny: (when) => void denials.push(when),
    controllerStep: store.controllerStep,
    expireContinueTokens: store.expireContinueTokens,
    get accessReviews() {
      return reviews.accessReviews;
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        if (controllerTimer) clearTimeout(controllerTimer);
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
  return api;
}
