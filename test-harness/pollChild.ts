import { performance } from 'node:perf_hooks';
import { createCore } from '../src-main/core/createCore';
import { workspaceFromDefinition } from '../src-main/adapters/workspaceDefinition';

/**
 * A console core in its own process, for figures a process must report about itself: it lists
 * the flags, then polls at `pollMs` for `durationMs`, and prints one JSON line with its first
 * listing time, how many flags it shows, and its RSS at the end.
 * Usage: node pollChild.mjs <unleash url> <pollMs> <durationMs> (token in RINGSIDE_UNLEASH_TOKEN)
 */
async function main() {
  const [url, pollMs, durationMs] = process.argv.slice(2);
  if (!url || !pollMs || !durationMs) throw new Error('usage: pollChild <unleash url> <pollMs> <durationMs>');
  const core = createCore({
    dataDir: ':memory:',
    version: 'bench',
    actor: 'bench',
    log: () => {},
    pollMs: Number(pollMs),
    workspace: () =>
      workspaceFromDefinition({ id: 'bench', name: 'Bench', flags: { provider: 'unleash', url, project: 'default', tokenEnv: 'RINGSIDE_UNLEASH_TOKEN' } }, process.env),
  });
  const t = performance.now();
  const listed = await core.dispatch('flags:list', {});
  const firstListMs = performance.now() - t;
  if (!listed.ok) throw new Error(listed.error.message);
  process.stdout.write(`${JSON.stringify({ listed: true, firstListMs })}\n`);
  await new Promise((resolve) => setTimeout(resolve, Number(durationMs)));
  const again = await core.dispatch('flags:list', {});
  const flags = again.ok ? (again.value as { flags: unknown[] }).flags.length : -1;
  process.stdout.write(`${JSON.stringify({ done: true, flags, rssMb: process.memoryUsage().rss / 2 ** 20, heapMb: process.memoryUsage().heapUsed / 2 ** 20 })}\n`);
  core.dispose();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
