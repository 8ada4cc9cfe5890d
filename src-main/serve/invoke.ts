import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Core } from '../core/createCore';
import { sendError, sendJson } from './reply';

/** The workspace a page works in (its own ?workspace= address), sent with every call; absent: the default one. */
export const WORKSPACE_HEADER = 'x-ringside-workspace';
const WORKSPACE_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
export const INVOKE = '/api/invoke/';

/** null: the default workspace; undefined: not a workspace id. */
export function workspaceScope(raw: string | string[] | null | undefined): string | null | undefined {
  if (raw === undefined || raw === null || raw === '') return null;
  return typeof raw === 'string' && WORKSPACE_ID.test(raw) ? raw : undefined;
}

/**
 * POST /api/invoke/<channel>: every step that decodes what the client sent (content type, the
 * channel's percent-encoding, the body's size and JSON, the scope header) answers a JSON error
 * here, before the core sees anything.
 */
export async function invoke(core: Core, req: IncomingMessage, res: ServerResponse, encoded: string, maxBody: number): Promise<void> {
  if (req.method !== 'POST') return sendError(res, 405, 'bad_request', 'request: use POST for /api/invoke', { allow: 'POST' });
  // Only JSON: a form or text/plain POST (what a page of another site could send) is refused.
  const type = req.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') return sendError(res, 415, 'bad_request', 'request: send the payload as application/json');
  let channel: string;
  try {
    channel = decodeURIComponent(encoded);
  } catch {
    return sendError(res, 400, 'bad_request', `channel: "${encoded.slice(0, 80)}" is not a valid channel name (bad percent-encoding)`);
  }
  const scope = workspaceScope(req.headers[WORKSPACE_HEADER]);
  if (scope === undefined) return sendError(res, 400, 'bad_request', `${WORKSPACE_HEADER}: must be a workspace id (lowercase letters, digits and dashes)`);
  // A declared length over the cap is refused before a byte of the body is read.
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > maxBody) return tooLarge(res, maxBody);
  const body = await readBody(req, maxBody);
  if (body === 'too-large') return tooLarge(res, maxBody);
  if (body === 'aborted') return;
  let payload: unknown;
  try {
    payload = body.length ? JSON.parse(body) : {};
  } catch {
    return sendError(res, 400, 'bad_request', `${channel.slice(0, 80)}: request body is not valid JSON`);
  }
  const result = await core.dispatch(channel, payload, scope);
  const status = result.ok ? 200 : result.error.code === 'bad_request' ? 400 : result.error.code === 'unknown_channel' ? 404 : 200;
  sendJson(res, status, result);
}

function tooLarge(res: ServerResponse, maxBody: number) {
  // connection: close (the body is unread): the server stops reading it instead of draining it.
  sendError(res, 413, 'bad_request', `request: body larger than ${maxBody} bytes`, { connection: 'close' });
}

/**
 * The body as text, at most maxBody bytes held; past that it stops listening (the answer closes the
 * connection), and a client that goes away or is cut off by the request timeout ends it as aborted.
 */
function readBody(req: IncomingMessage, maxBody: number): Promise<string | 'too-large' | 'aborted'> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (outcome: string | 'too-large' | 'aborted') => {
      req.off('data', onData);
      resolve(outcome);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBody) return void chunks.push(chunk);
      chunks.length = 0;
      req.pause();
      finish('too-large');
    };
    req.on('data', onData);
    req.once('end', () => finish(Buffer.concat(chunks).toString('utf8')));
    req.once('error', () => finish('aborted'));
    req.once('close', () => finish('aborted'));
  });
}
