import { z } from 'zod';
import { ErrorCode } from '../ipc/result';

export const BackendKind = z.enum(['flags', 'deploy', 'metrics']);
export type BackendKind = z.infer<typeof BackendKind>;

export const BackendState = z.enum(['online', 'offline', 'unconfigured', 'error']);
export type BackendState = z.infer<typeof BackendState>;

/** What the renderer may know of a connection: never its credentials. */
export const BackendStatus = z.object({
  kind: BackendKind,
  provider: z.string(),
  state: BackendState,
  configured: z.boolean(),
  /** epoch ms of the last successful read, null if never */
  lastSyncAt: z.number().nullable(),
  message: z.string().nullable(),
  /** the error class of the last failure (token rejected, not allowed, rate limited, …), null when online */
  errorCode: ErrorCode.nullable().optional(),
  /** when the console next asks this backend, when it is waiting (the server's Retry-After or a backoff) */
  retryAt: z.number().nullable().optional(),
});
export type BackendStatus = z.infer<typeof BackendStatus>;

export const WorkspaceSummary = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['demo', 'live']),
  /** a production workspace: the header shows it unmistakably */
  production: z.boolean().optional(),
  backends: z.array(BackendStatus),
});
export type WorkspaceSummary = z.infer<typeof WorkspaceSummary>;
