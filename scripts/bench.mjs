#!/usr/bin/env node
// `npm run bench [-- --quick] [bench/<file>.bench.ts ...]`: runs the benches through Vitest
// (vitest.bench.config.ts; its global setup prints the one table and writes bench/results/).
// --quick runs the one-minute subset, each bench at its small size.
import { spawn } from 'node:child_process';

export const QUICK = ['judge', 'lttb', 'auditIngest', 'auditSearch', 'killSwitch', 'timeToKill', 'startup', 'chartRedraw'].map((name) => `bench/${name}.bench.ts`);

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const unknown = args.filter((a) => a.startsWith('-') && a !== '--quick');
if (unknown.length) {
  console.error(`npm run bench: unknown option ${unknown.join(' ')} (use --quick, or name bench files)`);
  process.exit(2);
}
const files = args.filter((a) => !a.startsWith('-'));
const chosen = files.length ? files : quick ? QUICK : [];
const child = spawn('npx', ['vitest', 'run', '--config', 'vitest.bench.config.ts', ...chosen], {
  stdio: 'inherit',
  env: { ...process.env, RINGSIDE_BENCH_RUNNER: '1', ...(quick ? { RINGSIDE_BENCH_QUICK: '1' } : {}) },
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
