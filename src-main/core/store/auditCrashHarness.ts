import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = join(HERE, '..', '..', '..');

/**
 * Bundle a crash writer (real store code, TypeScript; the audit's by default) into one .mjs with the project's own vite,
 * under node_modules/.cache so the bundle's `import 'better-sqlite3'` resolves to the installed addon.
 */
export async function buildCrashWriter(entry = join(HERE, 'auditCrashWriter.ts')): Promise<string> {
  const name = `${entry.split('/').pop()!.replace(/\.ts$/, '')}.mjs`;
  const { build } = await import('vite');
  const cache = join(REPO, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const outDir = mkdtempSync(join(cache, 'ringside-crash-writer-'));
  await build({
    configFile: false,
    logLevel: 'silent',
    root: REPO,
    build: {
      ssr: entry,
      outDir,
      emptyOutDir: false,
      minify: false,
      target: 'node20',
      rolldownOptions: { output: { format: 'esm', entryFileNames: name } },
    },
  });
  return join(outDir, name);
}

export interface CrashRun {
  /** ids (with their row labels) the writer printed after their commit, before it died */
  committed: Map<number, string>;
  /** the writer got as far as opening the store */
  opened: boolean;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** Start the writer, SIGKILL it `killAfterMs` after it started (or after it opened the store), collect what it reported. */
export function crashOnce(writer: string, file: string, label: string, killAfterMs: number, fromReady: boolean): Promise<CrashRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writer, file, label], { stdio: ['ignore', 'pipe', 'pipe'] });
    const committed = new Map<number, string>();
    let opened = false;
    let buffered = '';
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    const arm = () => (timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs));
    if (!fromReady) arm();
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        if (line === 'ready') {
          opened = true;
          if (fromReady) arm();
          continue;
        }
        const [word, id, row] = line.split(' ');
        if (word === 'committed' && id && row) committed.set(Number(id), row);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      clearTimeout(timer);
      resolve({ committed, opened, signal, stderr });
    });
  });
}

/** A small deterministic generator, so a failing run can be repeated with the same kill times. */
export function lcg(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

export const crashDbFile = () => join(mkdtempSync(join(tmpdir(), 'ringside-crash-')), 'ringside.db');
