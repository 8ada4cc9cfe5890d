import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RingsideError } from '../../src-shared/ipc/result';

/**
 * Electronegativity (@doyensec/electronegativity) as a library: its CLI exits 0 whatever it finds,
 * so CI calls its run() and counts the findings itself (electronegativity.test.ts).
 */

export type Severity = 'HIGH' | 'MEDIUM' | 'LOW' | 'INFORMATIONAL';

export interface Finding {
  check: string;
  severity: Severity;
  confidence: string;
  /** repo-relative, e.g. src-main/shell/window.ts or out/main/index.js; N/A for an app-wide finding */
  file: string;
  line: number;
  column: number;
  description: string;
  manualReview: boolean;
}

export interface ScanResult {
  findings: Finding[];
  /** files the library could not parse, so could not check */
  unparsed: { file: string; message: string }[];
  checks: number;
}

interface RawIssue {
  id: string;
  file: string;
  location: { line: number; column: number };
  severity: { name: Severity };
  confidence: { name: string };
  description: unknown;
  manualReview?: boolean;
}
interface RawResult {
  globalChecks: number;
  atomicChecks: number;
  errors: { file: string; message: string; tolerable: boolean }[];
  issues: RawIssue[];
}
type Run = (options: Record<string, unknown>) => Promise<RawResult>;

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(join(root, 'package.json'));

/**
 * The library's code fetches on every run: its translations from S3 (locales/i18n.js) and Electron's
 * release list from GitHub (AvailableSecurityFixesGlobalCheck, excluded by the suppressions file).
 * A test must not reach the network, so `got` — its only HTTP client — is answered "offline" before
 * the library loads, and its built-in en-US texts are used.
 */
function loadOffline(): Run {
  const libraryDir = dirname(require.resolve('@doyensec/electronegativity/package.json'));
  const gotPath = require.resolve('got', { paths: [libraryDir] });
  if (!require.cache[gotPath]) {
    const offline = () => Promise.reject(new Error('Ringside runs Electronegativity offline'));
    const stub = new Module(gotPath);
    stub.exports = Object.assign(offline, { head: offline, get: offline });
    stub.loaded = true;
    require.cache[gotPath] = stub;
  }
  return require('@doyensec/electronegativity') as Run;
}

/**
 * The library calls process.exit(1) on an exclusion it does not know (it would end the test run
 * without a word), so the names are checked against its own lists first.
 */
function checkExclusions(excludedChecks: readonly string[]): void {
  const checks = (path: string, key: string) => (require(`@doyensec/electronegativity/dist/finder/checks/${path}`) as Record<string, { name: string }[]>)[key]!;
  const known = new Set([...checks('GlobalChecks', 'GLOBAL_CHECKS'), ...checks('AtomicChecks', 'CHECKS')].map((c) => c.name));
  const unknown = excludedChecks.filter((name) => !known.has(name));
  if (unknown.length) throw new RingsideError('bad_request', `Electronegativity has no check named ${unknown.join(', ')}: use a class name such as ${[...known][0]}.`);
}

/** The Electron version the app ships with, so version-dependent checks judge the right defaults. */
function electronVersion(): string {
  return (JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')) as { version: string }).version;
}

/**
 * Runs every check but `excludedChecks` (class names, e.g. AvailableSecurityFixesGlobalCheck) over
 * one folder; `prefix` makes the reported paths repo-relative.
 */
export async function scan(input: string, prefix: string, excludedChecks: readonly string[]): Promise<ScanResult> {
  const run = loadOffline();
  checkExclusions(excludedChecks);
  // It logs progress and the failed fetches with console.log; the test prints its own summary.
  const log = console.log;
  console.log = () => {};
  let raw: RawResult;
  try {
    raw = await run({ input, isRelative: true, electronVersionOverride: electronVersion(), excludeFromScan: [...excludedChecks] });
  } finally {
    console.log = log;
  }
  const path = (file: string) => (file === 'N/A' ? file : `${prefix}${file.split('\\').join('/')}`);
  return {
    checks: raw.globalChecks + raw.atomicChecks,
    unparsed: raw.errors.filter((e) => !e.tolerable).map((e) => ({ file: path(relative(input, e.file)), message: e.message })),
    findings: raw.issues.map((issue) => ({
      check: issue.id,
      severity: issue.severity.name,
      confidence: issue.confidence.name,
      file: path(issue.file),
      line: issue.location.line,
      column: issue.location.column,
      description: typeof issue.description === 'string' ? issue.description : JSON.stringify(issue.description),
      manualReview: issue.manualReview === true,
    })),
  };
}

/** The folders that make up the app's sources, scanned together so app-wide checks see main and renderer at once. */
export const SOURCE_FOLDERS = ['src-main', 'src-renderer', 'src-shared'] as const;

/**
 * The sources as one app: a temporary copy of the source folders and package.json (the library
 * walks a single folder, and the repo root would take it through node_modules).
 */
export async function scanSources(excludedChecks: readonly string[], repo = root): Promise<ScanResult> {
  const copy = mkdtempSync(join(tmpdir(), 'ringside-electronegativity-'));
  try {
    for (const folder of SOURCE_FOLDERS) cpSync(join(repo, folder), join(copy, folder), { recursive: true });
    cpSync(join(repo, 'package.json'), join(copy, 'package.json'));
    return await scan(copy, '', excludedChecks);
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

/** The built app in out/ (main, preload, renderer), as `npm run build` leaves it. */
export async function scanBuilt(excludedChecks: readonly string[], repo = root): Promise<ScanResult> {
  const out = join(repo, 'out');
  for (const entry of ['main/index.js', 'preload/preload.cjs', 'renderer/index.html']) {
    if (!existsSync(join(out, entry))) throw new RingsideError('unavailable', `out/${entry} is missing: run \`npm run build\` first (npm test does).`);
  }
  return scan(out, 'out/', excludedChecks);
}
