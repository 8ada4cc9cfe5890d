import { z } from 'zod';
import { SafeText } from '../ipc/channels/fields';
import { VerdictOutcome } from './canary';
import { RuleStreak, RuleVerdict, VerdictDecider } from './verdict';

/** Longest label or id a plan carries; longer is a malformed payload. */
const Label = SafeText.trim().min(1).max(120);
const HOUR_MS = 3_600_000;

/**
 * The flag side of a ring: entering the ring turns the release flag on in the plan's environment
 * and, when `rollout` is set, sets that gradual-rollout strategy's percentage. `audience` names
 * the constraint or segment the strategy carries in Unleash (e.g. "segment beta-testers").
 * When rings name their `strategyIds`, entering ring N enables the strategies of rings 0..N and
 * keeps those of later rings disabled, before the flag is turned on.
 */
export const FlagExposure = z
  .object({
    audience: SafeText.trim().max(200).nullable(),
    /** the Unleash strategy whose percentage this ring sets; null: the flag's first gradual rollout */
    strategyId: SafeText.min(1).max(200).nullable(),
    rollout: z.number().int().min(0).max(100).nullable(),
    /** the strategies carrying this ring's audience; absent or empty: the ring names none */
    strategyIds: z
      .array(SafeText.min(1).max(200))
      .max(20)
      .refine((ids) => new Set(ids).size === ids.length, 'names a strategy twice')
      .optional(),
  })
  .strict();
export type FlagExposure = z.infer<typeof FlagExposure>;

/** One ring: who it exposes (flag), how much traffic the canary takes (setWeight), how long it bakes. */
export const Ring = z
  .object({
    name: Label,
    /** who the ring is for, in words: "Developers", "Employees", "Beta users", "Everyone" */
    audience: Label,
    exposure: FlagExposure.nullable(),
    /** the rollout's canary weight this ring needs (a setWeight step), null: the flag alone */
    weight: z.number().int().min(0).max(100).nullable(),
    /** how long the canary verdict must stay pass before the ring is healthy */
    bakeMs: z.number().int().min(0).max(30 * 24 * HOUR_MS),
  })
  .strict()
  .refine((r) => r.exposure !== null || r.weight !== null, {
    message: 'a ring needs a flag exposure, a rollout weight, or both',
    path: ['exposure'],
  });
export type Ring = z.infer<typeof Ring>;

/** act: the guard rolls back by itself; recommend: it halts the plan and asks a person to. */
export const GuardMode = z.enum(['act', 'recommend']);
export type GuardMode = z.infer<typeof GuardMode>;

export const RolloutRef = z.object({ namespace: SafeText.min(1).max(253), name: SafeText.min(1).max(253) }).strict();
export type RolloutRef = z.infer<typeof RolloutRef>;

/** What a person may change about a plan. */
export const PlanSettings = z
  .object({
    name: Label,
    /** where the flag exposure applies, e.g. production */
    environment: z.string().min(1).max(100),
    rings: z.array(Ring).min(1).max(12),
    autoAdvance: z.boolean(),
    guardMode: GuardMode,
  })
  .strict();
export type PlanSettings = z.infer<typeof PlanSettings>;

/** A release plan: the ordered rings a release moves through, stored per workspace. */
export const ReleasePlan = PlanSettings.extend({
  id: z.string().min(1).max(256),
  releaseId: z.string().min(1).max(256),
  flag: z.string().nullable(),
  rollout: RolloutRef.nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type ReleasePlan = z.infer<typeof ReleasePlan>;

/**
 * A canary verdict reduced to what the rings need: the outcome and, per metric and rule, the
 * numbers behind it. As guard evidence it keeps only failing metrics and tripped rules.
 */
export const GuardEvidence = z.object({
  outcome: VerdictOutcome,
  score: z.number().nullable(),
  reason: z.string(),
  decidedBy: VerdictDecider.optional(),
  decidedAt: z.number(),
  /** the verdict's window: the same samples the canary view compares (absent in runs stored before) */
  window: z.object({ from: z.number(), to: z.number() }).optional(),
  stale: z.boolean(),
  metrics: z.array(
    z.object({
      metric: z.string(),
      label: z.string().optional(),
      unit: z.string().optional(),
      classification: z.string(),
      failing: z.boolean(),
      canary: z.number().nullable(),
      baseline: z.number().nullable(),
      pValue: z.number().nullable(),
    }),
  ),
  rules: z.array(RuleVerdict),
});
export type GuardEvidence = z.infer<typeof GuardEvidence>;

/** The verdict as the ring last saw it, for display and for the gate. */
export const GateVerdict = GuardEvidence;
export type GateVerdict = GuardEvidence;

/** What Ringside last read of the rollout the plan drives. */
export const ObservedRollout = z.object({
  phase: z.string(),
  canaryWeight: z.number(),
  aborted: z.boolean(),
  paused: z.boolean(),
  message: z.string().nullable(),
  /** when the controller answered this (absent in runs stored before it was kept) */
  observedAt: z.number().optional(),
});
export type ObservedRollout = z.infer<typeof ObservedRollout>;

export const RingRecord = z.object({
  enteredAt: z.number().nullable(),
  enteredBy: z.string().nullable(),
  /** since when the verdict has stayed pass with the ring's weight reached; null: the gate clock is stopped */
  gateSince: z.number().nullable(),
  /** when the gate had held for the whole bake time */
  healthyAt: z.number().nullable(),
});
export type RingRecord = z.infer<typeof RingRecord>;

export const Halt = z.object({
  ring: z.number().int(),
  at: z.number(),
  by: z.string(),
  reason: z.string(),
  /** guard: the stop-the-line guard; person: someone pressed Halt or Roll back */
  kind: z.enum(['guard', 'person']),
  /** true when Ringside acted on the rollout/flag, false when it only recommends */
  acted: z.boolean(),
  rolledBack: z.boolean(),
  evidence: GuardEvidence.nullable(),
});
export type Halt = z.infer<typeof Halt>;

/** Where a plan stands: kept in SQLite, advanced only by the ring service. */
export const PlanRun = z.object({
  /** index of the current ring, -1 before the first ring is entered */
  ring: z.number().int().min(-1),
  rings: z.array(RingRecord),
  halt: Halt.nullable(),
  /** set when the guard has acted (or recommended) for a fail; cleared once the verdict leaves fail */
  guardLatchedAt: z.number().nullable(),
  completedAt: z.number().nullable(),
  observedAt: z.number().nullable(),
  verdict: GateVerdict.nullable(),
  rollout: ObservedRollout.nullable(),
  /** why the last observation could not read the verdict or the rollout */
  observeError: z.string().nullable(),
  /** each hard rule's consecutive breaches as the guard last saw them; absent: none counted yet */
  breaches: z.array(RuleStreak).optional(),
});
export type PlanRun = z.infer<typeof PlanRun>;

export const RingState = z.enum(['pending', 'active', 'baking', 'healthy', 'halted', 'done']);
export type RingState = z.infer<typeof RingState>;

/** One ring as the view shows it, computed from the plan and its run at a moment. */
export const RingStatus = z.object({
  index: z.number().int(),
  state: RingState,
  /** baking: what is left of the bake time */
  bakeLeftMs: z.number().nullable(),
  /** in words: why the ring is where it is */
  note: z.string(),
  enteredAt: z.number().nullable(),
  enteredBy: z.string().nullable(),
});
export type RingStatus = z.infer<typeof RingStatus>;

/** A plan with where it stands, as plans:list answers it. */
export const PlanView = z.object({
  plan: ReleasePlan,
  run: PlanRun,
  rings: z.array(RingStatus),
  /** a person may press Advance now; otherwise why not */
  advance: z.object({ allowed: z.boolean(), reason: z.string().nullable() }),
  computedAt: z.number(),
});
export type PlanView = z.infer<typeof PlanView>;

// ── Release windows and blackouts ────────────────────────────────────────────────────────────

export const Weekday = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
export type Weekday = z.infer<typeof Weekday>;
const Clock24 = SafeText.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a 24-hour time like 08:30');
/** A wall-clock date and time in the workspace's zone, minutes precision. */
const LocalDateTime = SafeText.regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d$/, 'must be a local date and time like 2026-12-24T18:00')
  .refine((text) => {
    const [y, m, d] = text.slice(0, 10).split('-').map(Number) as [number, number, number];
    return new Date(Date.UTC(y, m - 1, d)).getUTCDate() === d;
  }, 'is not a date on the calendar');

export const WeeklyPoint = z.object({ day: Weekday, time: Clock24 }).strict();
export type WeeklyPoint = z.infer<typeof WeeklyPoint>;

/**
 * A recurring window, start to end in the workspace's zone (it may wrap over the weekend).
 * release: releases are allowed inside (when any exist, outside them is blocked); blackout: blocked inside.
 */
export const WeeklyWindow = z
  .object({ kind: z.enum(['release', 'blackout']), label: Label, start: WeeklyPoint, end: WeeklyPoint })
  .strict()
  .refine((w) => w.start.day !== w.end.day || w.start.time !== w.end.time, { message: 'must end at another time than it starts', path: ['end'] });
export type WeeklyWindow = z.infer<typeof WeeklyWindow>;

/** A dated freeze, e.g. the year-end change freeze; from and to are wall-clock times in the zone. */
export const Freeze = z
  .object({ label: Label, from: LocalDateTime, to: LocalDateTime, reason: SafeText.trim().max(500) })
  .strict()
  .refine((f) => f.to > f.from, { message: 'must be later than from', path: ['to'] });
export type Freeze = z.infer<typeof Freeze>;

export const ReleaseWindows = z
  .object({
    /** an IANA zone such as Europe/Berlin; all times above are wall-clock times there */
    timeZone: SafeText.min(1).max(64),
    weekly: z.array(WeeklyWindow).max(50),
    freezes: z.array(Freeze).max(200),
  })
  .strict();
export type ReleaseWindows = z.infer<typeof ReleaseWindows>;

/** Whether releasing is blocked at a moment, why, and until when. */
export const BlackoutStatus = z.object({
  blocked: z.boolean(),
  /** the freeze or window that blocks, in words */
  reason: z.string().nullable(),
  /** epoch ms when releasing is allowed again; null when not blocked or no end can be found within a year */
  endsAt: z.number().nullable(),
  /** endsAt as wall-clock text in the workspace's zone */
  endsAtLocal: z.string().nullable(),
  timeZone: z.string(),
});
export type BlackoutStatus = z.infer<typeof BlackoutStatus>;

/** What one layer did when a ring was halted or rolled back. */
export const LayerResult = z.object({
  layer: z.enum(['rollout', 'flag']),
  /** namespace/name of the rollout, or the flag's name */
  target: z.string(),
  ok: z.boolean(),
  /** what happened, or why it failed */
  message: z.string(),
});
export type LayerResult = z.infer<typeof LayerResult>;

/** The stop-the-line guard acted (or recommends acting): what the banner shows. */
export const GuardAlert = z.object({
  planId: z.string(),
  releaseId: z.string(),
  ring: z.string(),
  acted: z.boolean(),
  message: z.string(),
  at: z.number(),
  layers: z.array(LayerResult),
  /** the judgement that stopped the line, with its window and numbers */
  evidence: GuardEvidence.optional(),
});
export type GuardAlert = z.infer<typeof GuardAlert>;
