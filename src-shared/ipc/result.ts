import { z } from 'zod';

/** Every error a handler can answer with; the message is written for a person. */
export const ErrorCode = z.enum([
  'bad_request',
  'unknown_channel',
  'not_found',
  'unauthorized',
  'forbidden',
  'rate_limited',
  'timeout',
  'unavailable',
  'bad_response',
  'conflict',
  'blocked',
  'offline',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const IpcError = z.object({
  code: ErrorCode,
  message: z.string(),
  /** the server's own name for the permission that was missing (Unleash SKIP_CHANGE_REQUEST, a Kubernetes verb/resource), when it said */
  permission: z.string().optional(),
});
export type IpcError = z.infer<typeof IpcError>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: IpcError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string, permission?: string): { ok: false; error: IpcError } => ({
  ok: false,
  error: permission === undefined ? { code, message } : { code, message, permission },
});

/** An error thrown inside main that already carries what the user should read. */
export class RingsideError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** how long the server asked to wait before the next try (its Retry-After), when it said */
    readonly retryAfterMs: number | null = null,
    /** the missing permission as the server named it (see IpcError.permission) */
    readonly permission?: string,
  ) {
    super(message);
    this.name = 'RingsideError';
  }
}

/** A result envelope as it crosses a transport, checked before the renderer trusts it. */
export const ResultEnvelope = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: IpcError }),
]);
