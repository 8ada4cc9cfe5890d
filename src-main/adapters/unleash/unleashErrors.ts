import type { z } from 'zod';
import { RingsideError } from '../../../src-shared/ipc/result';
import type { HttpClient, HttpRequest } from '../http/httpClient';

/** Unleash's permission for changing an environment directly when it requires change requests. */
export const SKIP_CHANGE_REQUEST = 'SKIP_CHANGE_REQUEST';

/**
 * Whether an error is Unleash's change-request rule: a 403 PermissionError naming SKIP_CHANGE_REQUEST.
 * Unleash 7.5 throws it from its feature service (a `change_request_settings` row exists for the project
 * and environment, and the caller has neither ADMIN nor SKIP_CHANGE_REQUEST there); that path answers
 * `{ name: "PermissionError", message }` without the `permissions` array its route checks add, so the
 * permission is also recognised in the message the HTTP client kept.
 */
export function changeRequestRequired(error: unknown): boolean {
  if (!(error instanceof RingsideError) || error.code !== 'forbidden') return false;
  if (error.permission !== undefined) return error.permission.split(/,\s*/).includes(SKIP_CHANGE_REQUEST);
  return new RegExp(`\\b${SKIP_CHANGE_REQUEST}\\b`).test(error.message);
}

/** The error a direct change to an environment that requires change requests is reported with. */
export function changeRequestError(environment: string, project: string): RingsideError {
  return new RingsideError(
    'forbidden',
    `${environment} in ${project} requires a change request: a second person must approve this change. ` +
      'Request it from Ringside (where the server offers change requests) or in Unleash, and have someone else approve and apply it; ' +
      'Ringside does not go around this rule.',
    null,
    SKIP_CHANGE_REQUEST,
  );
}

/** A write's error as the person should read it: the change-request rule explained, anything else as it was. */
export function explainWriteError(error: unknown, environment: string, project: string): unknown {
  return changeRequestRequired(error) ? changeRequestError(environment, project) : error;
}

/** GET (or send) and check the answer's shape; an unexpected shape is a bad_response naming the path. */
export async function readAs<S extends z.ZodType>(client: HttpClient, req: HttpRequest, schema: S): Promise<z.output<S>> {
  return parseAs(await client.json(req), schema, req.path);
}

export function parseAs<S extends z.ZodType>(answer: unknown, schema: S, path: string): z.output<S> {
  const parsed = schema.safeParse(answer);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new RingsideError(
    'bad_response',
    `Unleash answered ${path.split('?')[0]} with an unexpected shape (${issue?.path.join('.') || 'body'}: ${issue?.message}).`,
  );
}

/** The status an error came from, for the few answers that mean "the server does not have this". */
export const isStatus = (error: unknown, code: 'not_found' | 'forbidden' | 'unauthorized') =>
  error instanceof RingsideError && error.code === code;
