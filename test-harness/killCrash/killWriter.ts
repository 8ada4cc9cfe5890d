import { createCore } from '../../src-main/core/createCore';
import { workspaceFromDefinition } from '../../src-main/adapters/workspaceDefinition';

/**
 * A child process for the kill crash test: a real console core over a data folder, killing the
 * flags it is given against a real Unleash, a few at a time, printing "ack <flag>" after each kill
 * the server confirmed, until it is SIGKILLed.
 * Usage: node killWriter.mjs <data dir> <unleash url> <flag,flag,…> (token in RINGSIDE_UNLEASH_TOKEN)
 */
async function main() {
  const [dataDir, url, list] = process.argv.slice(2);
  if (!dataDir || !url || !list) throw new Error('usage: killWriter <data dir> <unleash url> <flag,flag,…>');
  const core = createCore({
    dataDir,
    version: 'crash',
    actor: 'crash-writer',
    log: () => {},
    workspace: () =>
      workspaceFromDefinition({ id: 'crash', name: 'Crash', flags: { provider: 'unleash', url, project: 'default', tokenEnv: 'RINGSIDE_UNLEASH_TOKEN' } }, process.env),
  });
  // The session settles what the previous run left open by itself, beside this run's kills.
  process.stdout.write('ready\n');
  const flags = list.split(',');
  let next = 0;
  const worker = async () => {
    while (next < flags.length) {
      const flag = flags[next++]!;
      const result = await core.dispatch('flags:setEnabled', { flag, environment: 'production', enabled: false });
      if (result.ok) process.stdout.write(`ack ${flag}\n`);
      else process.stdout.write(`failed ${flag} ${result.error.code}\n`);
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  process.stdout.write('done\n');
  core.dispose();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
