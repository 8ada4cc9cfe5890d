import type { z } from 'zod';
import type { Environment, Flag } from '../../../src-shared/domain/flag';
import { RingsideError } from '../../../src-shared/ipc/result';
import type { FlagSummary } from '../../core/ports/flagProvider';
import { flagTypeOf, toEnvironmentState } from './unleashMapping';
import { UnleashExport, UnleashFeatureSearch, type UnleashSearchFeature, type UnleashStrategy } from './schemas';

/** Unleash 7.5 caps the feature search at 100 a page (and answers 50 for anything above). */
export const SEARCH_PAGE = 100;
/** A listing whose total moved under it (flags created or archived mid-walk) is walked again, this often at most. */
const WALKS = 3;

type Read = <S extends z.ZodType>(path: string, schema: S, body?: unknown) => Promise<z.output<S>>;

/**
 * Every flag of the project from the feature search, page by page at the server's own page size,
 * until the server's `total` is reached; a short page is never taken as the end by itself.
 */
export async function searchAll(read: Read, project: string): Promise<UnleashSearchFeature[]> {
  let last: { found: number; total: number } | null = null;
  for (let walk = 0; walk < WALKS; walk += 1) {
    const byName = new Map<string, UnleashSearchFeature>();
    let total: number | null = null;
    let moved = false;
    for (let offset = 0; ; ) {
      const page = await read(
        `/api/admin/search/features?project=IS:${project}&sortBy=createdAt&sortOrder=asc&limit=${SEARCH_PAGE}&offset=${offset}`,
        UnleashFeatureSearch,
      );
      const pageTotal = page.total ?? null;
      if (total !== null && pageTotal !== null && pageTotal !== total) moved = true;
      total = pageTotal ?? total;
      for (const feature of page.features) byName.set(feature.name, feature);
      offset += page.features.length;
      if (page.features.length === 0 || total === null || offset >= total) break;
    }
    if (!moved && (total === null || byName.size >= total)) return [...byName.values()];
    last = { found: byName.size, total: total ?? byName.size };
  }
  throw new RingsideError(
    'bad_response',
    `Unleash's flag list kept changing while it was read (${last?.found} of ${last?.total} flags after ${WALKS} walks); try again.`,
  );
}

export function environmentsOf(features: UnleashSearchFeature[]): Environment[] {
  const environments = new Map<string, Environment>();
  for (const f of features) {
    for (const env of f.environments) environments.set(env.name, { name: env.name, type: env.type ?? 'development' });
  }
  return [...environments.values()];
}

/** A flag as the feature search shows it: everything but the strategies. */
export function toSummary(f: UnleashSearchFeature, project: string): FlagSummary {
  return {
    name: f.name,
    project: f.project ?? project,
    type: flagTypeOf(f.type),
    description: f.description ?? '',
    createdBy: f.createdBy?.name ?? 'unknown',
    createdAt: f.createdAt ? Date.parse(f.createdAt) : 0,
    tags: (f.tags ?? []).map((t) => ({ type: t.type, value: t.value })),
    lifecycleStage: f.lifecycle?.stage ?? null,
    environments: f.environments.map((e) => ({
      environment: e.name,
      enabled: e.enabled,
      hasStrategies: e.hasStrategies ?? null,
      hasEnabledStrategies: e.hasEnabledStrategies ?? null,
    })),
  };
}

/**
 * The whole project in one request per environment (features-batch/export), joined to the
 * search's flags. Used for a cold listing only: Unleash stores every export as an event.
 */
export async function withStrategies(read: Read, project: string, summaries: FlagSummary[], environments: Environment[]): Promise<Flag[]> {
  const strategies = new Map<string, UnleashStrategy[]>();
  const enabled = new Map<string, boolean>();
  for (const env of environments) {
    const answer = await read('/api/admin/features-batch/export', UnleashExport, { environment: env.name, project });
    for (const fe of answer.featureEnvironments ?? []) enabled.set(`${fe.featureName}\u0000${env.name}`, fe.enabled);
    for (const s of answer.featureStrategies ?? []) {
      const key = `${s.featureName}\u0000${env.name}`;
      strategies.set(key, [...(strategies.get(key) ?? []), s]);
    }
  }
  return summaries.map((summary) => ({
    ...summary,
    environments: summary.environments.map((e) => {
      const key = `${summary.name}\u0000${e.environment}`;
      return toEnvironmentState({ name: e.environment, enabled: enabled.get(key) ?? e.enabled, strategies: strategies.get(key) ?? [] });
    }),
  }));
}
