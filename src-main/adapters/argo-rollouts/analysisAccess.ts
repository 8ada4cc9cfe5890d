import type { DeployProvider, RolloutRef } from '../../core/ports';
import type { HttpClient } from '../http/httpClient';
import { listAnalysisRuns } from './analysisRuns';
import { installTemplate } from './installTemplate';

interface RawRollout {
  metadata: { uid?: string | null };
  spec?: unknown;
}

/**
 * The analysis part of the Argo Rollouts provider: the runs a rollout owns and installing a gate
 * template beside it. `pathOf` is the provider's own check that the rollout is in the workspace's
 * namespaces; `getRaw` reads the Rollout (its uid for ownership, its spec for template references).
 */
export function analysisAccess(
  client: HttpClient,
  pathOf: (ref: RolloutRef) => string,
  getRaw: (ref: RolloutRef) => Promise<RawRollout>,
): Required<Pick<DeployProvider, 'analysisRuns' | 'installAnalysisTemplate'>> {
  return {
    async analysisRuns(ref) {
      const path = pathOf(ref);
      const rollout = await getRaw(ref);
      return listAnalysisRuns(client, path, ref, rollout.metadata.uid ?? null);
    },
    async installAnalysisTemplate(ref, template) {
      pathOf(ref);
      const rollout = await getRaw(ref);
      return installTemplate(client, ref.namespace, template, rollout.spec);
    },
  };
}
