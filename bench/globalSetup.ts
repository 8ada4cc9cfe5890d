import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, release, totalmem, type } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { evaluate, markdownSection, merge, parseParts, replaceSection, textTable, type Machine, type Results } from './table';

/**
 * Around every `npm run bench`: before, the run's rows file is emptied; after (also when a bench
 * failed), the rows are gathered into one table, printed, and kept: a full run merges them into
 * bench/results/latest.json and regenerates the README's Performance section from it; a quick run
 * writes bench/results/quick.json and leaves both alone. Run by hand with vitest, it only prints.
 */
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const resultsDir = join(root, 'bench', 'results');
const parts = () => process.env.RINGSIDE_BENCH_PARTS ?? join(resultsDir, 'parts.jsonl');
const quick = process.env.RINGSIDE_BENCH_QUICK === '1';

const tryRun = (file: string, args: string[]) => {
  try {
    return execFileSync(file, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 20_000 }).trim();
  } catch {
    return null;
  }
};

function machine(): Machine {
  let sqlite: string | null;
  try {
    const db = new BetterSqlite3(':memory:');
    sqlite = (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
    db.close();
  } catch {
    sqlite = null;
  }
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown CPU',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: `${type()} ${release()}`,
    node: process.versions.node,
    sqlite,
    chromium: tryRun(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', ['--version']),
    scipy: tryRun('python3', ['-c', 'import scipy; print(scipy.__version__)']),
  };
}

export function setup(): void {
  rmSync(parts(), { force: true });
}

export function teardown(): void {
  const now = new Date().toISOString();
  const text = existsSync(parts()) ? readFileSync(parts(), 'utf8') : '';
  const { figures, problems } = parseParts(text);
  const rows = figures.map((f) => evaluate(f, now, quick ? 'quick' : 'full'));
  const latestFile = join(resultsDir, 'latest.json');
  const previous = existsSync(latestFile) ? (JSON.parse(readFileSync(latestFile, 'utf8')) as Results) : null;

  console.log(`\nRingside benchmarks${quick ? ' (quick subset)' : ''}: ${rows.length} figures this run\n`);
  console.log(textTable(rows));
  for (const p of problems) console.log(`unreadable row in ${parts()}: ${p}`);
  const missing = (previous?.rows ?? []).filter((r) => !rows.some((x) => x.id === r.id));
  if (missing.length && rows.length) console.log(`\nnot measured this run (kept from ${latestFile}): ${missing.map((r) => r.id).join(', ')}`);

  // Only `npm run bench` (scripts/bench.mjs) keeps results; a bench run by hand with vitest just prints.
  if (process.env.RINGSIDE_BENCH_RUNNER !== '1') return;
  mkdirSync(resultsDir, { recursive: true });
  rmSync(parts(), { force: true });
  const results: Results = { generatedAt: now, machine: machine(), rows: quick ? rows : merge(previous?.rows ?? [], rows) };
  if (quick) {
    writeFileSync(join(resultsDir, 'quick.json'), `${JSON.stringify(results, null, 2)}\n`);
    return;
  }
  if (!rows.length) return;
  writeFileSync(latestFile, `${JSON.stringify(results, null, 2)}\n`);
  const readme = join(root, 'README.md');
  writeFileSync(readme, replaceSection(readFileSync(readme, 'utf8'), markdownSection(results)));
  console.log(`\nwrote ${latestFile} and the README's Performance section`);
}
