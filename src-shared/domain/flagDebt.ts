import { z } from 'zod';
import { FlagType } from './flag';

export const DebtReason = z.enum(['past-lifetime', 'full-exposure-40d', 'no-owner', 'past-expiry']);
export type DebtReason = z.infer<typeof DebtReason>;

/** One flag on the debt board with the figures that put it there. */
export const FlagDebtRow = z.object({
  flag: z.string(),
  type: FlagType,
  /** temporary: release and experiment flags; long-lived: kill-switch, operational, permission */
  temporary: z.boolean(),
  lifetimeDays: z.number().nullable(),
  ageDays: z.number(),
  /** days the flag has been fully on (enabled, no constraints, or rollout 100 %) in production */
  daysAtFull: z.number().nullable(),
  owner: z.string().nullable(),
  expires: z.string().nullable(),
  reasons: z.array(DebtReason),
});
export type FlagDebtRow = z.infer<typeof FlagDebtRow>;

/** The latest change to a flag in an environment, with who made it. */
export const FlagChange = z.object({
  flag: z.string(),
  environment: z.string(),
  by: z.string(),
  at: z.number(),
  action: z.string(),
  source: z.string(),
});
export type FlagChange = z.infer<typeof FlagChange>;
