import type { z } from 'zod';
import type { Environment, FeatureTypeInfo, Flag, FlagEnvironmentState, FlagServerEvent, FlagType } from '../../../src-shared/domain/flag';
import { RingsideError } from '../../../src-shared/ipc/result';
import { createHttpClient, type HttpClient } from '../http/httpClient';
import { mapLimit } from './mapLimit';
import {
  UnleashEventSearch,
  UnleashFeatureDetail,
  UnleashFeatureSearch,
  UnleashFeatureTypes,
  type UnleashEvent,
  type UnleashStrategy,
} from './schemas';

export interface UnleashConnection {
  url: string;
  project: string;
  token: string;
  timeoutMs?: number;
}

const FLAG_TYPES = new Set<FlagType>(['release', 'experiment', 'operational', 'kill-switch', 'permission']);
const PAGE = 1000;

/** Unleash 7.x Admin API, read and written with node-fetch through the shared HTTP client. */
export function createUnleashProvider(connection: UnleashConnection, http?: HttpClient) {
  const client =
    http ??
    createHttpClient({
      service: 'Unleash',
      baseUrl: connection.url,
      timeoutMs: connection.timeoutMs,
      headers: () => ({ authorization: connection.token }),
    });
  const project = encodeURIComponent(connection.project);
  const featurePath = (flag: string) => `/api/admin/projects/${project}/features/${encodeURIComponent(flag)}`;

  async function read<S extends z.ZodType>(path: string, schema: S): Promise<z.output<S>> {
    const body = await client.json({ path });
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new RingsideError(
        'bad_response',
        `Unleash answered ${path.split('?')[0]} with an unexpected shape (${issue?.path.join('.') || 'body'}: ${issue?.message}). ` +
          'Is this an Unleash 7 server?',
      );
    }
    return parsed.data;
  }

  async function detail(flag: string) {
    return read(featurePath(flag), UnleashFeatureDetail);
  }

  async function listFlags(): Promise<{ flags: Flag[]; environments: Environment[] }> {
    const found: z.output<typeof UnleashFeatureSearch>['features'] = [];
    for (let offset = 0; ; offset += PAGE) {
      const page = await read(
        `/api/admin/search/features?project=IS:${project}&limit=${PAGE}&offset=${offset}`,
        UnleashFeatureSearch,
      );
      found.push(...page.features);
      if (page.features.length < PAGE) break;
    }
    const details = await mapLimit(found, 4, (f) => detail(f.name));
    const environments = new Map<string, Environment>();
    const flags = found.map((f, i): Flag => {
      for (const env of f.environments) environments.set(env.name, { name: env.name, type: env.type ?? 'development' });
      return {
        name: f.name,
        project: f.project ?? connection.project,
        type: FLAG_TYPES.has(f.type as FlagType) ? (f.type as FlagType) : 'release',
        description: f.description ?? '',
        createdBy: f.createdBy?.name ?? 'unknown',
        createdAt: f.createdAt ? Date.parse(f.createdAt) : 0,
        tags: f.tags ?? [],
        lifecycleStage: details[i]?.lifecycle?.stage ?? f.lifecycle?.stage ?? null,
        environments: (details[i]?.environments ?? []).map(toEnvironmentState),
      };
    });
    return { flags, environments: [...environments.values()] };
  }

  async function readState(flag: string, environment: string): Promise<FlagEnvironmentState> {
    const found = (await detail(flag)).environments.find((e) => e.name === environment);
    if (!found) throw new RingsideError('not_found', `Flag ${flag} has no environment "${environment}" in Unleash.`);
    return toEnvironmentState(found);
  }

  async function setEnabled(flag: string, environment: string, enabled: boolean): Promise<void> {
    await client.send({
      method: 'POST',
      path: `${featurePath(flag)}/environments/${encodeURIComponent(environment)}/${enabled ? 'on' : 'off'}`,
      idempotent: true,
    });
  }

  const strategyPath = (flag: string, environment: string, strategyId: string) =>
    `${featurePath(flag)}/environments/${encodeURIComponent(environment)}/strategies/${encodeURIComponent(strategyId)}`;

  /** Unleash finds a strategy by id alone and checks only its flag, so the environment is checked here. */
  async function strategyOf(flag: string, environment: string, strategyId: string): Promise<UnleashStrategy> {
    const env = (await detail(flag)).environments.find((e) => e.name === environment);
    const strategy = env?.strategies?.find((s) => s.id === strategyId);
    if (!strategy) throw new RingsideError('not_found', `Flag ${flag} has no strategy ${strategyId} in ${environment}.`);
    return strategy;
  }

  async function setRollout(flag: string, environment: string, strategyId: string, rollout: number): Promise<void> {
    const strategy = await strategyOf(flag, environment, strategyId);
    if (strategy.name !== 'flexibleRollout') {
      throw new RingsideError('conflict', `Strategy ${strategyId} of ${flag} is "${strategy.name}", not a gradual rollout.`);
    }
    await client.send({
      method: 'PUT',
      path: strategyPath(flag, environment, strategyId),
      body: {
        name: strategy.name,
        title: strategy.title ?? undefined,
        disabled: strategy.disabled ?? false,
        constraints: strategy.constraints ?? [],
        segments: strategy.segments ?? [],
        variants: strategy.variants ?? [],
        parameters: { ...strategy.parameters, rollout: String(rollout) },
      },
      idempotent: true,
    });
  }

  /**
   * A JSON patch of the one field, so a concurrent change to the strategy's constraints or
   * percentage is not overwritten. Unleash turns the flag off by itself when this leaves every
   * strategy of the environment disabled; the caller's read-back shows it.
   */
  async function setStrategyEnabled(flag: string, environment: string, strategyId: string, enabled: boolean): Promise<void> {
    await strategyOf(flag, environment, strategyId);
    await client.send({
      method: 'PATCH',
      path: strategyPath(flag, environment, strategyId),
      body: [{ op: 'replace', path: '/disabled', value: !enabled }],
      idempotent: true,
    });
  }

  async function featureTypes(): Promise<FeatureTypeInfo[]> {
    return (await read('/api/admin/feature-types', UnleashFeatureTypes)).types;
  }

  /** One page of the project's event log, newest first, as Unleash's event search pages it. */
  async function eventPage(offset: number, limit: number): Promise<{ events: FlagServerEvent[]; total: number | null }> {
    const page = await read(`/api/admin/search/events?project=IS:${project}&limit=${limit}&offset=${offset}`, UnleashEventSearch);
    return { events: page.events.map(toServerEvent), total: page.total ?? null };
  }

  /** Events newer than the cursor (an event id), oldest first; Unleash pages newest first. */
  async function eventsSince(cursor: number | null, pageSize = 200): Promise<FlagServerEvent[]> {
    const collected: FlagServerEvent[] = [];
    for (let offset = 0; ; offset += pageSize) {
      const page = await eventPage(offset, pageSize);
      const fresh = page.events.filter((e) => cursor === null || e.id > cursor);
      collected.push(...fresh);
      if (page.events.length < pageSize || fresh.length < page.events.length) break;
    }
    return collected.sort((a, b) => a.id - b.id);
  }

  return { provider: 'unleash', listFlags, readState, setEnabled, setRollout, setStrategyEnabled, featureTypes, eventsSince, eventPage };
}

function toServerEvent(e: UnleashEvent): FlagServerEvent {
  return {
    id: e.id,
    type: e.type,
    createdBy: e.createdBy ?? 'unknown',
    createdAt: Date.parse(e.createdAt),
    flag: e.featureName ?? null,
    environment: e.environment ?? null,
    data: e.data ?? null,
    preData: e.preData ?? null,
  };
}

function toEnvironmentState(env: { name: string; enabled: boolean; strategies?: UnleashStrategy[] | null }): FlagEnvironmentState {
  return {
    environment: env.name,
    enabled: env.enabled,
    strategies: (env.strategies ?? []).map((s) => ({
      id: s.id,
      name: s.name,
      rollout: rolloutOf(s),
      constraintCount: (s.constraints?.length ?? 0) + (s.segments?.length ?? 0),
      ...(s.title ? { title: s.title } : {}),
      disabled: s.disabled ?? false,
    })),
  };
}

function rolloutOf(strategy: UnleashStrategy): number | null {
  if (strategy.name !== 'flexibleRollout') return null;
  const value = Number(strategy.parameters?.rollout);
  return Number.isFinite(value) && value >= 0 && value <= 100 ? value : null;
}
