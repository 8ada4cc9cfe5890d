import type { Agent } from 'node:http';
import type { z } from 'zod';
import type { FeatureTypeInfo, Flag, FlagEnvironmentState, FlagServerEvent } from '../../../src-shared/domain/flag';
import { RingsideError } from '../../../src-shared/ipc/result';
import type { FlagSnapshot } from '../../core/ports/flagProvider';
import { createHttpClient, type HttpClient, type HttpRequest } from '../http/httpClient';
import { mapLimit } from './mapLimit';
import { UnleashEventSearch, UnleashFeatureDetail, UnleashFeatureTags, UnleashFeatureTypes, type UnleashStrategy } from './schemas';
import { createEnvironmentRead } from './unleashEnvironmentRead';
import { explainWriteError } from './unleashErrors';
import { createUnleashGovernance } from './unleashGovernance';
import { environmentsOf, searchAll, toSummary, withStrategies } from './unleashListing';
import { flagTypeOf, toEnvironmentState, toServerEvent } from './unleashMapping';

export interface UnleashConnection {
  url: string;
  project: string;
  token: string;
  timeoutMs?: number;
  /** an https.Agent trusting the workspace's custom CA (see http/urlPolicy caAgent) */
  agent?: Agent;
}

/** Unleash 7.x Admin API, read and written with node-fetch through the shared HTTP client. */
export function createUnleashProvider(connection: UnleashConnection, http?: HttpClient) {
  const client =
    http ??
    createHttpClient({
      service: 'Unleash',
      baseUrl: connection.url,
      timeoutMs: connection.timeoutMs,
      agent: connection.agent,
      headers: () => ({ authorization: connection.token }),
    });
  const project = (() => {
    try {
      return encodeURIComponent(connection.project);
    } catch {
      throw new RingsideError('bad_request', 'project: the Unleash project id is not well-formed text (it has a lone UTF-16 surrogate).');
    }
  })();
  const featurePath = (flag: string) => `/api/admin/projects/${project}/features/${encodeURIComponent(flag)}`;

  async function read<S extends z.ZodType>(path: string, schema: S, body?: unknown): Promise<z.output<S>> {
    const answer = await client.json(body === undefined ? { path } : { method: 'POST', path, body, idempotent: true });
    const parsed = schema.safeParse(answer);
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

  /** A change to one environment; the server's change-request rule (403 SKIP_CHANGE_REQUEST) is explained, never worked around. */
  async function write(environment: string, req: HttpRequest): Promise<void> {
    try {
      await client.send(req);
    } catch (error) {
      throw explainWriteError(error, environment, connection.project);
    }
  }

  async function detail(flag: string) {
    return read(featurePath(flag), UnleashFeatureDetail);
  }

  /** A cold listing: the feature search page by page, then one export per environment for the strategies. */
  async function listFlags(): Promise<FlagSnapshot> {
    const found = await searchAll(read, project);
    const environments = environmentsOf(found);
    const flags = await withStrategies(read, connection.project, found.map((f) => toSummary(f, connection.project)), environments);
    return { flags, environments };
  }

  async function listSummaries() {
    const found = await searchAll(read, project);
    return { flags: found.map((f) => toSummary(f, connection.project)), environments: environmentsOf(found) };
  }

  /** Each named flag's detail and tags (two requests a flag, four flags at a time); a 404 means it is gone. */
  async function readFlags(names: string[]): Promise<{ flags: Flag[]; missing: string[] }> {
    const missing: string[] = [];
    const read = await mapLimit(names, 4, async (name): Promise<Flag | null> => {
      try {
        const [d, tags] = await Promise.all([detail(name), readTags(name)]);
        if (d.archived) {
          missing.push(name);
          return null;
        }
        return {
          name: d.name,
          project: d.project ?? connection.project,
          type: flagTypeOf(d.type),
          description: d.description ?? '',
          createdBy: d.createdBy?.name ?? 'unknown',
          createdAt: d.createdAt ? Date.parse(d.createdAt) : 0,
          tags,
          lifecycleStage: d.lifecycle?.stage ?? null,
          environments: d.environments.map(toEnvironmentState),
        };
      } catch (error) {
        if (error instanceof RingsideError && error.code === 'not_found') {
          missing.push(name);
          return null;
        }
        throw error;
      }
    });
    return { flags: read.filter((f): f is Flag => f !== null), missing };
  }

  async function readTags(flag: string) {
    const answer = await read(`/api/admin/features/${encodeURIComponent(flag)}/tags`, UnleashFeatureTags);
    return answer.tags.map((t) => ({ type: t.type, value: t.value }));
  }

  async function readState(flag: string, environment: string): Promise<FlagEnvironmentState> {
    const found = (await detail(flag)).environments.find((e) => e.name === environment);
    if (!found) throw new RingsideError('not_found', `Flag ${flag} has no environment "${environment}" in Unleash.`);
    return toEnvironmentState(found);
  }

  const environmentPath = (flag: string, environment: string) => `${featurePath(flag)}/environments/${encodeURIComponent(environment)}`;
  const readEnvironment = createEnvironmentRead(read, environmentPath, readState);

  async function setEnabled(flag: string, environment: string, enabled: boolean): Promise<void> {
    await write(environment, {
      method: 'POST',
      path: `${environmentPath(flag, environment)}/${enabled ? 'on' : 'off'}`,
      idempotent: true,
    });
  }

  const strategyPath = (flag: string, environment: string, strategyId: string) =>
    `${environmentPath(flag, environment)}/strategies/${encodeURIComponent(strategyId)}`;

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
    await write(environment, {
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
    await write(environment, {
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

  const governance = createUnleashGovernance(client, connection.project);

  return { provider: 'unleash', listFlags, listSummaries, readFlags, readState, readEnvironment, setEnabled, setRollout, setStrategyEnabled, featureTypes, eventsSince, eventPage, governance };
}
