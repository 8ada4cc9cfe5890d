import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { recordOwnership, sweepOrphans } from './orphans.js';
import { withFreePort } from './ports.js';
import { removeDirAtExit, sleep, spawnManaged, stopPid, waitForHttp } from './process.js';

/** The first prometheus on PATH (Homebrew's on macOS), else Debian's. */
const BINARY = (process.env.PATH ?? '').split(delimiter).map((d) => join(d, 'prometheus')).find((f) => existsSync(f)) ?? '/usr/bin/prometheus';

export interface StartPrometheusOptions {
  /** host:port of each /metrics endpoint to scrape (job name `harness`). */
  scrapeTargets: string[];
  scrapeIntervalSeconds?: number;
  readyTimeoutMs?: number;
}

/** One element of an instant query's `data.result`; the value is [unix seconds, "string number"]. */
export interface PromSample {
  metric: Record<string, string>;
  value: [number, string];
}

export interface PrometheusServer {
  /** http://127.0.0.1:PORT, no trailing slash. */
  url: string;
  port: number;
  pid: number;
  /** Runs an instant query and returns `data.result` (vector results only). */
  query(promql: string): Promise<PromSample[]>;
  /** Polls `up` until every scrape target reports 1 (the first scrape lands ≈6 s after start). */
  waitForTargetsUp(timeoutMs?: number): Promise<void>;
  /** SIGTERM, then SIGKILL after `graceMs` (default 5 s); removes the temp dir. Idempotent. */
  stop(options?: { graceMs?: number }): Promise<void>;
}

/** Starts a Debian `prometheus` on 127.0.0.1 at a free port with empty storage, waiting for /-/ready. */
export async function startPrometheus(options: StartPrometheusOptions): Promise<PrometheusServer> {
  if (!existsSync(BINARY)) {
    throw new Error(`${BINARY} is missing: run \`apt-get install -y --no-install-recommends prometheus\` (and stop the service it starts).`);
  }
  sweepOrphans('ringside-prom-');
  const interval = `${options.scrapeIntervalSeconds ?? 1}s`;
  const dir = mkdtempSync(join(tmpdir(), 'ringside-prom-'));
  const unregisterDir = removeDirAtExit(dir);
  const configFile = join(dir, 'prometheus.yml');
  // JSON is valid YAML, so no YAML library is needed.
  const config = {
    global: { scrape_interval: interval, scrape_timeout: interval, evaluation_interval: interval },
    scrape_configs: [{ job_name: 'harness', static_configs: [{ targets: options.scrapeTargets }] }],
  };
  writeFileSync(configFile, JSON.stringify(config, null, 2));

  const cleanupDir = (): void => {
    rmSync(dir, { recursive: true, force: true });
    unregisterDir();
  };
  try {
    return await withFreePort(async (port) => {
      const proc = spawnManaged(
        BINARY,
        [
          `--config.file=${configFile}`,
          `--storage.tsdb.path=${join(dir, 'data')}`,
          `--web.listen-address=127.0.0.1:${port}`,
          '--log.level=warn',
        ],
        { cwd: dir },
      );
      recordOwnership(dir, proc.pid);
      const url = `http://127.0.0.1:${port}`;
      try {
        await waitForHttp(`${url}/-/ready`, {
          what: 'prometheus',
          process: proc,
          timeoutMs: options.readyTimeoutMs ?? 30_000,
          accept: (status) => status === 200,
        });
      } catch (err) {
        await stopPid(proc.pid, 0);
        throw err;
      }
      const query = async (promql: string): Promise<PromSample[]> => {
        const res = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(promql)}`);
        const body = (await res.json()) as { status: string; error?: string; data?: { result?: PromSample[] } };
        if (body.status !== 'success') throw new Error(`prometheus query ${promql} failed: ${body.error ?? res.status}`);
        return body.data?.result ?? [];
      };
      let stopped: Promise<void> | undefined;
      return {
        url,
        port,
        pid: proc.pid,
        query,
        async waitForTargetsUp(timeoutMs = 20_000) {
          const deadline = Date.now() + timeoutMs;
          let up: PromSample[] = [];
          while (Date.now() < deadline) {
            up = await query('up');
            const healthy = options.scrapeTargets.every((t) => up.some((s) => s.metric.instance === t && s.value[1] === '1'));
            if (healthy) return;
            await sleep(250);
          }
          throw new Error(`scrape targets not up after ${timeoutMs} ms: ${JSON.stringify(up)}\n${proc.describe()}`);
        },
        stop({ graceMs = 5_000 } = {}) {
          stopped ??= stopPid(proc.pid, graceMs)
            .then(() => proc.exited)
            .then(cleanupDir);
          return stopped;
        },
      };
    });
  } catch (err) {
    cleanupDir();
    throw err;
  }
}
