import { RingsideError } from '../../../src-shared/ipc/result';
import type { RolloutListing } from '../../core/ports';
import { listAllPages } from './kubePager';
import { KubeReplicaSet, KubeRollout } from './kubeSchemas';
import { toRollout } from './toRollout';

const API = '/apis/argoproj.io/v1alpha1';

export interface ListScope {
  /** the workspace's namespaces; empty lists every namespace the credentials may read */
  namespaces: readonly string[];
  /** where to look when listing across namespaces is forbidden and namespaces cannot be listed either */
  fallbackNamespace: string;
}

const clip = (s: string) => s.replace(/\s+/g, ' ').slice(0, 200);

function nameOf(item: unknown, namespace: string | null): { namespace: string; name: string } {
  const meta = (item as { metadata?: { name?: unknown; namespace?: unknown } } | null)?.metadata;
  return {
    namespace: typeof meta?.namespace === 'string' ? meta.namespace : (namespace ?? '?'),
    name: typeof meta?.name === 'string' ? meta.name : '(no name)',
  };
}

/** Reads each item on its own: one the schema or the mapping refuses is set aside with its reason. */
function readItems(
  items: unknown[],
  namespace: string | null,
  at: number,
  into: RolloutListing,
  replicaSetsOf: (namespace: string) => KubeReplicaSet[] | null,
) {
  for (const item of items) {
    const parsed = KubeRollout.safeParse(item);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      into.unreadable.push({ ...nameOf(item, namespace), reason: clip(`${issue?.path.join('.') || 'object'}: ${issue?.message ?? 'not a Rollout'}`) });
      continue;
    }
    try {
      into.rollouts.push(toRollout(parsed.data, at, replicaSetsOf(nameOf(item, namespace).namespace)));
    } catch (error) {
      into.unreadable.push({ ...nameOf(item, namespace), reason: clip(error instanceof Error ? error.message : String(error)) });
    }
  }
}

/** The namespaces the listed items are in. */
function namespacesOf(lists: { namespace: string | null; items: unknown[] }[]): string[] {
  return [...new Set(lists.flatMap((l) => l.items.map((item) => nameOf(item, l.namespace).namespace)))].filter((n) => n !== '?');
}

/**
 * The ReplicaSets of each namespace, one list a namespace, as the kubectl plugin reads a rollout's
 * revisions. A namespace whose ReplicaSets cannot be read leaves revisions and a basic canary's
 * actual weight unknown (null), with a notice, rather than failing the rollouts.
 */
async function replicaSetsIn(namespaces: string[], get: (path: string) => Promise<unknown>, notices: string[]) {
  const found = new Map<string, KubeReplicaSet[] | null>();
  await Promise.all(
    namespaces.map(async (namespace) => {
      try {
        const answer = (await get(`/apis/apps/v1/namespaces/${encodeURIComponent(namespace)}/replicasets`)) as { items?: unknown[] };
        found.set(
          namespace,
          (answer.items ?? []).flatMap((item) => {
            const parsed = KubeReplicaSet.safeParse(item);
            return parsed.success ? [parsed.data] : [];
          }),
        );
      } catch (error) {
        found.set(namespace, null);
        notices.push(
          `The ReplicaSets of namespace ${namespace} could not be read (${clip(error instanceof Error ? error.message : String(error))}); ` +
            'revisions, images and a basic canary\'s actual weight are shown as unknown.',
        );
      }
    }),
  );
  return (namespace: string) => found.get(namespace) ?? null;
}

const forbidden = (error: unknown) => error instanceof RingsideError && error.code === 'forbidden';

/**
 * Lists rollouts in the workspace's namespaces, or across the cluster when it names none. A 403 on
 * the cluster-wide list falls back to listing namespace by namespace (those the credentials may
 * list, else the kubeconfig's own), and says so.
 */
export async function listRolloutsIn(scope: ListScope, get: (path: string) => Promise<unknown>, now: () => number): Promise<RolloutListing> {
  const out: RolloutListing = { rollouts: [], unreadable: [], notices: [] };
  const page = (base: string, what: string) => listAllPages((q) => get(q ? `${base}?${q}` : base), what);
  const listNamespace = async (namespace: string) => {
    const list = await page(`${API}/namespaces/${namespace}/rollouts`, `the rollouts of namespace ${namespace}`);
    if (list.restarted) out.notices.push(`The list of namespace ${namespace} changed while it was paged; it was read again in full.`);
    return { namespace, items: list.items };
  };
  const readAll = async (lists: { namespace: string | null; items: unknown[] }[]) => {
    const replicaSetsOf = await replicaSetsIn(namespacesOf(lists), get, out.notices);
    const at = now();
    for (const l of lists) readItems(l.items, l.namespace, at, out, replicaSetsOf);
    return out;
  };

  if (scope.namespaces.length > 0) return readAll(await Promise.all(scope.namespaces.map(listNamespace)));
  try {
    const list = await page(`${API}/rollouts`, 'the rollouts of all namespaces');
    if (list.restarted) out.notices.push('The cluster-wide list changed while it was paged; it was read again in full.');
    return readAll([{ namespace: null, items: list.items }]);
  } catch (error) {
    if (!forbidden(error)) throw error;
  }
  let candidates: string[];
  try {
    const answer = (await get('/api/v1/namespaces')) as { items?: { metadata?: { name?: unknown } }[] };
    candidates = (answer.items ?? []).map((i) => i.metadata?.name).filter((n): n is string => typeof n === 'string');
  } catch (error) {
    if (!forbidden(error)) throw error;
    candidates = [scope.fallbackNamespace];
  }
  const lists: { namespace: string; items: unknown[] }[] = [];
  const denied: string[] = [];
  for (const namespace of candidates) {
    try {
      lists.push(await listNamespace(namespace));
    } catch (error) {
      if (!forbidden(error)) throw error;
      denied.push(namespace);
    }
  }
  out.notices.push(
    `These credentials may not list rollouts across all namespaces (403), so Ringside listed them namespace by namespace: ` +
      `${lists.map((l) => l.namespace).join(', ') || 'none readable'}` +
      (denied.length ? `; not readable: ${denied.join(', ')}` : '') +
      `. Name the namespaces in the workspace's deploy section, or grant a ClusterRole allowing "list" on rollouts.`,
  );
  return readAll(lists);
}
