import { request } from 'node:https';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withFreePort } from '../../../../test-harness/ports';
import { removeDirAtExit, sleep, spawnManaged, stopPid } from '../../../../test-harness/process';

const BINARY = '/usr/bin/prometheus';

/** User and password of the basic auth below; the hash is bcrypt (cost 4) of the password, as Prometheus' web config wants. */
export const METRICS_USER = 'ringside';
export const METRICS_PASSWORD = 'ringside-metrics-pass';
const METRICS_PASSWORD_BCRYPT = '$2b$04$bcNK4dyyBB1pJf3NjGhLke3Xs1hmVAQhtkMd6T.HTzWv3AwOPm7Hm';

export interface SecurePrometheus {
  url: string;
  stop(): Promise<void>;
}

/**
 * A real Prometheus (Debian package) on 127.0.0.1 serving its API over https with the given
 * certificate and asking for basic auth, through its own --web.config.file (tls_server_config,
 * basic_auth_users). Nothing is scraped: the connection test reads only buildinfo.
 */
export async function startSecurePrometheus(tls: { certFile: string; keyFile: string; cert: string }): Promise<SecurePrometheus> {
  const dir = mkdtempSync(join(tmpdir(), 'ringside-prom-tls-'));
  const unregister = removeDirAtExit(dir);
  // JSON is valid YAML: no YAML writer needed.
  writeFileSync(join(dir, 'prometheus.yml'), JSON.stringify({ global: { scrape_interval: '15s' }, scrape_configs: [] }));
  writeFileSync(
    join(dir, 'web.yml'),
    JSON.stringify({ tls_server_config: { cert_file: tls.certFile, key_file: tls.keyFile }, basic_auth_users: { [METRICS_USER]: METRICS_PASSWORD_BCRYPT } }),
  );
  const cleanup = () => {
    rmSync(dir, { recursive: true, force: true });
    unregister();
  };
  try {
    return await withFreePort(async (port) => {
      const proc = spawnManaged(BINARY, [
        `--config.file=${join(dir, 'prometheus.yml')}`,
        `--web.config.file=${join(dir, 'web.yml')}`,
        `--storage.tsdb.path=${join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--log.level=warn',
      ], { cwd: dir });
      const url = `https://127.0.0.1:${port}`;
      try {
        await waitReady(url, tls.cert, proc.exitInfo);
      } catch (error) {
        await stopPid(proc.pid, 0);
        throw new Error(`${(error as Error).message}\n${proc.describe()}`, { cause: error });
      }
      let stopped: Promise<void> | undefined;
      return {
        url,
        stop: () => (stopped ??= stopPid(proc.pid, 5_000).then(() => proc.exited).then(cleanup)),
      };
    });
  } catch (error) {
    cleanup();
    throw error;
  }
}

/** Polls /-/ready over https, trusting the test certificate, until Prometheus answers 200. */
async function waitReady(url: string, ca: string, exited: () => unknown): Promise<void> {
  const auth = `Basic ${Buffer.from(`${METRICS_USER}:${METRICS_PASSWORD}`).toString('base64')}`;
  const deadline = Date.now() + 30_000;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (exited()) throw new Error('prometheus exited before it was ready');
    last = await new Promise<string>((resolve) => {
      const req = request(`${url}/-/ready`, { ca, headers: { authorization: auth }, timeout: 2_000 }, (res) => {
        res.resume();
        resolve(String(res.statusCode));
      });
      req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
      req.on('timeout', () => req.destroy());
      req.end();
    });
    if (last === '200') return;
    await sleep(100);
  }
  throw new Error(`prometheus over https not ready at ${url} (last: ${last})`);
}
