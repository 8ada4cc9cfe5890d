import { z } from 'zod';
import { Environment, Flag } from '../../domain/flag';
import { FlagChange, FlagDebtRow } from '../../domain/flagDebt';
import { KillRetry, ReconciledIntent } from '../../domain/killRetry';
import { Empty, EnvName, FlagName, Reason, SafeText, type ChannelDef } from './fields';

/** Feature flags: the list, kill switches, rollouts, the debt board. */
export const flagChannels = {
  'flags:list': {
    doc: "The workspace's flags per environment, live when the flag server answers, cached otherwise.",
    request: Empty,
    response: z.object({
      flags: z.array(Flag),
      environments: z.array(Environment),
      fetchedAt: z.number().nullable(),
      stale: z.boolean(),
      /** why toggles are disabled (offline, no flag backend), null when they are allowed */
      readOnlyReason: z.string().nullable(),
      /** the latest change per flag and environment, from the console or the server's event log */
      changes: z.array(FlagChange),
      /** kills main keeps trying (and those that ended in the last hour) */
      retries: z.array(KillRetry),
      /** intents a crash left without an outcome, reconciled against the server at start (last 24 h) */
      reconciled: z.array(ReconciledIntent),
    }),
  },
  'flags:setEnabled': {
    doc: 'Turn a flag off (a kill: no reason needed) or on (in production a release: reason required); answers after read-back.',
    request: z
      .object({
        flag: FlagName,
        environment: EnvName,
        enabled: z.boolean(),
        reason: Reason.optional(),
        /** why turning on in production must go ahead during a release blackout (audited) */
        blackoutOverride: Reason.optional(),
      })
      .strict(),
    response: z.object({
      flag: z.string(),
      environment: z.string(),
      enabled: z.boolean(),
      confirmedAt: z.number(),
      latencyMs: z.number(),
    }),
  },
  'flags:setRollout': {
    doc: 'Change a gradual rollout percentage; raising it in production needs a reason and is blocked in a blackout. Answers after read-back.',
    request: z
      .object({
        flag: FlagName,
        environment: EnvName,
        strategyId: SafeText.min(1).max(200),
        rollout: z.number().int().min(0).max(100),
        reason: Reason.optional(),
        /** why raising a production rollout must go ahead during a release blackout (audited) */
        blackoutOverride: Reason.optional(),
      })
      .strict(),
    response: z.object({
      flag: z.string(),
      environment: z.string(),
      rollout: z.number(),
      confirmedAt: z.number(),
      latencyMs: z.number(),
    }),
  },
  'flags:killByTag': {
    doc: 'Turn off every flag carrying a tag (type:value) in one environment, with a result per flag.',
    request: z
      .object({
        tag: SafeText.min(1).max(300).regex(/^[^:]+:.+$/, 'must be type:value, e.g. simple:incident-42'),
        environment: EnvName,
        reason: Reason.optional(),
      })
      .strict(),
    response: z.object({
      results: z.array(
        z.object({
          flag: z.string(),
          ok: z.boolean(),
          message: z.string().nullable(),
          confirmedAt: z.number().nullable(),
        }),
      ),
    }),
  },
  'flags:keepTrying': {
    doc: 'Keep sending a kill that failed for a transient reason until the server confirms it, it is cancelled, or someone else changes the flag.',
    request: z.object({ flag: FlagName, environment: EnvName }).strict(),
    response: KillRetry,
  },
  'flags:cancelRetry': {
    doc: 'Stop keeping a kill trying; the flag stays as the server has it.',
    request: z.object({ flag: FlagName, environment: EnvName }).strict(),
    response: z.object({ cancelled: z.boolean() }),
  },
  'flags:debt': {
    doc: 'The flag-debt board: every flag with its age, lifetime, time fully on, owner, expiry and why it is debt.',
    request: Empty,
    response: z.object({ rows: z.array(FlagDebtRow), computedAt: z.number() }),
  },
} as const satisfies Record<`${string}:${string}`, ChannelDef>;
