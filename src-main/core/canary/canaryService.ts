import type { MetricSeries } from '../../../src-shared/domain/canary';
import type { ChartMarker, RuleStreak, Verdict } from '../../../src-shared/domain/verdict';
import { RingsideError } from '../../../src-shared/ipc/result';
import type { BackendTracker } from '../backends';
import type { EventBus } from '../events';
import type { Clock } from '../ports';
import type { AuditQueries } from '../store/audit';
import type { CanarySampleQueries } from '../store/canarySamples';
import type { Workspace } from '../workspace';
import { chartMarkers } from './markers';
import { chooseStepMs, loadReleaseSeries } from './series';
import { releaseVerdict, verdictStreaks } from './verdict';

/** How much recent history a verdict compares by default. */
export const DEFAULT_WINDOW_MS = 30 * 60_000;
/** Samples per series a verdict compares: over 30 minutes, one every 3 s. */
export const VERDICT_POINTS = 720;
/**
 * Cached samples are kept this long, so a past canary stays reviewable offline for a week; a
 * canary live for days (the demo's never ends) stores about two samples a second, and without a
 * limit the table would grow by ~170,000 rows a day for as long as it runs.
 */
export const SAMPLE_RETENTION_MS = 7 * 86_400_000;
/** Older samples are removed at most this often per release (a few range deletes on the primary key). */
export const PRUNE_EVERY_MS = 3_600_000;

/**
 * The window a verdict at `now` compares. It ends on the samples' step, so everyone who asks
 * within one step (the guard's poll, the canary view, the rings) gets the very same samples.
 */
export function verdictWindow(now: number, windowMs = DEFAULT_WINDOW_MS): { from: number; to: number } {
  const step = chooseStepMs(now - windowMs, now, VERDICT_POINTS);
  const to = Math.floor(now / step) * step;
  return { from: to - windowMs, to };
}

export interface SeriesAnswer {
  series: MetricSeries[];
  /** true when the metrics store did not answer and these are the samples cached earlier */
  stale: boolean;
}

/** Canary series live from the metrics store, cached as they arrive, and from the cache when offline. */
export interface CanaryDeps {
  samples: CanarySampleQueries;
  audit: AuditQueries;
  backends: BackendTracker;
  bus: EventBus;
  clock: Clock;
}

/** Where a release's rule streaks were kept when the service has none in memory (after a restart). */
export type StreakSource = (releaseId: string) => RuleStreak[] | null;

/**
 * One judgement per release and window: the verdict of the release's own window (the default
 * 30 minutes) is computed once per step of its samples and then handed to every caller, so the
 * ring card, the canary view, the guard and the audit all show the same window, samples and
 * numbers. Evaluations of a release are chained: each starts from the rule streaks the previous
 * one left (judge/streak.ts), which is what lets a hard rule wait for consecutive breaches.
 */
export function createCanaryService(workspace: Workspace, deps: CanaryDeps) {
  const { samples, backends } = deps;
  /** the latest verdict of each release over its own window */
  const current = new Map<string, Verdict>();
  /** per release, the evaluation in progress: the next starts from what it leaves */
  const chains = new Map<string, Promise<unknown>>();
  /** the outcome last recorded per release (kept when a count starts over, so that records nothing) */
  const lastOutcome = new Map<string, Verdict['outcome']>();
  let resume: StreakSource | null = null;
  /** when each release's old samples were last removed */
  const prunedAt = new Map<string, number>();

  function pruneOld(releaseId: string) {
    const now = deps.clock.now();
    if (now - (prunedAt.get(releaseId) ?? -Infinity) < PRUNE_EVERY_MS) return;
    prunedAt.set(releaseId, now);
    samples.prune(workspace.id, releaseId, now - SAMPLE_RETENTION_MS);
  }

  const definitionOf = (id: string) => {
    const found = workspace.releases.find((r) => r.release.id === id);
    if (!found) throw new RingsideError('not_found', `No release "${id.slice(0, 80)}" in workspace ${workspace.name}.`);
    return found;
  };

  async function series(req: { releaseId: string; from: number; to: number; maxPoints?: number }): Promise<SeriesAnswer> {
    const definition = definitionOf(req.releaseId);
    try {
      const live = await loadReleaseSeries(workspace.metrics, backends, definition, req);
      samples.store(workspace.id, req.releaseId, live);
      pruneOld(req.releaseId);
      return { series: live, stale: false };
    } catch (error) {
      const cached = samples.read(workspace.id, req.releaseId, req.from, req.to);
      if (cached.length === 0) throw error;
      return { series: cached, stale: true };
    }
  }

  function record(releaseId: string, result: Verdict) {
    // After a restart the last recorded outcome is the audit's: an unchanged verdict records nothing.
    if (!lastOutcome.has(releaseId)) {
      const stored = deps.audit.latestResult(workspace.id, releaseId, 'verdict.changed');
      if (stored) lastOutcome.set(releaseId, stored as Verdict['outcome']);
    }
    const before = lastOutcome.get(releaseId);
    if (before === result.outcome) return;
    lastOutcome.set(releaseId, result.outcome);
    deps.audit.append({
      time: result.decidedAt,
      source: 'canary',
      actor: 'ringside-judge',
      workspace: workspace.id,
      environment: null,
      objectType: 'release',
      objectId: releaseId,
      action: 'verdict.changed',
      before: before ? { outcome: before } : null,
      after: { outcome: result.outcome, score: result.score, decidedBy: result.decidedBy, window: result.window, reason: result.reason },
      reason: result.reason,
      result: result.outcome,
    });
    deps.bus.emit('canary:verdict', { releaseId, outcome: result.outcome, score: result.score });
  }

  async function evaluate(releaseId: string, window: { from: number; to: number }, own: boolean): Promise<Verdict> {
    const definition = definitionOf(releaseId);
    const before = current.get(releaseId);
    if (own && before && before.window.to >= window.to) return before;
    const streaks = before ? verdictStreaks(before) : (resume?.(releaseId) ?? []);
    const answer = await series({ releaseId, ...window, maxPoints: VERDICT_POINTS });
    const result = releaseVerdict(definition, answer.series, window, deps.clock.now(), answer.stale, streaks);
    if (!own) return result;
    current.set(releaseId, result);
    record(releaseId, result);
    return result;
  }

  /**
   * The release's verdict now. Over the release's own window this is the one judgement of the
   * current step (a changed outcome is pushed to the renderer and recorded in the audit); over
   * another window it is a one-off that reads the streaks but does not move them.
   */
  function verdict(req: { releaseId: string; windowMs?: number }): Promise<Verdict> {
    definitionOf(req.releaseId);
    const windowMs = req.windowMs ?? DEFAULT_WINDOW_MS;
    const own = windowMs === DEFAULT_WINDOW_MS;
    const window = verdictWindow(deps.clock.now(), windowMs);
    const known = current.get(req.releaseId);
    if (own && known && known.window.to === window.to) return Promise.resolve(known);
    const before = chains.get(req.releaseId) ?? Promise.resolve();
    const next = before.then(
      () => evaluate(req.releaseId, window, own),
      () => evaluate(req.releaseId, window, own),
    );
    chains.set(req.releaseId, next.catch(() => undefined));
    return next;
  }

  function markers(req: { releaseId: string; from: number; to: number }): ChartMarker[] {
    const { release } = definitionOf(req.releaseId);
    const ids = [release.id, release.flag, release.rollout].filter((x): x is string => Boolean(x));
    return chartMarkers(deps.audit.aboutObjects(workspace.id, ids, req.from, req.to));
  }

  return {
    series,
    verdict,
    markers,
    definitionOf,
    /** Where to find a release's streaks when none are in memory: the guard's stored state. */
    resumeFrom(source: StreakSource) {
      resume = source;
    },
    /** Start a release's count over (its plan was reset): the next evaluation reads the source again. */
    forget(releaseId: string) {
      current.delete(releaseId);
    },
  };
}
export type CanaryService = ReturnType<typeof createCanaryService>;
