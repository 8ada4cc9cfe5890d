import { z } from 'zod';

/** Unleash's feature types: release and experiment flags are temporary, the rest long-lived. */
export const FlagType = z.enum(['release', 'experiment', 'operational', 'kill-switch', 'permission']);
export type FlagType = z.infer<typeof FlagType>;

export const FlagTag = z.object({ type: z.string(), value: z.string() });
export type FlagTag = z.infer<typeof FlagTag>;

export const FlagStrategy = z.object({
  id: z.string(),
  name: z.string(),
  /** flexibleRollout percentage, null for strategies without one */
  rollout: z.number().min(0).max(100).nullable(),
  constraintCount: z.number().int().nonnegative(),
  /** the title a person gave the strategy in the flag server, e.g. "Employees" */
  title: z.string().optional(),
  /**
   * A disabled strategy stays on the flag but exposes no one (Unleash 5.3+). Snapshots cached
   * before the field existed read as enabled, as Unleash itself treats a missing value.
   */
  disabled: z.boolean().default(false),
});
export type FlagStrategy = z.infer<typeof FlagStrategy>;

export const FlagEnvironmentState = z.object({
  environment: z.string(),
  enabled: z.boolean(),
  strategies: z.array(FlagStrategy),
});
export type FlagEnvironmentState = z.infer<typeof FlagEnvironmentState>;

export const Flag = z.object({
  name: z.string(),
  project: z.string(),
  type: FlagType,
  description: z.string(),
  createdBy: z.string(),
  createdAt: z.number(),
  tags: z.array(FlagTag),
  lifecycleStage: z.string().nullable(),
  environments: z.array(FlagEnvironmentState),
});
export type Flag = z.infer<typeof Flag>;

export const Environment = z.object({
  name: z.string(),
  /** 'production' environments treat turning on as a release that needs a reason */
  type: z.string(),
});
export type Environment = z.infer<typeof Environment>;

/** A feature type with its expected lifetime (null: long-lived, e.g. kill switches). */
export const FeatureTypeInfo = z.object({ id: z.string(), name: z.string(), lifetimeDays: z.number().nullable() });
export type FeatureTypeInfo = z.infer<typeof FeatureTypeInfo>;

/** A change seen in the flag server's own event log. */
export const FlagServerEvent = z.object({
  id: z.number().int(),
  type: z.string(),
  createdBy: z.string(),
  createdAt: z.number(),
  flag: z.string().nullable(),
  environment: z.string().nullable(),
  data: z.unknown().nullable(),
  preData: z.unknown().nullable(),
});
export type FlagServerEvent = z.infer<typeof FlagServerEvent>;
