import { RingsideError } from '../../../src-shared/ipc/result';
import type { ActedRollout, Clock, DeployProvider, RolloutRef } from '../../core/ports';
import { createHttpClient } from '../http/httpClient';
import type { RetryOptions } from '../http/retryPolicy';
import { analysisAccess } from './analysisAccess';
import { deployGovernance } from './deployGovernance';
import { connectionAgent, type KubeConnection } from './kubeConnection';
import { explainKubeError, SERVICE } from './kubeErrors';
import { NOT_PICKED_UP, readUntilFresh, type FreshnessOptions } from './freshStatus';
import { KubeRollout } from './kubeSchemas';
import { listRolloutsIn } from './listRollouts';
import { promoteFullPatches, promotePatches, type Patches } from './promotePatches';
import { toRollout } from './toRollout';

export interface ArgoRolloutsOptions {
  connection: KubeConnection;
  /** where to look for Rollouts; every namespace the credentials may read when absent or empty */
  namespaces?: string[];
  timeoutMs?: number;
  retry?: RetryOptions;
  sleep?: (ms: number) => Promise<void>;
  clock?: Pick<Clock, 'now'>;
  /** how long an action reads back for the controller's answer */
  freshness?: FreshnessOptions;
}

export interface ArgoRolloutsProvider extends DeployProvider {
  readonly provider: 'argo-rollouts';
  /** the workspace's namespaces; empty when it lists every namespace it may read */
  readonly namespaces: readonly string[];
  /** close kept-alive connections to the API server */
  dispose(): void;
}

const API = '/apis/argoproj.io/v1alpha1/namespaces';
const MERGE_PATCH = 'application/merge-patch+json';
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

/**
 * Argo Rollouts through the Kubernetes API. Reads list the Rollouts of the workspace's namespaces;
 * actions send the merge patches `kubectl argo rollouts` sends, to the status subresource first and
 * to the main resource when the CRD has none (404), then read back until the controller has
 * observed the change, and answer that (marked unconfirmed when it does not in time).
 */
export function createArgoRolloutsProvider(options: ArgoRolloutsOptions): ArgoRolloutsProvider {
  const { connection } = options;
  const namespaces = options.namespaces?.length ? [...options.namespaces] : [];
  for (const ns of namespaces) {
    if (!DNS_LABEL.test(ns)) throw new RingsideError('bad_request', `"${ns.slice(0, 80)}" is not a Kubernetes namespace name.`);
  }
  const agent = connectionAgent(connection);
  const credential = connection.token ? 'the token' : connection.clientCert ? 'the client certificate' : 'an anonymous request';
  const http = {
    service: SERVICE,
    baseUrl: connection.server,
    timeoutMs: options.timeoutMs,
    retry: options.retry,
    sleep: options.sleep,
    agent,
    headers: (): Record<string, string> => (connection.token ? { authorization: `Bearer ${connection.token.trim()}` } : {}),
  };
  const client = createHttpClient({ ...http, explain: explainKubeError(credential) });
  const now = () => (options.clock ?? Date).now();

  function pathOf(ref: RolloutRef, subresource = ''): string {
    if (typeof ref?.namespace !== 'string' || typeof ref?.name !== 'string') {
      throw new RingsideError('bad_request', 'A rollout is named by its namespace and name.');
    }
    if (!DNS_LABEL.test(ref.namespace)) throw new RingsideError('bad_request', `"${ref.namespace.slice(0, 80)}" is not a Kubernetes namespace name.`);
    if (namespaces.length > 0 && !namespaces.includes(ref.namespace)) {
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
  async function send(ref: RolloutRef, patches: Patches): Promise<KubeRollout | null> {
    let result: KubeRollout | null = null;
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
    return result;
  }

  /** Sends the patches, then reads back until the controller has answered them. */
  async function act(ref: RolloutRef, patchesOf: (object: KubeRollout) => Patches): Promise<ActedRollout> {
    const before = await getRaw(ref);
    const written = (await send(ref, patchesOf(before))) ?? before;
    const read = await readUntilFresh(() => getRaw(ref), written, before, options.freshness);
    const rollout = toRollout(read.object, now());
    return read.fresh ? rollout : { ...rollout, unconfirmed: NOT_PICKED_UP };
  }

  const listDetailed = () =>
    listRolloutsIn({ namespaces, fallbackNamespace: connection.namespace ?? 'default' }, (path) => client.json({ path }), now);

  const unified = (body: unknown): Patches => ({ spec: null, status: body, unified: body });

  return {
    provider: 'argo-rollouts',
    namespaces,
    async listRollouts() {
      return (await listDetailed()).rollouts;
    },
    listRolloutsDetailed: listDetailed,
    async getRollout(ref) {
      return toRollout(await getRaw(ref), now());
    },
    promote: (ref) => act(ref, promotePatches),
    promoteFull: (ref) => act(ref, promoteFullPatches),
    abort: (ref) => act(ref, () => unified({ status: { abort: true } })),
    retry: (ref) => act(ref, () => unified({ status: { abort: false } })),
    pause: (ref) => act(ref, () => ({ spec: { spec: { paused: true } }, status: null, unified: null })),
    ...analysisAccess(client, (ref) => pathOf(ref), getRaw),
    governance: deployGovernance({ http, credential, client, pathOf: (ref) => pathOf(ref), namespaces, fallbackNamespace: connection.namespace ?? 'default', now }),
    dispose() {
      agent?.destroy();
    },
  };
}
