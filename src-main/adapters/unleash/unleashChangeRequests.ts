import { z } from 'zod';
import { ChangeRequestState, type FlagChangeRequest } from '../../../src-shared/domain/governance';
import { RingsideError } from '../../../src-shared/ipc/result';
import type { FlagChangeRequests } from '../../core/ports/governance';
import type { HttpClient } from '../http/httpClient';
import { isStatus, parseAs, readAs } from './unleashErrors';

/**
 * Unleash Enterprise's change requests (the open-source server answers 404 on all of them), as its
 * public API and its own frontend use them: a change is added to its author's Draft for the project
 * and environment (POST …/environments/{env}/change-requests), the author submits the draft
 * (state "In review"), someone else approves it ("Approved"), and it is applied ("Applied").
 */

const Person = z.object({ id: z.number().nullish(), username: z.string().nullish(), email: z.string().nullish(), name: z.string().nullish() });
type Person = z.infer<typeof Person>;

export const UnleashChangeRequest = z.object({
  id: z.union([z.number(), z.string()]),
  environment: z.string(),
  state: ChangeRequestState,
  createdBy: Person.nullish(),
  createdAt: z.string().nullish(),
  features: z
    .array(z.object({ name: z.string(), changes: z.array(z.object({ action: z.string(), payload: z.unknown().nullish() })) }))
    .nullish(),
  approvals: z.array(z.object({ createdBy: Person.nullish() })).nullish(),
});
export type UnleashChangeRequest = z.infer<typeof UnleashChangeRequest>;

/** How Unleash names a person; the same order as identityOf, so a requester can be recognised. */
const nameOf = (p: Person | null | undefined) => p?.username || p?.email || p?.name || (p?.id != null ? `user #${p.id}` : 'unknown');

const enabledOf = (payload: unknown) =>
  typeof payload === 'object' && payload !== null && typeof (payload as { enabled?: unknown }).enabled === 'boolean'
    ? (payload as { enabled: boolean }).enabled
    : null;

/**
 * A change request as Ringside shows it: the on/off change it holds (for `flag` when given; a draft
 * may hold more changes), or null when it holds none (strategy or variant changes made in Unleash).
 */
export function toFlagChangeRequest(cr: UnleashChangeRequest, flag?: string): FlagChangeRequest | null {
  const toggles = (cr.features ?? []).flatMap((f) =>
    f.changes.filter((c) => c.action === 'updateEnabled').map((c) => ({ flag: f.name, enabled: enabledOf(c.payload) })),
  );
  const change = toggles.find((t) => t.flag === flag && t.enabled !== null) ?? toggles.find((t) => t.enabled !== null);
  if (!change || change.enabled === null) return null;
  const at = cr.createdAt ? Date.parse(cr.createdAt) : NaN;
  return {
    id: String(cr.id),
    flag: change.flag,
    environment: cr.environment,
    enabled: change.enabled,
    state: cr.state,
    requestedBy: nameOf(cr.createdBy),
    requestedAt: Number.isFinite(at) ? at : null,
    approvedBy: (cr.approvals ?? []).map((a) => nameOf(a.createdBy)),
  };
}

export function createUnleashChangeRequests(client: HttpClient, project: string): FlagChangeRequests {
  const p = encodeURIComponent(project);
  const base = `/api/admin/projects/${p}/change-requests`;
  let availability: Promise<boolean> | null = null;

  /** Probed once: a 404 on the pending list means no change-request API; a failure is not remembered. */
  function available(): Promise<boolean> {
    availability ??= client.json({ path: `${base}/pending` }).then(
      () => true,
      (error: unknown) => {
        if (isStatus(error, 'not_found')) return false;
        // 403: the API exists, these credentials may not list it; each action will say why.
        if (isStatus(error, 'forbidden')) return true;
        availability = null;
        throw error;
      },
    );
    return availability;
  }

  async function requireApi(): Promise<void> {
    if (!(await available())) {
      throw new RingsideError(
        'not_found',
        'This Unleash server has no change requests (they are part of Unleash Enterprise); a change where they are required can only be made there.',
      );
    }
  }

  const one = async (id: string) => readAs(client, { path: `${base}/${encodeURIComponent(id)}` }, UnleashChangeRequest);

  /** PUT …/state; Unleash answers with the change request, or this reads it back when the answer is empty. */
  async function moveTo(id: string, state: ChangeRequestState): Promise<UnleashChangeRequest> {
    const path = `${base}/${encodeURIComponent(id)}/state`;
    let text: string;
    try {
      text = await (await client.send({ method: 'PUT', path, body: { state } })).text();
    } catch (error) {
      throw refused(error, id, state);
    }
    const parsed = text.trim() ? UnleashChangeRequest.safeParse(safeJson(text)) : null;
    return parsed?.success ? parsed.data : one(id);
  }

  function shown(cr: UnleashChangeRequest, flag?: string): FlagChangeRequest {
    const mapped = toFlagChangeRequest(cr, flag);
    if (!mapped) throw new RingsideError('bad_response', `Unleash change request ${cr.id} holds no on/off change Ringside can show.`);
    return mapped;
  }

  return {
    available,
    async create({ flag, environment, enabled }) {
      await requireApi();
      const path = `/api/admin/projects/${p}/environments/${encodeURIComponent(environment)}/change-requests`;
      const draft = await readAs(client, { method: 'POST', path, body: { feature: flag, action: 'updateEnabled', payload: { enabled } } }, UnleashChangeRequest);
      // A draft is private to its author: submitting it is what lets a second person see and approve it.
      const submitted = draft.state === 'Draft' ? await moveTo(String(draft.id), 'In review') : draft;
      return shown(submitted, flag);
    },
    async pending() {
      await requireApi();
      const answer = parseAs(await client.json({ path: `${base}/pending` }), z.array(UnleashChangeRequest), `${base}/pending`);
      return answer
        .map((cr) => toFlagChangeRequest(cr))
        .filter((cr): cr is FlagChangeRequest => cr !== null)
        .sort((a, b) => (a.requestedAt ?? 0) - (b.requestedAt ?? 0) || a.id.localeCompare(b.id, 'en', { numeric: true }));
    },
    async setState(id, state) {
      await requireApi();
      return shown(await moveTo(id, state));
    },
  };
}

const safeJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
};

/** A refused state change in words: approving one's own request is the refusal people meet most. */
function refused(error: unknown, id: string, state: ChangeRequestState): unknown {
  if (!(error instanceof RingsideError)) return error;
  if (error.code === 'not_found') return new RingsideError('not_found', `Unleash has no change request ${id} in this project.`);
  if (error.code !== 'forbidden' && error.code !== 'conflict' && error.code !== 'bad_response') return error;
  const hint =
    state === 'Approved'
      ? ' The person who requested a change cannot approve it: someone else with the approve permission must.'
      : state === 'Applied'
        ? ' A change request is applied once it is approved, by someone with the apply permission.'
        : '';
  // The server's own words (already reduced to its `message` field by the HTTP client) rather than the generic 403 advice.
  const upstream = (error as { upstream?: { text?: unknown } | null }).upstream?.text;
  const said = typeof upstream === 'string' && upstream ? `Unleash said: ${upstream}` : error.message;
  return new RingsideError(error.code, `Unleash refused to move change request ${id} to "${state}".${hint} ${said}`, null, error.permission);
}
