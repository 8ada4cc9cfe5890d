import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A test-only service exposing checkout metrics in the Prometheus text format: the canary
 * answers more 500s and slower than the baseline, and every extra version (hostile ones
 * included) gets one counter series of its own. Counters grow with wall time, so any two
 * scrapes give a steady rate.
 */
export interface SyntheticCheckout {
  /** host:port to scrape */
  target: string;
  close(): Promise<void>;
}

const BUCKETS = ['0.05', '0.1', '0.25', '0.5', '1', '+Inf'];
/** requests per second, and the share of requests at or under each bucket bound */
const PROFILE = {
  baseline: { ok: 50, errors: 0.5, cumulative: [0.7, 0.9, 0.98, 1, 1, 1], meanSeconds: 0.05 },
  canary: { ok: 50, errors: 5, cumulative: [0.2, 0.4, 0.7, 0.9, 1, 1], meanSeconds: 0.2 },
} as const;

/** Text-format label value escaping: backslash, double quote and newline, nothing else. */
export const expositionValue = (v: string): string => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

export function renderMetrics(elapsedSeconds: number, extraVersions: readonly string[]): string {
  const lines = ['# HELP http_requests_total Requests served.', '# TYPE http_requests_total counter'];
  const labels = (version: string, more = '') => `service="checkout",version="${expositionValue(version)}"${more}`;
  for (const [version, p] of Object.entries(PROFILE)) {
    lines.push(`http_requests_total{${labels(version, ',code="200"')}} ${p.ok * elapsedSeconds}`);
    lines.push(`http_requests_total{${labels(version, ',code="500"')}} ${p.errors * elapsedSeconds}`);
  }
  for (const version of extraVersions) lines.push(`http_requests_total{${labels(version, ',code="200"')}} ${elapsedSeconds}`);
  lines.push('# HELP http_request_duration_seconds Request latency.', '# TYPE http_request_duration_seconds histogram');
  for (const [version, p] of Object.entries(PROFILE)) {
    const count = (p.ok + p.errors) * elapsedSeconds;
    BUCKETS.forEach((le, i) => lines.push(`http_request_duration_seconds_bucket{${labels(version, `,le="${le}"`)}} ${count * (p.cumulative[i] ?? 1)}`));
    lines.push(`http_request_duration_seconds_sum{${labels(version)}} ${count * p.meanSeconds}`);
    lines.push(`http_request_duration_seconds_count{${labels(version)}} ${count}`);
  }
  return `${lines.join('\n')}\n`;
}

export async function startSyntheticCheckout(extraVersions: readonly string[] = []): Promise<SyntheticCheckout> {
  const started = Date.now();
  const server: Server = createServer((req, res) => {
    if (req.url !== '/metrics') return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
    res.end(renderMetrics((Date.now() - started) / 1000, extraVersions));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    target: `127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
