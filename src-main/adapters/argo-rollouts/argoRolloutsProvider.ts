import type { Rollout } from '../../../src-shared/domain/rollout';
import { RingsideError } from '../../../src-shared/ipc/result';
import type { Clock, DeployProvider, RolloutRef } from '../../core/ports';
import { createHttpClient } from '../http/httpClient';
import type { RetryOptions } from '../http/retryPolicy';
import { connectionAgent, type KubeConnection } from './kubeConnection';
import { explainKubeError, SERVICE } from './kubeErrors';
import { KubeRollout, KubeRolloutList } from './kubeSchemas';
import { promoteFullPatches, promotePatches, type Patches } from './promotePatches';
import { toRollout } from './toRollout';

export interface ArgoRolloutsOptions {
  connection: KubeConnection;
  /** where to look for Rollouts; the connection's namespace (else "default") when absent */
  namespaces?: string[];
  /** let a kubeconfig's insecure-skip-tls-verify through; off unless a workspace says so */
  allowInsecureTls?: boolean;
  timeoutMs?: number;
  retry?: RetryOptions;
  sleep?: (ms: number) => Promise<void>;
  clock?: Pick<Clock, 'now'>;
}

export interface ArgoRolloutsProvider extends DeployProvider {
  readonly provider: 'argo-rollouts';
  readonly namespaces: readonly string[];
  /** close kept-alive connections to the API server */
  dispose(): void;
}

const API = '/apis/argoproj.io/v1alpha1/namespaces';
const MERGE_PATCH = 'application/merge-patch+json';
const PAGE = 250;
const MAX_PAGES = 40;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

/**
 * Argo Rollouts through the Kubernetes API. Reads list the Rollouts of the workspace's namespaces;
 * actions send the merge patches `kubectl argo rollouts` sends, to the status subresource first and
 * to the main resource when the CRD has none (404), and answer the object the server then holds.
 */
export function createArgoRolloutsProvider(options: ArgoRolloutsOptions): ArgoRolloutsProvider {
  const { connection } = options;
  const namespaces = options.namespaces?.length ? [...options.namespaces] : [connection.namespace ?? 'default'];
  for (const ns of namespaces) {
    if (!DNS_LABEL.test(ns)) throw new RingsideError('bad_request', `"${ns.slice(0, 80)}" is not a Kubernetes namespace name.`);
  }
  const agent = connectionAgent(connection, options.allowInsecureTls ?? false);
  const credential = connection.token ? 'the token' : connection.clientCert ? 'the client certificate' : 'an anonymous request';
  const client = createHttpClient({
    service: SERVICE,
    baseUrl: connection.server,
    timeoutMs: options.timeoutMs,
    retry: options.retry,
    sleep: options.sleep,
    agent,
    headers: (): Record<string, string> => (connection.token ? { authorization: `Bearer ${connection.token.trim()}` } : {}),
    explain: explainKubeError(credential),
  });
  const now = () => (options.clock ?? Date).now();

  function pathOf(ref: RolloutRef, subresource = ''): string {
    if (typeof ref?.namespace !== 'string' || typeof ref?.name !== 'string') {
      throw new RingsideError('bad_request', 'A rollout is named by its namespace and name.');
    }
    if (!namespaces.includes(ref.namespace)) {
      throw new RingsideError(
        'forbidden',
        `Namespace "${ref.namespace.slice(0, 80)}" is not one of this workspace's namespaces (${namespaces.join(', ')}); Ringside acts only there.`,
      );
    }
    if (!DNS_SUBDOMAIN.test(ref.name)) throw new RingsideError('bad_request', `"${ref.name.slice(0, 80)}" is not a Kubernetes object name.`);
    return `${API}/${ref.namespace}/rollouts/${ref.name}${subresource}`;
  }

  function read(body: unknown, what: string): KubeRollout {
    const parsed = KubeRollout.safeParse(body);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    throw new RingsideError(
      'bad_response',
      `${SERVICE} answered ${what} with an object Ringside cannot read as an Argo Rollout (${issue?.path.join('.') || 'body'}: ${issue?.message}).`,
    );
  }

  async function getRaw(ref: RolloutRef): Promise<KubeRollout> {
    return read(await client.json({ path: pathOf(ref) }), `rollout ${ref.namespace}/${ref.name}`);
  }

  async function patch(ref: RolloutRef, body: unknown, subresource: '' | '/status'): Promise<KubeRollout> {
    // Every patch sets absolute values, so sending it twice after a 5xx does no harm.
    const answer = await client.json({ method: 'PATCH', path: pathOf(ref, subresource), body, contentType: MERGE_PATCH, idempotent: true });
    return read(answer, `the patch of ${ref.namespace}/${ref.name}`);
  }

  /** The plugin's order: status subresource first; on 404 the unified patch to the main resource. */
  async function apply(ref: RolloutRef, object: KubeRollout | null, patches: Patches): Promise<Rollout> {
    let result = object;
    let specPatch = patches.spec;
    if (patches.status !== null) {
      try {
        result = await patch(ref, patches.status, '/status');
      } catch (error) {
        if (!(error instanceof RingsideError && error.code === 'not_found')) throw error;
        specPatch = patches.unified;
      }
    }
    if (specPatch !== null) result = await patch(ref, specPatch, '');
    return toRollout(result ?? (await getRaw(ref)), now());
  }

  async function listNamespace(namespace: string): Promise<KubeRollout[]> {
    const out: KubeRollout[] = [];
    let token: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const query = new URLSearchParams({ limit: String(PAGE), ...(token ? { continue: token } : {}) });
      const parsed = KubeRolloutList.safeParse(await client.json({ path: `${API}/${namespace}/rollouts?${query.toString()}` }));
      if (!parsed.success) throw new RingsideError('bad_response', `${SERVICE} answered the rollouts of namespace ${namespace} with something that is not a RolloutList.`);
      for (const item of parsed.data.items ?? []) out.push(read(item, `a rollout in namespace ${namespace}`));
      token = parsed.data.metadata?.continue || undefined;
      if (!token) return out;
    }
    throw new RingsideError('bad_response', `Namespace ${namespace} holds more than ${PAGE * MAX_PAGES} rollouts; Ringside reads at most that many.`);
  }

  return {
    provider: 'argo-rollouts',
    namespaces,
    async listRollouts() {
      const lists = await Promise.all(namespaces.map(listNamespace));
      const at = now();
      return lists.flat().map((object) => toRollout(object, at));
    },
    async getRollout(ref) {
      return toRollout(await getRaw(ref), now());
    },
    async promote(ref) {
      const object = await getRaw(ref);
      return apply(ref, object, promotePatches(object));
    },
    async promoteFull(ref) {
      const object = await getRaw(ref);
      return apply(ref, object, promoteFullPatches(object));
    },
    async abort(ref) {
      const body = { status: { abort: true } };
      return apply(ref, null, { spec: null, status: body, unified: body });
    },
    async retry(ref) {
      const body = { status: { abort: false } };
      return apply(ref, null, { spec: null, status: body, unified: body });
    },
    async pause(ref) {
      return toRollout(await patch(ref, { spec: { paused: true } }, ''), now());
    },
    dispose() {
      agent?.destroy();
    },
  };
}
