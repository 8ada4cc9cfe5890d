import { z } from 'zod';
import type { RolloutApproval } from '../../../src-shared/domain/governance';
import { RingsideError } from '../../../src-shared/ipc/result';
import type { DeployGovernance, RolloutRef } from '../../core/ports';
import type { HttpClient } from '../http/httpClient';
import { approvalOf, approvePatch, clearPatch, isValid, requestPatch, type AnnotatedRollout } from './approvalAnnotations';
import { SERVICE } from './kubeErrors';
import { listAllPages } from './kubePager';
import { KubeRollout } from './kubeSchemas';

const API = '/apis/argoproj.io/v1alpha1';
const MERGE_PATCH = 'application/merge-patch+json';
/** writes tried in all when the rollout keeps moving under them (the controller writes its status often) */
const ATTEMPTS = 3;

/** Only the metadata: an approval must be readable even where the rest of the object is not. */
const Meta = z.looseObject({ metadata: KubeRollout.shape.metadata });

export interface ApprovalOptions {
  /** the provider's client, whose errors speak of rollouts */
  client: HttpClient;
  /** the provider's path of a rollout, which refuses namespaces outside the workspace */
  pathOf: (ref: RolloutRef) => string;
  /** the workspace's namespaces; empty lists every namespace the credentials may read */
  namespaces: readonly string[];
  /** where to look when neither the cluster-wide list nor the namespace list may be read */
  fallbackNamespace: string;
  now: () => number;
}

type Approvals = Pick<DeployGovernance, 'approvals' | 'request' | 'approve' | 'validApproval' | 'clear'>;

function annotated(body: unknown): AnnotatedRollout | null {
  const meta = Meta.safeParse(body).data?.metadata;
  if (!meta) return null;
  return {
    ref: { namespace: meta.namespace, name: meta.name },
    generation: meta.generation ?? 0,
    resourceVersion: meta.resourceVersion,
    annotations: meta.annotations ?? {},
  };
}

const forbidden = (error: unknown) => error instanceof RingsideError && error.code === 'forbidden';
const conflict = (error: unknown) => error instanceof RingsideError && error.code === 'conflict';

/**
 * Rollout approvals kept as annotations (approvalAnnotations.ts). Every write is a JSON merge
 * patch of metadata.annotations carrying the resourceVersion it was decided on: when the rollout
 * moved on meanwhile (409) it is read again, the rules checked again, and the write tried again,
 * a few times; an approval goes through only for the very request first read.
 */
export function rolloutApprovals(options: ApprovalOptions): Approvals {
  const { client, pathOf, now } = options;

  async function read(ref: RolloutRef): Promise<AnnotatedRollout> {
    const object = annotated(await client.json({ path: pathOf(ref) }));
    if (!object) throw new RingsideError('bad_response', `${SERVICE} answered rollout ${ref.namespace}/${ref.name} with an object without readable metadata.`);
    return object;
  }

  /** Read, decide the patch (null: nothing to write), write it at that resourceVersion; again on 409. */
  async function update(ref: RolloutRef, what: string, decide: (rollout: AnnotatedRollout) => Record<string, unknown> | null): Promise<AnnotatedRollout> {
    for (let attempt = 1; ; attempt++) {
      const rollout = await read(ref);
      const patch = decide(rollout);
      if (patch === null) return rollout;
      try {
        const written = await client.json({ method: 'PATCH', path: pathOf(ref), body: patch, contentType: MERGE_PATCH, idempotent: false });
        return annotated(written) ?? (await read(ref));
      } catch (error) {
        if (!conflict(error)) throw error;
        if (attempt >= ATTEMPTS) {
          throw new RingsideError(
            'conflict',
            `${what} on rollout ${ref.namespace}/${ref.name} was not recorded: the rollout kept changing while Ringside wrote it (409 Conflict, ${ATTEMPTS} tries). Look at it again and retry.`,
          );
        }
      }
    }
  }

  const approvalAfter = (rollout: AnnotatedRollout, ref: RolloutRef, what: string) => {
    const approval = approvalOf(rollout);
    if (!approval) throw new RingsideError('conflict', `${what} on rollout ${ref.namespace}/${ref.name} was removed by someone else meanwhile.`);
    return approval;
  };

  /** The raw rollouts of the workspace, as the provider lists them: its namespaces, else the cluster, else namespace by namespace. */
  async function listRaw(): Promise<unknown[]> {
    const get = (path: string) => (query: string) => client.json({ path: query ? `${path}?${query}` : path });
    const inNamespace = async (ns: string) => (await listAllPages(get(`${API}/namespaces/${ns}/rollouts`), `the rollouts of namespace ${ns}`)).items;
    if (options.namespaces.length > 0) return (await Promise.all(options.namespaces.map(inNamespace))).flat();
    try {
      return (await listAllPages(get(`${API}/rollouts`), 'the rollouts of all namespaces')).items;
    } catch (error) {
      if (!forbidden(error)) throw error;
    }
    let candidates = [options.fallbackNamespace];
    try {
      const answer = (await client.json({ path: '/api/v1/namespaces' })) as { items?: { metadata?: { name?: unknown } }[] };
      candidates = (answer.items ?? []).map((i) => i.metadata?.name).filter((n): n is string => typeof n === 'string');
    } catch (error) {
      if (!forbidden(error)) throw error;
    }
    const items: unknown[] = [];
    for (const ns of candidates) items.push(...(await inNamespace(ns).catch((error: unknown) => (forbidden(error) ? [] : Promise.reject(error)))));
    return items;
  }

  return {
    async approvals() {
      const found: RolloutApproval[] = [];
      for (const item of await listRaw()) {
        const rollout = annotated(item);
        const approval = rollout && approvalOf(rollout);
        if (approval) found.push(approval);
      }
      return found.sort((a, b) => (`${a.rollout.namespace}/${a.rollout.name}` < `${b.rollout.namespace}/${b.rollout.name}` ? -1 : 1));
    },
    async request(ref, input) {
      const written = await update(ref, 'The approval request', (rollout) => requestPatch(rollout, input, now()));
      return approvalAfter(written, ref, 'The approval request');
    },
    async approve(ref, by) {
      let seen: RolloutApproval | null | undefined;
      const written = await update(ref, 'The approval', (rollout) => {
        const current = approvalOf(rollout);
        // On a retry after a 409, approve only the request first read, never one that replaced it.
        if (seen !== undefined && (current?.requestedBy !== seen?.requestedBy || current?.requestedAt !== seen?.requestedAt || current?.action !== seen?.action)) {
          throw new RingsideError('conflict', `The approval request on rollout ${ref.namespace}/${ref.name} was replaced while you approved it; look at the new request and approve that one if it is right.`);
        }
        seen = current;
        return approvePatch(rollout, by, now());
      });
      return approvalAfter(written, ref, 'The approval');
    },
    async validApproval(ref, action) {
      const approval = approvalOf(await read(ref));
      return isValid(approval, action) ? approval : null;
    },
    async clear(ref) {
      await update(ref, 'Clearing the approval', clearPatch);
    },
  };
}
