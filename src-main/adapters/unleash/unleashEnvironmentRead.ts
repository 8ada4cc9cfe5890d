import { z } from 'zod';
import type { FlagEnvironmentState } from '../../../src-shared/domain/flag';
import type { FlagEnvironmentRead } from '../../core/ports/flagProvider';
import { UpstreamError } from '../http/httpErrors';
import { UnleashStrategy } from './schemas';
import { toEnvironmentState } from './unleashMapping';

/** GET /api/admin/projects/{project}/features/{feature}/environments/{environment} (Unleash 4+). */
export const UnleashFeatureEnvironmentInfo = z.object({
  environment: z.string(),
  enabled: z.boolean(),
  strategies: z.array(UnleashStrategy),
});

type Read = <S extends z.ZodType>(path: string, schema: S) => Promise<z.output<S>>;

/**
 * One flag in one environment by Unleash's per-environment read: the flag's on/off and that
 * environment's strategies, without the rest of the flag (about a third of the whole detail's cost
 * on 7.5). Unleash lists no segments there, so a state with strategies is marked incomplete: its
 * constraintCount counts constraints only. A server without the route (404 for a flag and
 * environment the whole detail still shows, or 405) is read whole from then on.
 */
export function createEnvironmentRead(
  read: Read,
  environmentPath: (flag: string, environment: string) => string,
  whole: (flag: string, environment: string) => Promise<FlagEnvironmentState>,
) {
  let routeMissing = false;

  return async function readEnvironment(flag: string, environment: string): Promise<FlagEnvironmentRead> {
    if (routeMissing) return { state: await whole(flag, environment), complete: true };
    let answer: z.output<typeof UnleashFeatureEnvironmentInfo>;
    try {
      answer = await read(environmentPath(flag, environment), UnleashFeatureEnvironmentInfo);
    } catch (error) {
      if (!(error instanceof UpstreamError && (error.status === 404 || error.status === 405))) throw error;
      // A 404 may mean the flag or the environment is gone: the whole read says which (and throws its not_found).
      const state = await whole(flag, environment);
      routeMissing = true;
      return { state, complete: true };
    }
    return {
      state: toEnvironmentState({ name: environment, enabled: answer.enabled, strategies: answer.strategies }),
      complete: answer.strategies.every((s) => Array.isArray(s.segments)),
    };
  };
}
