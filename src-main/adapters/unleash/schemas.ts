import { z } from 'zod';

// The parts of Unleash 7.x Admin API answers Ringside reads; unknown fields pass through untouched.

export const UnleashTag = z.object({ type: z.string(), value: z.string() });

export const UnleashStrategy = z.object({
  id: z.string(),
  name: z.string(),
  disabled: z.boolean().nullish(),
  constraints: z.array(z.unknown()).nullish(),
  segments: z.array(z.number()).nullish(),
  parameters: z.record(z.string(), z.unknown()).nullish(),
  title: z.string().nullish(),
  sortOrder: z.number().nullish(),
  variants: z.array(z.unknown()).nullish(),
});
export type UnleashStrategy = z.infer<typeof UnleashStrategy>;

export const UnleashFeatureEnvironment = z.object({
  name: z.string(),
  type: z.string().nullish(),
  enabled: z.boolean(),
  strategies: z.array(UnleashStrategy).nullish(),
});

/** GET /api/admin/search/features */
export const UnleashFeatureSearch = z.object({
  features: z.array(
    z.object({
      name: z.string(),
      type: z.string().nullish(),
      description: z.string().nullish(),
      project: z.string().nullish(),
      createdAt: z.string().nullish(),
      createdBy: z.object({ name: z.string().nullish() }).nullish(),
      lifecycle: z.object({ stage: z.string() }).nullish(),
      tags: z.array(UnleashTag).nullish(),
      environments: z.array(
        UnleashFeatureEnvironment.omit({ strategies: true }).extend({
          hasStrategies: z.boolean().nullish(),
          hasEnabledStrategies: z.boolean().nullish(),
        }),
      ),
    }),
  ),
  total: z.number().nullish(),
});
export type UnleashSearchFeature = z.infer<typeof UnleashFeatureSearch>['features'][number];

/** GET /api/admin/projects/{project}/features/{feature} */
export const UnleashFeatureDetail = z.object({
  name: z.string(),
  type: z.string().nullish(),
  description: z.string().nullish(),
  project: z.string().nullish(),
  createdAt: z.string().nullish(),
  createdBy: z.object({ name: z.string().nullish() }).nullish(),
  archived: z.boolean().nullish(),
  lifecycle: z.object({ stage: z.string() }).nullish(),
  environments: z.array(UnleashFeatureEnvironment),
});

/** GET /api/admin/features/{feature}/tags */
export const UnleashFeatureTags = z.object({ tags: z.array(UnleashTag) });

/**
 * POST /api/admin/features-batch/export: one environment of many flags in one answer. Unleash
 * records each export as an event holding the whole answer, so Ringside exports only on a cold
 * listing, never on a poll.
 */
export const UnleashExport = z.object({
  features: z.array(z.object({ name: z.string() })),
  featureEnvironments: z.array(z.object({ featureName: z.string(), enabled: z.boolean() })).nullish(),
  featureStrategies: z.array(UnleashStrategy.extend({ featureName: z.string() })).nullish(),
});

/** GET /api/admin/feature-types */
export const UnleashFeatureTypes = z.object({
  types: z.array(z.object({ id: z.string(), name: z.string(), lifetimeDays: z.number().nullable() })),
});

/** GET /api/admin/search/events (newest first) */
export const UnleashEventSearch = z.object({
  events: z.array(
    z.object({
      id: z.number(),
      type: z.string(),
      createdBy: z.string().nullish(),
      createdAt: z.string(),
      featureName: z.string().nullish(),
      project: z.string().nullish(),
      environment: z.string().nullish(),
      data: z.unknown().nullish(),
      preData: z.unknown().nullish(),
    }),
  ),
  total: z.number().nullish(),
});
export type UnleashEvent = z.infer<typeof UnleashEventSearch>['events'][number];
