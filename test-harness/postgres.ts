import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { recordOwnership, sweepOrphans } from './orphans.js';
import { withFreePort } from './ports.js';
import { isAlive, removeDirAtExit, onHarnessExit, runCommand, stopPid } from './process.js';

/** PostgreSQL 15's server binaries: Debian's place, or PG_BIN (macOS: $(brew --prefix postgresql@15)/bin). */
const BIN = process.env.PG_BIN || '/usr/lib/postgresql/15/bin';

export interface PostgresServer {
  port: number;
  /** The cluster's data directory (inside a temp dir removed by stop()). */
  dataDir: string;
  /** postgres://postgres@127.0.0.1:PORT/postgres (trust auth, no password). */
  url: string;
  /** Creates an empty database (a random name when none is given) and returns its URL. */
  createDatabase(name?: string): Promise<string>;
  /** Immediate shutdown, kill of the postmaster if it lingers, temp dir removed. Idempotent. */
  stop(): Promise<void>;
}

interface RunAs {
  uid?: number;
  gid?: number;
}

/** initdb refuses to run as root: when we are root, run the server binaries as `postgres`. */
function serverUser(): RunAs {
  if (process.getuid?.() !== 0) return {};
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  const [, , uid, gid] = line?.split(':') ?? [];
  if (!uid || !gid) throw new Error('Running as root but there is no `postgres` user: install the Debian `postgresql` package.');
  return { uid: Number(uid), gid: Number(gid) };
}

function requireBinaries(): void {
  for (const bin of ['initdb', 'pg_ctl', 'createdb']) {
    if (!existsSync(join(BIN, bin))) {
      throw new Error(`${join(BIN, bin)} is missing: run \`apt-get install -y --no-install-recommends postgresql\``);
    }
  }
}

/** Starts a throwaway PostgreSQL 15 cluster on 127.0.0.1 at a free port, from an empty data dir. */
export async function startPostgres(): Promise<PostgresServer> {
  requireBinaries();
  // SIGQUIT is postgres' immediate shutdown: it still releases its shared memory.
  sweepOrphans('ringside-pg-', 'SIGQUIT');
  const user = serverUser();
  const root = mkdtempSync(join(tmpdir(), 'ringside-pg-'));
  const unregisterDir = removeDirAtExit(root);
  if (user.uid !== undefined && user.gid !== undefined) chownSync(root, user.uid, user.gid);
  // cwd inside the temp dir: the postgres user may not be allowed into ours.
  const asServer = { ...user, cwd: root, env: { ...process.env, LC_ALL: 'C.UTF-8' } };
  const dataDir = join(root, 'data');
  const logFile = join(root, 'postgres.log');
  const pgCtl = join(BIN, 'pg_ctl');

  let postmasterPid = -1;
  let unregisterPid = (): void => {};
  const forceStop = async (): Promise<void> => {
    try {
      await runCommand(pgCtl, ['-D', dataDir, '-m', 'immediate', '-w', '-t', '10', 'stop'], asServer, 20_000);
    } catch {
      // not running, or pg_ctl could not stop it: the PID kill below settles it
    }
    if (postmasterPid > 0 && isAlive(postmasterPid)) await stopPid(postmasterPid, 0);
    unregisterPid();
  };

  try {
    await runCommand(
      join(BIN, 'initdb'),
      ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync', '--no-instructions'],
      asServer,
    );
    const port = await withFreePort(async (candidate) => {
      // Settings for a disposable test cluster: durability off, sockets in our temp dir.
      const serverOptions = [
        '-c listen_addresses=127.0.0.1',
        `-p ${candidate}`,
        `-k ${root}`,
        '-c fsync=off -c synchronous_commit=off -c full_page_writes=off',
      ].join(' ');
      try {
        await runCommand(pgCtl, ['-D', dataDir, '-l', logFile, '-o', serverOptions, '-w', '-t', '30', 'start'], asServer, 45_000);
      } catch (err) {
        const log = existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').slice(-20).join('\n') : '';
        await forceStop();
        throw new Error(`${(err as Error).message}\n--- postgres.log ---\n${log}`, { cause: err });
      }
      return candidate;
    });
    postmasterPid = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    // pg_ctl daemonizes the postmaster, so it is not our child: kill it by PID if we die first.
    const pid = postmasterPid;
    recordOwnership(root, pid);
    unregisterPid = onHarnessExit(() => {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone
      }
    });

    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    let stopped: Promise<void> | undefined;
    return {
      port,
      dataDir,
      url,
      async createDatabase(name = `db_${randomBytes(6).toString('hex')}`): Promise<string> {
        if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`not a plain lower-case database name: ${name}`);
        await runCommand(join(BIN, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', name], { cwd: root });
        return `postgres://postgres@127.0.0.1:${port}/${name}`;
      },
      stop(): Promise<void> {
        stopped ??= (async () => {
          await forceStop();
          rmSync(root, { recursive: true, force: true });
          unregisterDir();
        })();
        return stopped;
      },
    };
  } catch (err) {
    await forceStop();
    rmSync(root, { recursive: true, force: true });
    unregisterDir();
    throw err;
  }
}
