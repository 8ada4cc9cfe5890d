import { z } from 'zod';

/**
 * A kill that failed for a transient reason and that main keeps sending until the server confirms
 * it, the person cancels it, or someone else changes the flag.
 */
export const KillRetryState = z.enum(['trying', 'confirmed', 'stopped', 'cancelled']);
export type KillRetryState = z.infer<typeof KillRetryState>;

export const KillRetry = z.object({
  flag: z.string(),
  environment: z.string(),
  state: KillRetryState,
  /** attempts sent so far (the first failed kill not counted) */
  attempts: z.number().int().nonnegative(),
  startedAt: z.number(),
  /** when the next attempt goes out, while trying */
  nextAttemptAt: z.number().nullable(),
  /** the last attempt's error, in words */
  lastError: z.string().nullable(),
  /** when it stopped trying (confirmed, stopped or cancelled) */
  endedAt: z.number().nullable(),
  /** why it stopped, e.g. "alice turned it on in Unleash at 14:02:31; stopped trying" */
  message: z.string().nullable(),
});
export type KillRetry = z.infer<typeof KillRetry>;

/** What the start-up reconciliation found for an intent left without an outcome (a crash mid-change). */
export const ReconciledOutcome = z.enum(['confirmed after restart', 'not applied']);
export type ReconciledOutcome = z.infer<typeof ReconciledOutcome>;

export const ReconciledIntent = z.object({
  /** the audit row of the intent */
  intentId: z.number().int(),
  flag: z.string(),
  environment: z.string(),
  /** e.g. flag.disabled */
  action: z.string(),
  outcome: ReconciledOutcome,
  requestedAt: z.number(),
  reconciledAt: z.number(),
  /** what the server read back, in words, e.g. "Unleash reads it off in production" */
  evidence: z.string(),
});
export type ReconciledIntent = z.infer<typeof ReconciledIntent>;
