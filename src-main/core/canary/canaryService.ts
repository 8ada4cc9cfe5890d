import type { MetricSeries, VerdictOutcome } from '../../../src-shared/domain/canary';
import type { ChartMarker, Verdict } from '../../../src-shared/domain/verdict';
import { RingsideError } from '../../../src-shared/ipc/result';
import type { BackendTracker } from '../backends';
import type { EventBus } from '../events';
import type { Clock } from '../ports';
import type { AuditQueries } from '../store/audit';
import type { CanarySampleQueries } from '../store/canarySamples';
import type { Workspace } from '../workspace';
import { chartMarkers } from './markers';
import { loadReleaseSeries } from './series';
import { releaseVerdict } from './verdict';

/** How much recent history a verdict compares by default. */
export const DEFAULT_WINDOW_MS = 30 * 60_000;

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

export function createCanaryService(workspace: Workspace, deps: CanaryDeps) {
  const { samples, backends } = deps;
  const lastOutcome = new Map<string, VerdictOutcome>();
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
      return { series: live, stale: false };
    } catch (error) {
      const cached = samples.read(workspace.id, req.releaseId, req.from, req.to);
      if (cached.length === 0) throw error;
      return { series: cached, stale: true };
    }
  }

  /** Judge the release now; a changed outcome is pushed to the renderer and recorded in the audit. */
  async function verdict(req: { releaseId: string; windowMs?: number }): Promise<Verdict> {
    const definition = definitionOf(req.releaseId);
    const to = deps.clock.now();
    const window = { from: to - (req.windowMs ?? DEFAULT_WINDOW_MS), to };
    const answer = await series({ releaseId: req.releaseId, ...window, maxPoints: 720 });
    const result = releaseVerdict(definition, answer.series, window, to, answer.stale);
    const before = lastOutcome.get(req.releaseId);
    if (before !== result.outcome) {
      lastOutcome.set(req.releaseId, result.outcome);
      deps.audit.append({
        time: to,
        source: 'canary',
        actor: 'ringside-judge',
        workspace: workspace.id,
        environment: null,
        objectType: 'release',
        objectId: req.releaseId,
        action: 'verdict.changed',
        before: before ? { outcome: before } : null,
        after: { outcome: result.outcome, score: result.score, reason: result.reason },
        reason: result.reason,
        result: result.outcome,
      });
      deps.bus.emit('canary:verdict', { releaseId: req.releaseId, outcome: result.outcome, score: result.score });
    }
    return result;
  }

  function markers(req: { releaseId: string; from: number; to: number }): ChartMarker[] {
    const { release } = definitionOf(req.releaseId);
    const ids = [release.id, release.flag, release.rollout].filter((x): x is string => Boolean(x));
    return chartMarkers(deps.audit.aboutObjects(workspace.id, ids, req.from, req.to));
  }

  return { series, verdict, markers, definitionOf };
}
export type CanaryService = ReturnType<typeof createCanaryService>;
