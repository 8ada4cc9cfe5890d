import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { withFreePort } from '../ports.js';
import { ContractError, createChangeRequestStore, holds, permissionError, type Caller, type ChangeRequest } from './changeRequestStore.js';

/**
 * An Unleash change-request contract server: Unleash Enterprise's change-request API in front of a
 * real open-source Unleash, which has none. The shapes follow Unleash's public API documentation and
 * the types its frontend uses (see changeRequestStore.ts). Everything else is forwarded untouched.
 *
 * - Identities are real: the caller's Authorization is sent to the real Unleash's GET /api/admin/user,
 *   so two personal access tokens of two real users are two people, with their real permissions.
 *   (Chosen over a header naming the identity: Ringside sends nothing but its token, and the users'
 *   roles decide who may approve, as they do in Enterprise.)
 * - The endpoints answered here: GET …/projects/{p}/change-requests/config, …/pending and …/{id};
 *   POST …/projects/{p}/environments/{env}/change-requests (`{ feature, action: "updateEnabled",
 *   payload: { enabled } }`, or an array of them); PUT …/change-requests/{id}/state (`{ state }`).
 * - For an environment that requires change requests, a direct on/off or strategy change answers 403
 *   with the body the open-source 7.5 server gives for it (PermissionError naming SKIP_CHANGE_REQUEST),
 *   unless the caller holds ADMIN or SKIP_CHANGE_REQUEST there, which is Unleash's own exemption.
 * - Applying performs the change on the real Unleash with this server's admin token.
 */

export interface ProtectedEnvironment {
  project: string;
  environment: string;
  requiredApprovals?: number;
}

export interface StartChangeRequestServerOptions {
  /** the real Unleash, e.g. http://127.0.0.1:4242 */
  upstream: string;
  /** an admin token of the real Unleash: used to apply approved changes and to check flags exist */
  adminToken: string;
  protect: ProtectedEnvironment[];
}

export interface ChangeRequestServer {
  url: string;
  /** every change request held, for a test's own assertions */
  requests(): ChangeRequest[];
  stop(): Promise<void>;
}

const CR = /^\/api\/admin\/projects\/([^/]+)\/change-requests(?:\/(config|pending|\d+)(\/state)?)?$/;
const ADD = /^\/api\/admin\/projects\/([^/]+)\/environments\/([^/]+)\/change-requests$/;
const DIRECT = /^\/api\/admin\/projects\/([^/]+)\/features\/[^/]+\/environments\/([^/]+)\/(on|off|strategies(?:\/.*)?)$/;

export async function startChangeRequestServer(options: StartChangeRequestServerOptions): Promise<ChangeRequestServer> {
  const upstream = options.upstream.replace(/\/+$/, '');
  const store = createChangeRequestStore();
  const rule = (project: string, environment: string) => options.protect.find((p) => p.project === project && p.environment === environment);

  async function callUpstream(method: string, path: string, authorization: string | undefined, body?: string) {
    const res = await fetch(`${upstream}${path}`, {
      method,
      headers: { accept: 'application/json', ...(authorization ? { authorization } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body || undefined,
    });
    return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
  }

  /** The caller as the real Unleash sees its token; an answer other than 200 is relayed as it came. */
  async function callerOf(req: IncomingMessage): Promise<Caller> {
    const me = await callUpstream('GET', '/api/admin/user', req.headers.authorization);
    if (me.status !== 200) throw new Relay(me.status, me.text);
    const { user, permissions } = JSON.parse(me.text) as { user: { id?: number; username?: string; email?: string }; permissions: Caller['permissions'] };
    if (typeof user.id !== 'number') throw new ContractError(403, 'ForbiddenError', 'Change requests are made by people: use a personal access token.');
    return { id: user.id, username: user.username ?? user.email ?? `user ${user.id}`, permissions };
  }

  async function environmentsOf(project: string, authorization: string | undefined): Promise<{ name: string; type: string }[]> {
    const answer = await callUpstream('GET', `/api/admin/environments/project/${encodeURIComponent(project)}`, authorization);
    if (answer.status !== 200) throw new Relay(answer.status, answer.text);
    return (JSON.parse(answer.text) as { environments: { name: string; type: string }[] }).environments;
  }

  async function apply(cr: ChangeRequest): Promise<void> {
    for (const feature of cr.features) {
      for (const change of feature.changes) {
        const enabled = (change.payload as { enabled?: unknown } | null)?.enabled;
        if (change.action !== 'updateEnabled' || typeof enabled !== 'boolean') continue;
        const path = `/api/admin/projects/${encodeURIComponent(cr.project)}/features/${encodeURIComponent(feature.name)}/environments/${encodeURIComponent(cr.environment)}/${enabled ? 'on' : 'off'}`;
        const done = await callUpstream('POST', path, options.adminToken);
        if (done.status >= 300) throw new ContractError(409, 'ConflictError', `Applying the change to ${feature.name} failed: Unleash answered ${done.status}.`);
      }
    }
  }

  async function route(req: IncomingMessage, body: string): Promise<{ status: number; json: unknown } | null> {
    const path = new URL(req.url ?? '/', 'http://contract').pathname;
    const method = req.method ?? 'GET';
    const auth = req.headers.authorization;
    const cr = CR.exec(path);
    if (cr) {
      const project = decodeURIComponent(cr[1] as string);
      const [, , what, state] = cr;
      if (method === 'GET' && what === 'config') {
        const envs = await environmentsOf(project, auth);
        return {
          status: 200,
          json: envs.map((e) => ({
            environment: e.name,
            type: e.type,
            changeRequestEnabled: Boolean(rule(project, e.name)),
            requiredApprovals: rule(project, e.name)?.requiredApprovals ?? 1,
          })),
        };
      }
      const caller = await callerOf(req);
      if (method === 'GET' && what === 'pending') return { status: 200, json: store.pending(project, caller) };
      if (method === 'GET' && what && /^\d+$/.test(what) && !state) return { status: 200, json: store.get(project, Number(what), caller) };
      if (method === 'PUT' && what && state) {
        const next = (JSON.parse(body || '{}') as { state?: unknown }).state;
        return { status: 200, json: await store.transition(project, Number(what), caller, String(next), apply) };
      }
      return null;
    }
    const add = ADD.exec(path);
    if (add && method === 'POST') {
      const [project, environment] = [decodeURIComponent(add[1] as string), decodeURIComponent(add[2] as string)];
      const caller = await callerOf(req);
      const protection = rule(project, environment);
      if (!protection) throw new ContractError(400, 'BadDataError', `Change requests are not enabled for ${environment} in project ${project}.`);
      if (!holds(caller, 'UPDATE_FEATURE_ENVIRONMENT', project, environment)) throw permissionError('UPDATE_FEATURE_ENVIRONMENT');
      const changes = [JSON.parse(body || 'null')].flat() as { feature?: unknown; action?: unknown; payload?: unknown }[];
      let draft: ChangeRequest | undefined;
      for (const change of changes) {
        if (change?.action !== 'updateEnabled' || typeof change.feature !== 'string') {
          throw new ContractError(400, 'BadDataError', 'This contract server takes only { feature, action: "updateEnabled", payload: { enabled } } changes.');
        }
        const exists = await callUpstream('GET', `/api/admin/projects/${encodeURIComponent(project)}/features/${encodeURIComponent(change.feature)}`, options.adminToken);
        if (exists.status === 404) throw new ContractError(404, 'NotFoundError', `Could not find feature flag ${change.feature} in project ${project}.`);
        draft = store.addChange(project, environment, caller, protection.requiredApprovals ?? 1, { feature: change.feature, action: change.action, payload: change.payload });
      }
      return draft ? { status: 200, json: draft } : null;
    }
    const direct = DIRECT.exec(path);
    if (direct && method !== 'GET') {
      const [project, environment] = [decodeURIComponent(direct[1] as string), decodeURIComponent(direct[2] as string)];
      if (rule(project, environment) && !holds(await callerOf(req), 'SKIP_CHANGE_REQUEST', project, environment)) {
        // The open-source 7.5 feature service's answer: no `permissions` array, unlike its route checks.
        const { id: _id, permissions: _p, ...body7 } = permissionError('SKIP_CHANGE_REQUEST').body();
        return { status: 403, json: body7 };
      }
    }
    return null;
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      void (async () => {
        try {
          const answered = await route(req, body);
          if (answered) return send(res, answered.status, JSON.stringify(answered.json));
          const forwarded = await callUpstream(req.method ?? 'GET', req.url ?? '/', req.headers.authorization, body);
          send(res, forwarded.status, forwarded.text, forwarded.type);
        } catch (error) {
          if (error instanceof Relay) return send(res, error.status, error.text);
          if (error instanceof ContractError) return send(res, error.status, JSON.stringify(error.body()));
          send(res, 500, JSON.stringify({ name: 'InternalError', message: `contract server: ${(error as Error).message}` }));
        }
      })();
    });
  });

  const port = await withFreePort(
    (candidate) =>
      new Promise<number>((resolve, reject) => {
        server.once('error', reject);
        server.listen(candidate, '127.0.0.1', () => resolve(candidate));
      }),
  );
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => store.all(),
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** An upstream answer passed back to the caller as it came (a 401 for a bad token, say). */
class Relay extends Error {
  constructor(
    readonly status: number,
    readonly text: string,
  ) {
    super(`upstream answered ${status}`);
  }
}

function send(res: ServerResponse, status: number, text: string, type: string | null = 'application/json; charset=utf-8'): void {
  res.writeHead(status, { 'content-type': type ?? 'application/json; charset=utf-8' });
  res.end(status === 204 ? undefined : text);
}
