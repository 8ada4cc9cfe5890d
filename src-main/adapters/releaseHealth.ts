import { z } from 'zod';
import { RingsideError } from '../../src-shared/ipc/result';
import { renderTemplate } from '../core/canary/promql/index';
import type { ReleaseDefinition } from '../core/workspace';

/** A metric of a release's health model; its query may use {{service}} and {{version}} as label values. */
const HealthMetric = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, 'must be lowercase letters, digits and underscores'),
    label: z.string().min(1).max(120),
    unit: z.string().max(20).default(''),
    harmful: z.enum(['increase', 'decrease', 'either']),
    weight: z.number().nonnegative().optional(),
    critical: z.boolean().optional(),
    tolerance: z.number().nonnegative().optional(),
    query: z.string().min(1).max(5000),
  })
  .strict();

/** A release under canary analysis (a workspace file's `releases`): which version is the canary, which the baseline, how health is measured. */
export const ReleaseHealth = z
  .object({
    id: z.string().min(1).max(200),
    service: z.string().min(1).max(200),
    version: z.string().min(1).max(200),
    baselineVersion: z.string().min(1).max(200),
    flag: z.string().max(200).optional(),
    rollout: z.string().max(200).optional(),
    metrics: z.array(HealthMetric).min(1).max(50),
    rules: z
      .array(
        z
          .object({
            kind: z.enum(['absolute', 'relative']),
            metric: z.string(),
            threshold: z.number().positive(),
            /** consecutive breaching evaluations before the rule trips (default 3) */
            tripAfter: z.number().int().min(1).max(100).optional(),
            /** samples each side needs before the rule is checked at all (default 3) */
            minSamples: z.number().int().min(1).max(10_000).optional(),
            /** evaluations closer than this to the last counted one do not count again (default 30 s) */
            intervalMs: z.number().int().min(0).max(3_600_000).optional(),
          })
          .strict(),
      )
      .optional(),
  })
  .strict();
export type ReleaseHealth = z.infer<typeof ReleaseHealth>;

/** Render each metric's query twice, canary and baseline, with the versions as escaped label values. */
export function releaseDefinition(r: ReleaseHealth): ReleaseDefinition {
  const render = (metric: string, query: string, version: string) => {
    try {
      return renderTemplate(query, { service: r.service, version });
    } catch (error) {
      throw new RingsideError('bad_request', `Release ${r.id}, metric ${metric}: ${(error as Error).message}`);
    }
  };
  return {
    release: {
      id: r.id,
      service: r.service,
      version: r.version,
      flag: r.flag ?? null,
      rollout: r.rollout ?? null,
      startedAt: 0,
      metrics: r.metrics.map(({ query: _query, ...def }) => def),
    },
    queries: Object.fromEntries(
      r.metrics.map((m) => [m.id, { canary: render(m.id, m.query, r.version), baseline: render(m.id, m.query, r.baselineVersion) }]),
    ),
    rules: r.rules,
  };
}
