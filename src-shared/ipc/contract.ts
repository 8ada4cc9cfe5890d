import { z } from 'zod';
import { AuditEvent } from '../domain/audit';
import { DoraReport } from '../domain/dora';
import { WorkspaceSummary, BackendKind } from '../domain/backend';
import { MetricSeries, Release, VerdictOutcome } from '../domain/canary';
import { Environment, Flag } from '../domain/flag';
import { FlagChange, FlagDebtRow } from '../domain/flagDebt';
import { Rollout } from '../domain/rollout';
import { BlackoutStatus, GuardAlert, GuardMode, LayerResult, PlanView, ReleaseWindows, Ring } from '../domain/plan';
import { ChartMarker, Verdict } from '../domain/verdict';

/** Longest free-text id a request may carry; longer is a malformed payload, not a lookup. */
const Id = z.string().min(1).max(256);
const Empty = z.object({}).strict();
/** Flag and environment names: Unleash allows URL-friendly names up to 100 characters. */
const FlagName = z.string().min(1).max(200);
const EnvName = z.string().min(1).max(100);
const Reason = z.string().trim().min(3).max(2000);
const RolloutTarget = { namespace: z.string().min(1).max(253), name: z.string().min(1).max(253) };
const WindowsAnswer = z.object({ windows: ReleaseWindows, status: BlackoutStatus });
const LayersAnswer = z.object({ plan: PlanView, layers: z.array(LayerResult) });

/** Where a page of the audit ends (time, then id); the next page starts after it. */
const AuditCursor = z.object({ time: z.number().int(), id: z.number().int().positive() }).strict();

/** The Audit view's filters, shared by search, count and export. */
const auditFilter = {
  text: z.string().max(10_000).optional(),
  from: z.number().int().nonnegative().optional(),
  to: z.number().int().nonnegative().optional(),
  source: z.string().max(40).optional(),
  environment: z.string().max(100).optional(),
  objectId: z.string().max(256).optional(),
  actor: z.string().max(256).optional(),
  action: z.string().max(100).optional(),
};

interface ChannelDef {
  doc: string;
  request: z.ZodType;
  response: z.ZodType;
}
interface EventDef {
  doc: string;
  payload: z.ZodType;
}

/**
 * The contract: every channel between renderer and main. Main handlers, the preload bridge and
 * the loopback transport are all derived from this object; nothing else may define a channel.
 */
export const channels = {
  'app:info': {
    doc: 'Version, data folder and notices the user must see (for example a database moved aside).',
    request: Empty,
    response: z.object({
      version: z.string(),
      dataDir: z.string(),
      notices: z.array(z.string()),
    }),
  },
  'workspace:current': {
    doc: 'The active workspace with the state of each backend and the age of its cached data.',
    request: Empty,
    response: WorkspaceSummary,
  },
  'workspace:connect': {
    doc: 'Point the console at an Unleash server (settings form); checked by a real read before it is saved. The token never comes back.',
    request: z
      .object({
        name: z.string().trim().min(1).max(120),
        flags: z
          .object({
            url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2000),
            project: z.string().min(1).max(100),
            token: z.string().min(1).max(4096),
          })
          .strict(),
      })
      .strict(),
    response: WorkspaceSummary,
  },
  'workspace:useDemo': {
    doc: 'Switch back to the embedded demo fleet (the saved connection is forgotten, its token deleted).',
    request: Empty,
    response: WorkspaceSummary,
  },
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
        strategyId: z.string().min(1).max(200),
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
        tag: z.string().min(1).max(300).regex(/^[^:]+:.+$/, 'must be type:value, e.g. simple:incident-42'),
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
  'flags:debt': {
    doc: 'The flag-debt board: every flag with its age, lifetime, time fully on, owner, expiry and why it is debt.',
    request: Empty,
    response: z.object({ rows: z.array(FlagDebtRow), computedAt: z.number() }),
  },
  'canary:releases': {
    doc: 'Releases that have a canary to compare against its baseline.',
    request: Empty,
    response: z.object({ releases: z.array(Release) }),
  },
  'canary:series': {
    doc: 'Canary and baseline series of every metric of a release over [from, to] (epoch ms).',
    request: z
      .object({
        releaseId: Id,
        from: z.number().int().nonnegative(),
        to: z.number().int().nonnegative(),
        maxPoints: z.number().int().min(2).max(11_000).optional(),
      })
      .strict()
      .refine((r) => r.to > r.from, { message: 'must be later than from', path: ['to'] }),
    response: z.object({ series: z.array(MetricSeries) }),
  },
  'canary:judge': {
    doc: "The canary verdict of a release over the last windowMs (default 30 min): outcome, score and the numbers that decided it.",
    request: z
      .object({ releaseId: Id, windowMs: z.number().int().min(60_000).max(24 * 3_600_000).optional() })
      .strict(),
    response: Verdict,
  },
  'canary:markers': {
    doc: 'Flag toggles, kill switches, rollout steps and guard actions of a release within [from, to], for the charts.',
    request: z
      .object({ releaseId: Id, from: z.number().int().nonnegative(), to: z.number().int().nonnegative() })
      .strict()
      .refine((r) => r.to > r.from, { message: 'must be later than from', path: ['to'] }),
    response: z.object({ markers: z.array(ChartMarker) }),
  },
  'rollouts:list': {
    doc: 'Rollouts of the workspace with their steps and status.',
    request: Empty,
    response: z.object({ rollouts: z.array(Rollout) }),
  },
  'rollouts:promote': {
    doc: 'Promote a rollout past its pause (full: skip every remaining step); blocked in a release blackout unless overridden.',
    request: z
      .object({ ...RolloutTarget, full: z.boolean().optional(), reason: Reason.optional(), blackoutOverride: Reason.optional() })
      .strict(),
    response: Rollout,
  },
  'rollouts:abort': {
    doc: 'Abort a rollout: all traffic back to stable. Always allowed, blackout or not.',
    request: z.object({ ...RolloutTarget, reason: Reason.optional() }).strict(),
    response: Rollout,
  },
  'rollouts:retry': {
    doc: 'Retry an aborted rollout from its first step.',
    request: z.object({ ...RolloutTarget, reason: Reason.optional() }).strict(),
    response: Rollout,
  },
  'rollouts:pause': {
    doc: 'Hold a rollout where it stands (spec.paused).',
    request: z.object({ ...RolloutTarget, reason: Reason.optional() }).strict(),
    response: Rollout,
  },
  'plans:list': {
    doc: 'Release plans with each ring’s state, the releases without a plan, and whether a blackout blocks releasing now.',
    request: Empty,
    response: z.object({ plans: z.array(PlanView), unplanned: z.array(Release), blackout: BlackoutStatus }),
  },
  'plans:create': {
    doc: 'Give a release the default plan: Ring 0 developers, Ring 1 employees, Ring 2 beta, Ring 3 everyone.',
    request: z.object({ releaseId: Id }).strict(),
    response: PlanView,
  },
  'plans:update': {
    doc: 'Change a plan: auto-advance, act or only recommend, and (before it starts) its rings and environment.',
    request: z
      .object({
        planId: Id,
        name: z.string().trim().min(1).max(120).optional(),
        environment: EnvName.optional(),
        autoAdvance: z.boolean().optional(),
        guardMode: GuardMode.optional(),
        rings: z.array(Ring).min(1).max(12).optional(),
      })
      .strict(),
    response: PlanView,
  },
  'plans:advance': {
    doc: 'Move a plan into its next ring (promote the rollout, widen the flag) once the current ring held its gate.',
    request: z.object({ planId: Id, blackoutOverride: Reason.optional() }).strict(),
    response: PlanView,
  },
  'plans:halt': {
    doc: 'Halt a plan where it stands: pause the rollout and stop auto-advance; the flag is left as it is.',
    request: z.object({ planId: Id, reason: Reason.optional() }).strict(),
    response: LayersAnswer,
  },
  'plans:rollback': {
    doc: 'Roll back both layers together: abort the rollout and kill the release flag; always allowed.',
    request: z.object({ planId: Id, reason: Reason.optional() }).strict(),
    response: LayersAnswer,
  },
  'plans:reset': {
    doc: 'Start a plan over from before Ring 0 (nothing changes on the flag or the rollout).',
    request: z.object({ planId: Id, reason: Reason }).strict(),
    response: PlanView,
  },
  'plans:exportGate': {
    doc: "A plan's health gate as an Argo Rollouts AnalysisTemplate (Prometheus provider) in YAML.",
    request: z
      .object({
        planId: Id,
        address: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2000),
        intervalSeconds: z.number().int().min(10).max(3600).optional(),
      })
      .strict(),
    response: z.object({ name: z.string(), yaml: z.string() }),
  },
  'windows:get': {
    doc: "The workspace's release windows and blackouts, and whether releasing is blocked now and until when.",
    request: Empty,
    response: WindowsAnswer,
  },
  'windows:set': {
    doc: 'Replace the release windows: weekly windows and dated freezes in an IANA time zone.',
    request: ReleaseWindows,
    response: WindowsAnswer,
  },
  'audit:page': {
    doc: 'Audit events newest first, a page at a time (beforeId is the cursor from the last page).',
    request: z
      .object({
        limit: z.number().int().min(1).max(500),
        beforeId: z.number().int().positive().optional(),
      })
      .strict(),
    response: z.object({ events: z.array(AuditEvent), nextBeforeId: z.number().int().nullable() }),
  },
  'audit:search': {
    doc: 'Full-text search (action, object, actor, reason, payload) with filters, newest first by time; next page after `before`, beforeId anchors a list, offset jumps in it.',
    request: z
      .object({
        ...auditFilter,
        limit: z.number().int().min(1).max(500),
        before: AuditCursor.optional(),
        beforeId: z.number().int().positive().optional(),
        offset: z.number().int().min(0).max(100_000_000).optional(),
      })
      .strict(),
    response: z.object({ events: z.array(AuditEvent), next: AuditCursor.nullable() }),
  },
  'audit:count': {
    doc: 'How many events a filter matches (afterId: only those newer than an event already shown).',
    request: z.object({ ...auditFilter, afterId: z.number().int().nonnegative().optional() }).strict(),
    /** maxId: the newest id of the workspace when counted, to anchor a list (beforeId = maxId + 1) */
    response: z.object({ count: z.number().int(), maxId: z.number().int().nullable() }),
  },
  'audit:status': {
    doc: "The audit's sources with their last sync time and state (offline banner), and the flag server sync's progress.",
    request: Empty,
    response: z.object({
      offline: z.boolean(),
      sources: z.array(
        z.object({
          source: z.string(),
          backend: BackendKind,
          configured: z.boolean(),
          state: z.string(),
          lastSyncAt: z.number().nullable(),
          message: z.string().nullable(),
        }),
      ),
      flagSync: z.object({
        running: z.boolean(),
        paused: z.boolean(),
        syncedAt: z.number().nullable(),
        cursor: z.number().nullable(),
        resumeFrom: z.object({ top: z.number(), low: z.number(), count: z.number() }).nullable(),
      }),
      events: z.number().int(),
    }),
  },
  'audit:sync': {
    doc: "Sync the flag server's event log into the audit now (resume: also lift a pause set by audit:cancelSync).",
    request: z.object({ resume: z.boolean().optional() }).strict(),
    response: z.object({ added: z.number().int(), complete: z.boolean(), cancelled: z.boolean() }),
  },
  'audit:cancelSync': {
    doc: 'Stop a running flag server sync after its current page (pages already synced stay) and pause it until audit:sync resumes.',
    request: Empty,
    response: z.object({ cancelled: z.boolean() }),
  },
  'audit:export': {
    doc: "Stream the current filter's events to a CSV or JSON Lines file in the data folder's exports/, with a header recording the filter and the chain's state.",
    request: z.object({ ...auditFilter, format: z.enum(['csv', 'jsonl']) }).strict(),
    response: z.object({
      fileName: z.string(),
      path: z.string(),
      /** where serve mode offers the file for download */
      downloadPath: z.string(),
      rows: z.number().int(),
      bytes: z.number().int(),
      chain: z.object({
        ok: z.boolean(),
        checked: z.number().int(),
        firstBroken: z.object({ id: z.number().int(), reason: z.string() }).nullable(),
        verifiedAt: z.number(),
      }),
    }),
  },
  'audit:dora': {
    doc: 'DORA figures per week from the history (deployments, lead time, change failure rate, recovery time), each with the events it counted.',
    request: z
      .object({
        weeks: z.number().int().min(1).max(52).optional(),
        failureWindowHours: z.number().min(0.25).max(24 * 14).optional(),
      })
      .strict(),
    response: DoraReport,
  },
  'audit:verify': {
    doc: "Recompute the audit history's hash chain and name the first edited, deleted or reordered row.",
    request: Empty,
    response: z.object({
      ok: z.boolean(),
      checked: z.number().int(),
      firstBroken: z.object({ id: z.number().int(), reason: z.string() }).nullable(),
    }),
  },
} as const satisfies Record<`${string}:${string}`, ChannelDef>;

/** Push events from main to the renderer. */
export const events = {
  'state:changed': {
    doc: 'Something the renderer shows changed in main; reload that domain.',
    payload: z.object({ domain: z.enum(['flags', 'rollouts', 'audit', 'backends', 'canary', 'plans']) }),
  },
  'sync:progress': {
    doc: 'Progress of a long sync (done of total, total null when unknown).',
    payload: z.object({ source: BackendKind, done: z.number(), total: z.number().nullable() }),
  },
  'canary:verdict': {
    doc: "A release's canary verdict changed.",
    payload: z.object({ releaseId: z.string(), outcome: VerdictOutcome, score: z.number().nullable() }),
  },
  'plans:guard': {
    doc: 'The stop-the-line guard halted a ring: what it did to the rollout and the flag, and why.',
    payload: GuardAlert,
  },
} as const satisfies Record<`${string}:${string}`, EventDef>;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type RequestOf<C extends ChannelName> = z.input<Channels[C]['request']>;
export type ResponseOf<C extends ChannelName> = z.output<Channels[C]['response']>;

export type Events = typeof events;
export type EventName = keyof Events;
export type PayloadOf<E extends EventName> = z.output<Events[E]['payload']>;

export const channelNames = Object.keys(channels) as ChannelName[];
export const eventNames = Object.keys(events) as EventName[];

export const isChannelName = (name: unknown): name is ChannelName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(channels, name);
export const isEventName = (name: unknown): name is EventName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
