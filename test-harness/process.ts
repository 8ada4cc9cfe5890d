import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';

/** Keeps only the last `limit` characters of a stream, so a chatty server cannot fill memory. */
export class RingBuffer {
  private buffer = '';
  constructor(private readonly limit = 64 * 1024) {}
  push(chunk: string): void {
    this.buffer += chunk;
    if (this.buffer.length > this.limit) this.buffer = this.buffer.slice(-this.limit);
  }
  /** Everything kept so far. */
  text(): string {
    return this.buffer;
  }
  /** The last `lines` lines, for error messages. */
  tail(lines = 40): string {
    return this.buffer.split('\n').slice(-lines).join('\n').trim();
  }
}

export interface ManagedProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  readonly stdout: RingBuffer;
  readonly stderr: RingBuffer;
  /** Settles when the process has exited; never rejects. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The exit, once it happened (undefined while running). */
  exitInfo(): { code: number | null; signal: NodeJS.Signals | null } | undefined;
  /** Last lines of stderr and stdout, labelled, for error messages. */
  describe(): string;
}

/** Spawns a long-running server with its output captured and a kill registered for our own exit. */
export function spawnManaged(command: string, args: string[], options: SpawnOptions = {}): ManagedProcess {
  const child = spawn(command, args, { ...options, stdio: options.stdio ?? ['ignore', 'pipe', 'pipe'] });
  const stdout = new RingBuffer();
  const stderr = new RingBuffer();
  child.stdout?.setEncoding('utf8').on('data', (d: string) => stdout.push(d));
  child.stderr?.setEncoding('utf8').on('data', (d: string) => stderr.push(d));
  let info: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('error', (err) => {
      stderr.push(`\n[spawn error] ${err.message}\n`);
      info ??= { code: null, signal: null };
      resolve(info);
    });
    child.once('exit', (code, signal) => {
      info = { code, signal };
      resolve(info);
    });
  });
  if (child.pid === undefined) {
    // spawn failed synchronously (ENOENT is reported through 'error' on the next tick).
    return { child, pid: -1, stdout, stderr, exited, exitInfo: () => info ?? { code: null, signal: null }, describe };
  }
  const pid = child.pid;
  const unregister = onHarnessExit(() => killNow(pid));
  void exited.then(unregister);
  function describe(): string {
    const how = info ? ` (exited with code ${info.code}, signal ${info.signal})` : '';
    return `${[command, ...args].join(' ').slice(0, 200)}${how}\n--- stderr tail ---\n${stderr.tail() || '(empty)'}\n--- stdout tail ---\n${stdout.tail(15) || '(empty)'}`;
  }
  return { child, pid, stdout, stderr, exited, exitInfo: () => info, describe };
}

/** Runs a short command to completion; rejects with its output if it fails. */
export async function runCommand(command: string, args: string[], options: SpawnOptions = {}, timeoutMs = 60_000): Promise<string> {
  const proc = spawnManaged(command, args, options);
  const timer = setTimeout(() => killNow(proc.pid), timeoutMs);
  const { code, signal } = await proc.exited;
  clearTimeout(timer);
  if (code !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (code ${code}, signal ${signal})\n${proc.stderr.tail()}\n${proc.stdout.tail(15)}`);
  }
  return proc.stdout.text();
}

/** True while a process with this PID exists and is not a zombie waiting to be reaped. */
export function isAlive(pid: number): boolean {
  if (pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    // /proc/PID/stat: "pid (comm) S ..." where comm may contain spaces or parentheses.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

function killNow(pid: number, signal: NodeJS.Signals = 'SIGKILL'): void {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** SIGTERM, then SIGKILL if the process still lives after `graceMs` (0 = SIGKILL at once, a crash). */
export async function stopPid(pid: number, graceMs = 5_000): Promise<void> {
  if (!isAlive(pid)) return;
  killNow(pid, graceMs > 0 ? 'SIGTERM' : 'SIGKILL');
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) await sleep(50);
  if (!isAlive(pid)) return;
  killNow(pid, 'SIGKILL');
  const hardDeadline = Date.now() + 5_000;
  while (isAlive(pid) && Date.now() < hardDeadline) await sleep(50);
  if (isAlive(pid)) throw new Error(`process ${pid} survived SIGKILL for 5 s`);
}

export interface WaitForHttpOptions {
  /** Accept the answer when this returns true; the body is text. */
  accept: (status: number, body: string) => boolean;
  timeoutMs: number;
  intervalMs?: number;
  /** Server under wait: fail fast with its output if it exits. */
  process?: ManagedProcess;
  what: string;
}

/** Polls `url` until `accept` holds, the process dies, or the timeout passes. */
export async function waitForHttp(url: string, opts: WaitForHttpOptions): Promise<void> {
  const deadline = Date.now() + opts.timeoutMs;
  let last: string;
  for (;;) {
    if (opts.process?.exitInfo()) {
      throw new Error(`${opts.what} exited before it was ready.\n${opts.process.describe()}`);
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      const body = await res.text();
      if (opts.accept(res.status, body)) return;
      last = `HTTP ${res.status}: ${body.slice(0, 200)}`;
    } catch (err) {
      last = (err as Error).cause instanceof Error ? ((err as Error).cause as Error).message : (err as Error).message;
    }
    if (Date.now() > deadline) {
      const output = opts.process ? `\n${opts.process.describe()}` : '';
      throw new Error(`${opts.what} not ready at ${url} after ${opts.timeoutMs} ms (last: ${last})${output}`);
    }
    await sleep(opts.intervalMs ?? 100);
  }
}

type Cleanup = () => void;
const cleanups = new Set<Cleanup>();
let hooked = false;

/**
 * Registers a synchronous cleanup (kill a PID, remove a temp dir) for when this test process
 * exits or is interrupted, so a failed or aborted run leaves no servers behind.
 * Returns a function that unregisters it once the normal stop() has done the work.
 */
export function onHarnessExit(fn: Cleanup): () => void {
  if (!hooked) {
    hooked = true;
    process.once('exit', runCleanups);
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      const handler = (): void => {
        runCleanups();
        process.removeListener(signal, handler);
        // Keep the default behaviour (terminate) unless someone else handles the signal.
        if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
      };
      process.on(signal, handler);
    }
  }
  cleanups.add(fn);
  return () => cleanups.delete(fn);
}

function runCleanups(): void {
  for (const fn of [...cleanups].reverse()) {
    try {
      fn();
    } catch {
      // best effort: keep cleaning the rest
    }
  }
  cleanups.clear();
}

/** Registers removal of a temp dir at exit; returns the unregister function. */
export function removeDirAtExit(dir: string): () => void {
  return onHarnessExit(() => rmSync(dir, { recursive: true, force: true }));
}
