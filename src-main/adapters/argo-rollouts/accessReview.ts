import { z } from 'zod';
import type { Capability, CapabilityCheck } from '../../../src-shared/domain/governance';
import { RingsideError } from '../../../src-shared/ipc/result';
import type { HttpClient } from '../http/httpClient';
import { clipUpstream } from '../http/redact';
import { mapLimit } from '../unleash/mapLimit';
import { SERVICE } from './kubeErrors';

const REVIEWS = '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews';
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
/** reviews in flight at once: enough to be quick over many namespaces, few enough not to be throttled */
const CONCURRENCY = 4;

/** One thing to ask the API server about, and which of Ringside's actions need it. */
export interface AccessQuestion {
  capability: Capability;
  verb: string;
  group: string;
  resource: string;
  subresource?: string;
  /** why Ringside needs it, for the reason beside a disabled control */
  needs: string;
}

/**
 * What Ringside's deploy actions send (promotePatches.ts, installTemplate.ts, rolloutApprovals.ts):
 * pause, a promote of a spec-paused rollout and the approval annotations patch the Rollout itself;
 * promote, promote --full, abort and retry patch its status subresource (Argo Rollouts ≥ 0.10), which
 * RBAC grants separately as rollouts/status; a gate creates an AnalysisTemplate.
 */
export const ACCESS_QUESTIONS: readonly AccessQuestion[] = [
  { capability: 'rollouts.patch', verb: 'patch', group: 'argoproj.io', resource: 'rollouts', needs: 'pause, unpause and the approval annotations patch the Rollout' },
  {
    capability: 'rollouts.patch',
    verb: 'patch',
    group: 'argoproj.io',
    resource: 'rollouts',
    subresource: 'status',
    needs: 'promote, promote --full, abort and retry patch its status subresource',
  },
  { capability: 'analysistemplates.create', verb: 'create', group: 'argoproj.io', resource: 'analysistemplates', needs: 'installing a gate creates an AnalysisTemplate' },
];

/** A permission as `kubectl auth can-i` names it, as kubeErrors.ts names a 403's: "patch rollouts.argoproj.io", "patch rollouts.argoproj.io/status". */
export const permissionName = (q: Pick<AccessQuestion, 'verb' | 'group' | 'resource' | 'subresource'>) =>
  `${q.verb} ${q.resource}${q.group ? `.${q.group}` : ''}${q.subresource ? `/${q.subresource}` : ''}`;

const ReviewStatus = z.looseObject({
  status: z
    .looseObject({
      allowed: z.boolean(),
      denied: z.boolean().optional(),
      reason: z.string().optional(),
      evaluationError: z.string().optional(),
    })
    .optional(),
});

type Answer = { kind: 'allowed' } | { kind: 'denied'; words: string } | { kind: 'unknown'; words: string };

const whereOf = (namespace: string) => (namespace ? `in namespace ${namespace}` : 'in every namespace');
const whatOf = (q: AccessQuestion) => `"${q.verb}" on ${q.resource}${q.subresource ? `/${q.subresource}` : ''} (API group ${q.group})`;

/** Asks one question; a review the server will not answer (403, 404, an unreadable answer) leaves it unknown, said in words. */
async function ask(client: HttpClient, namespace: string, q: AccessQuestion): Promise<Answer> {
  const body = {
    apiVersion: 'authorization.k8s.io/v1',
    kind: 'SelfSubjectAccessReview',
    spec: { resourceAttributes: { namespace, verb: q.verb, group: q.group, resource: q.resource, ...(q.subresource ? { subresource: q.subresource } : {}) } },
  };
  let answer: unknown;
  try {
    // Creating a review changes nothing on the server: safe to send again.
    answer = await client.json({ method: 'POST', path: REVIEWS, body, idempotent: true });
  } catch (error) {
    if (!(error instanceof RingsideError) || !['forbidden', 'not_found', 'bad_response'].includes(error.code)) throw error;
    return { kind: 'unknown', words: `Ringside could not check ${whatOf(q)} ${whereOf(namespace)}, so the cluster decides when the action is sent. ${error.message}` };
  }
  const status = ReviewStatus.safeParse(answer).data?.status;
  if (!status) return { kind: 'unknown', words: `${SERVICE} answered the SelfSubjectAccessReview for ${whatOf(q)} without a status; the cluster still decides when the action is sent.` };
  if (status.allowed) return { kind: 'allowed' };
  const said = [status.reason, status.evaluationError].filter((s): s is string => Boolean(s?.trim())).map(clipUpstream);
  const words =
    `${SERVICE} ${status.denied ? 'denies' : 'does not allow'} ${whatOf(q)} ${whereOf(namespace)}: ${q.needs}. ` +
    `Ask for a Role (or ClusterRole) granting ${whatOf(q)} there.` +
    (said.length ? ` The cluster said: ${said.join('; ')}` : '');
  return { kind: 'denied', words };
}

/**
 * Per namespace, what the credentials may do, asked with one SelfSubjectAccessReview per
 * (namespace, verb/resource) and a few at a time. A capability is allowed when every question it
 * needs is; its reason then is null, else the first refusal in words. '*' asks for every namespace.
 * Failures that say nothing about permissions (401, unreachable, throttled) fail the whole check.
 */
export async function reviewAccess(client: HttpClient, namespaces: readonly string[]): Promise<CapabilityCheck[]> {
  const scopes = [...new Set(namespaces)];
  for (const ns of scopes) {
    if (ns !== '*' && !DNS_LABEL.test(ns)) throw new RingsideError('bad_request', `"${String(ns).slice(0, 80)}" is not a Kubernetes namespace name.`);
  }
  const pairs = scopes.flatMap((scope) => ACCESS_QUESTIONS.map((question) => ({ scope, question })));
  const answers = await mapLimit(pairs, CONCURRENCY, ({ scope, question }) => ask(client, scope === '*' ? '' : scope, question));
  const capabilities = [...new Set(ACCESS_QUESTIONS.map((q) => q.capability))];
  return scopes.flatMap((scope) =>
    capabilities.map((capability): CapabilityCheck => {
      const asked = pairs.map((p, i) => ({ ...p, answer: answers[i]! })).filter((p) => p.scope === scope && p.question.capability === capability);
      const refused = asked.find((p) => p.answer.kind === 'denied') ?? asked.find((p) => p.answer.kind === 'unknown');
      const answer = refused?.answer;
      return {
        capability,
        scope,
        // Unknown is not a refusal: the control stays usable, with the reason beside it, and the server decides.
        allowed: answer?.kind !== 'denied',
        reason: answer && answer.kind !== 'allowed' ? answer.words : null,
        permission: permissionName((refused ?? asked[0]!).question),
      };
    }),
  );
}
