import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { dirname } from 'node:path';
import { withFreePort } from './ports.js';
import { spawnManaged, stopPid, waitForHttp, type ManagedProcess } from './process.js';

const RUNNER = fileURLToPath(new URL('./unleash-runner.mjs', import.meta.url));
const REPO_ROOT = dirname(dirname(RUNNER));

export interface StartUnleashOptions {
  /** An EMPTY database: Unleash creates the init admin token only into an empty token table. */
  databaseUrl: string;
  /** Milliseconds to wait for `/health` (cold start with migrations takes 3.5–5 s). */
  readyTimeoutMs?: number;
  /** Unleash's own log level on the child's stderr; 'error' by default. */
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
}

export interface UnleashServer {
  /** http://127.0.0.1:PORT, no trailing slash. */
  url: string;
  port: number;
  /** Admin API token (`*:*.<hex>`), sent as the raw `Authorization` header. */
  adminToken: string;
  pid: number;
  /** The child's captured output, for diagnosing a failing test. */
  logs(): string;
  /** SIGTERM, then SIGKILL after `graceMs` (default 5 s); `graceMs: 0` kills at once like a crash. Idempotent. */
  stop(options?: { graceMs?: number }): Promise<void>;
}

/** Starts unleash-server 7.5 in a child process on 127.0.0.1 at a free port and waits until it is healthy. */
export async function startUnleash(options: StartUnleashOptions): Promise<UnleashServer> {
  const adminToken = `*:*.${randomBytes(16).toString('hex')}`;
  const timeoutMs = options.readyTimeoutMs ?? 60_000;

  return withFreePort(async (port) => {
    const proc = spawnManaged(process.execPath, ['--no-deprecation', RUNNER], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      env: {
        ...process.env,
        // Vitest sets NODE_ENV=test, which makes Unleash 7.5 report isOss=false and change behaviour.
        NODE_ENV: 'production',
        RINGSIDE_UNLEASH_DB_URL: options.databaseUrl,
        RINGSIDE_UNLEASH_PORT: String(port),
        RINGSIDE_UNLEASH_ADMIN_TOKEN: adminToken,
        RINGSIDE_UNLEASH_LOG_LEVEL: options.logLevel ?? 'error',
      },
    });
    // The IPC channel only exists so the child notices our death; it must not keep us alive.
    proc.child.channel?.unref();
    const url = `http://127.0.0.1:${port}`;
    try {
      await waitForHttp(`${url}/health`, {
        what: 'unleash-server',
        process: proc,
        timeoutMs,
        accept: (status, body) => status === 200 && body.includes('"GOOD"'),
      });
      await checkAdminToken(url, adminToken, proc);
    } catch (err) {
      await stopPid(proc.pid, 0);
      throw err;
    }
    let stopped: Promise<void> | undefined;
    return {
      url,
      port,
      adminToken,
      pid: proc.pid,
      logs: () => `${proc.stderr.text()}${proc.stdout.text()}`,
      stop({ graceMs = 5_000 } = {}) {
        stopped ??= stopPid(proc.pid, graceMs).then(() => proc.exited.then(() => undefined));
        return stopped;
      },
    };
  });
}

/** A reused database keeps its old tokens and silently ignores ours: say so instead of failing later with 401s. */
async function checkAdminToken(url: string, adminToken: string, proc: ManagedProcess): Promise<void> {
  const res = await fetch(`${url}/api/admin/projects`, { headers: { Authorization: adminToken } });
  if (res.status === 200) return;
  throw new Error(
    `unleash-server is up but rejects the harness admin token (HTTP ${res.status}). ` +
      `The database was probably not empty: pass a fresh one from postgres.createDatabase().\n${proc.describe()}`,
  );
}
