import { parseArgs } from 'node:util';
export interface CliOptions {
  /** null when not given: serve uses the OS user-data folder, the desktop app Electron's own. */
  dataDir: string | null;
  /** serve's port; null when not given: the one this data folder used last, else any free one (0 asks for any). */
  port: number | null;
  seed: number;
  pollMs: number;
  /** how much faster than real time the demo's release plan plays */
  demoSpeed: number;
  /** A workspace definition file (JSON); null runs the demo fleet. */
  workspaceFile: string | null;
  /** Serve mode's secrets file (JSON by workspace id, then secret name; mode 0600); null: from environment variables only. */
  secretsFile: string | null;
}

const usage = 'Usage: ringside [--data-dir DIR] [--workspace FILE] [--secrets FILE] [--port N] [--seed N] [--poll-ms N] [--demo-speed N]';

/** Command-line options shared by the desktop app and serve mode; a bad value is an error, not a default. */
export function parseCliArgs(argv: string[]): CliOptions {
  const { values } = parseArgs({
    args: argv,
    strict: false,
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      seed: { type: 'string' },
      'poll-ms': { type: 'string' },
      'demo-speed': { type: 'string' },
      workspace: { type: 'string' },
      secrets: { type: 'string' },
    },
  });
  const int = (name: string, raw: unknown, fallback: number, min: number, max: number) => {
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (typeof raw !== 'string' || !Number.isInteger(n) || n < min || n > max) {
      throw new Error(`--${name} must be a whole number from ${min} to ${max}, got "${String(raw)}". ${usage}`);
    }
    return n;
  };
  const dataDir = values['data-dir'];
  if (dataDir !== undefined && (typeof dataDir !== 'string' || dataDir.length === 0)) {
    throw new Error(`--data-dir needs a folder. ${usage}`);
  }
  const workspace = values.workspace;
  if (workspace !== undefined && (typeof workspace !== 'string' || workspace.length === 0)) {
    throw new Error(`--workspace needs a file. ${usage}`);
  }
  const secrets = values.secrets;
  if (secrets !== undefined && (typeof secrets !== 'string' || secrets.length === 0)) {
    throw new Error(`--secrets needs a file (JSON {"<workspace id>": {"flags.token": "…"}}, mode 0600). ${usage}`);
  }
  if (secrets !== undefined && workspace === undefined) {
    throw new Error(`--secrets goes with --workspace: it holds the secrets of the workspaces that file defines. ${usage}`);
  }
  return {
    workspaceFile: typeof workspace === 'string' ? workspace : null,
    secretsFile: typeof secrets === 'string' ? secrets : null,
    dataDir: typeof dataDir === 'string' ? dataDir : null,
    port: values.port === undefined ? null : int('port', values.port, 0, 0, 65535),
    seed: int('seed', values.seed, 42, 0, 2 ** 31 - 1),
    pollMs: int('poll-ms', values['poll-ms'], 5000, 0, 3_600_000),
    demoSpeed: int('demo-speed', values['demo-speed'], 1, 1, 3600),
  };
}
