import { z } from 'zod';
import { AnalysisRunView, GateInstall } from '../../domain/analysis';
import { Release } from '../../domain/canary';
import { BlackoutStatus, GuardMode, LayerResult, PlanView, ReleaseWindows, Ring } from '../../domain/plan';
import { Rollout } from '../../domain/rollout';
import { Empty, EnvName, HttpUrl, Id, Reason, SafeText, type ChannelDef } from './fields';

const RolloutTarget = { namespace: SafeText.min(1).max(253), name: SafeText.min(1).max(253) };
const WindowsAnswer = z.object({ windows: ReleaseWindows, status: BlackoutStatus });
const LayersAnswer = z.object({ plan: PlanView, layers: z.array(LayerResult) });

/** Deploys and release plans: rollouts, rings, the guard, release windows. */
export const releaseChannels = {
  'rollouts:list': {
    doc: 'Rollouts of the workspace with their steps and status.',
    request: Empty,
    response: z.object({
      rollouts: z.array(Rollout),
      /** listed objects that could not be read as rollouts, beside the others */
      unreadable: z.array(z.object({ namespace: z.string(), name: z.string(), reason: z.string() })).optional(),
      /** what a person should know about how the list was read (a fallback, a restarted paging) */
      notices: z.array(z.string()).optional(),
    }),
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
        name: SafeText.trim().min(1).max(120).optional(),
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
        address: HttpUrl,
        intervalSeconds: z.number().int().min(10).max(3600).optional(),
      })
      .strict(),
    response: z.object({ name: z.string(), yaml: z.string() }),
  },
  'rollouts:analysisRuns': {
    doc: "The AnalysisRuns a rollout owns, newest revision first, with each metric's measured values.",
    request: z.object(RolloutTarget).strict(),
    response: z.object({ runs: z.array(AnalysisRunView) }),
  },
  'plans:installGate': {
    doc: "Install a plan's health gate as an AnalysisTemplate in its rollout's namespace (dry run, write, read-back); a release action, blocked in a blackout unless overridden.",
    request: z
      .object({
        planId: Id,
        address: HttpUrl,
        intervalSeconds: z.number().int().min(10).max(3600).optional(),
        reason: Reason.optional(),
        blackoutOverride: Reason.optional(),
      })
      .strict(),
    response: GateInstall,
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
} as const satisfies Record<`${string}:${string}`, ChannelDef>;
