import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isAlive } from './process.js';

// A test process killed with SIGKILL runs no exit hook, so the daemons it started (postgres is
// daemonized by pg_ctl, prometheus has no way to notice its parent died) outlive it.
// Each temp dir records who owns it; the next start sweeps dirs whose owner is gone.

const OWNER_FILE = 'harness-owner.json';
const UNCLAIMED_MAX_AGE_MS = 10 * 60_000;

interface Ownership {
  ownerPid: number;
  serverPid: number;
}

/** Writes the ownership record into a harness temp dir once its server runs. */
export function recordOwnership(dir: string, serverPid: number): void {
  const record: Ownership = { ownerPid: process.pid, serverPid };
  writeFileSync(join(dir, OWNER_FILE), JSON.stringify(record));
}

/** The server PID only if it still is the process started over `dir` (guards against PID reuse). */
function serverOf(dir: string, pid: number): number | undefined {
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return cmdline.includes(dir) && isAlive(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Signals the servers (SIGKILL unless told) and removes the temp dirs `<tmpdir>/<prefix>*` left by test processes that died. */
export function sweepOrphans(prefix: string, signal: NodeJS.Signals = 'SIGKILL'): void {
  let names: string[];
  try {
    names = readdirSync(tmpdir()).filter((n) => n.startsWith(prefix));
  } catch {
    return;
  }
  for (const name of names) {
    const dir = join(tmpdir(), name);
    try {
      let record: Ownership | undefined;
      try {
        record = JSON.parse(readFileSync(join(dir, OWNER_FILE), 'utf8')) as Ownership;
      } catch {
        // No record yet: another process may be setting it up right now; only old ones are ours to clear.
        if (Date.now() - statSync(dir).mtimeMs < UNCLAIMED_MAX_AGE_MS) continue;
      }
      if (record && isAlive(record.ownerPid)) continue;
      const server = record ? serverOf(dir, record.serverPid) : undefined;
      if (server !== undefined) process.kill(server, signal);
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // best effort: a dir we cannot read or remove is left alone
    }
  }
}
