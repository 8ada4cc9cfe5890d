import type { MetricSeries } from '../../../src-shared/domain/canary';
import { RingsideError } from '../../../src-shared/ipc/result';
import type { BackendTracker } from '../backends';
import type { CanarySampleQueries } from '../store/canarySamples';
import type { Workspace } from '../workspace';
import { loadReleaseSeries } from './series';

export interface SeriesAnswer {
  series: MetricSeries[];
  /** true when the metrics store did not answer and these are the samples cached earlier */
  stale: boolean;
}

/** Canary series live from the metrics store, cached as they arrive, and from the cache when offline. */
export function createCanaryService(workspace: Workspace, samples: CanarySampleQueries, backends: BackendTracker) {
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

  return { series, definitionOf };
}
export type CanaryService = ReturnType<typeof createCanaryService>;
