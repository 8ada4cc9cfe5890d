import type { Agent } from 'node:http';
import type { z } from 'zod';
import type { MetricsProvider, RangeQuery, RawSeries } from '../../core/ports';
import { RingsideError } from '../../../src-shared/ipc/result';
import { createHttpClient } from '../http/httpClient';
import type { RetryOptions } from '../http/retryPolicy';
import { authHeaders, type PrometheusAuth } from './authHeaders';
import { failureError, fromHttpError, SERVICE } from './prometheusErrors';
import { msToSeconds } from './sampleValue';
import { QueryResponse } from './schemas';
import { createSemaphore } from './semaphore';
import { guardStep } from './stepGuard';
import { toSeries } from './toSeries';

export interface PrometheusConnection {
  /** Base URL of the HTTP API, with any path prefix (e.g. https://mimir.example/prometheus). */
  url: string;
  auth?: PrometheusAuth;
  /** Per request; 90 % of it is sent as the query's evaluation `timeout`, so Prometheus says "timed out" before the client gives up. */
  timeoutMs?: number;
  /** Queries sent at once; the rest wait their turn. */
  maxInFlight?: number;
  /** Extra headers, e.g. X-Scope-OrgID for a multi-tenant Mimir or Cortex. */
  headers?: Record<string, string>;
  retry?: RetryOptions;
  /** an https.Agent trusting the workspace's custom CA (see http/urlPolicy caAgent) */
  agent?: Agent;
}

export interface PrometheusProvider extends MetricsProvider {
  readonly provider: 'prometheus';
  /** An instant query at `time` (epoch ms; the server's now when absent). */
  query(query: string, time?: number): Promise<RawSeries[]>;
}

/**
 * Any Prometheus-API store (Prometheus, Thanos, Mimir, VictoriaMetrics) through the shared HTTP
 * client. Only /api/v1/query and /api/v1/query_range are used: both exist in every such store.
 */
export function createPrometheusProvider(connection: PrometheusConnection): PrometheusProvider {
  const timeoutMs = connection.timeoutMs ?? 10_000;
  const signIn = authHeaders(connection.auth);
  const client = createHttpClient({
    service: SERVICE,
    baseUrl: connection.url,
    timeoutMs,
    retry: connection.retry,
    agent: connection.agent,
    headers: () => ({ ...connection.headers, ...signIn }),
  });
  const gate = createSemaphore(connection.maxInFlight ?? 4);

  async function call(path: string, params: Record<string, string>): Promise<z.output<typeof QueryResponse>> {
    const search = new URLSearchParams({ ...params, timeout: msToSeconds(Math.floor(timeoutMs * 0.9)) });
    let body: unknown;
    try {
      body = await gate.run(() => client.json({ path: `${path}?${search.toString()}` }));
    } catch (error) {
      throw fromHttpError(error);
    }
    const parsed = QueryResponse.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new RingsideError(
        'bad_response',
        `${SERVICE} answered ${path} with an unexpected shape (${issue?.path.join('.') || 'body'}: ${issue?.message}). ` +
          'Is the URL pointing at the Prometheus HTTP API?',
      );
    }
    return parsed.data;
  }

  async function run(path: string, query: string, params: Record<string, string>): Promise<RawSeries[]> {
    if (typeof query !== 'string' || query.trim() === '') throw new RingsideError('bad_request', 'The PromQL query is empty.');
    const answer = await call(path, { query, ...params });
    if (answer.status === 'error') throw failureError(answer);
    return toSeries(answer.data, query);
  }

  return {
    provider: 'prometheus',
    async queryRange({ query, start, end, stepMs }: RangeQuery) {
      const step = guardStep(start, end, stepMs);
      return run('/api/v1/query_range', query, { start: msToSeconds(start), end: msToSeconds(end), step: msToSeconds(step) });
    },
    async query(query: string, time?: number) {
      if (time !== undefined && !Number.isFinite(time)) throw new RingsideError('bad_request', 'An instant query needs a finite time.');
      return run('/api/v1/query', query, time === undefined ? {} : { time: msToSeconds(time) });
    },
  };
}
