import { fileURLToPath } from 'node:url';
import { createCore } from './core/createCore';
import { maskSecrets } from './core/security/secretMask';
import { parseCliArgs } from './core/cliArgs';
import { defaultDataDir } from './core/paths';
import { version } from './core/version';
import { composeWorkspaces } from './adapters/composeWorkspaces';
import { startInDataDir } from './serve/startInDataDir';

/** `npm run serve`: the console's core on 127.0.0.1 for a browser, guarded by a token kept in the data folder. */
async function main() {
  const options = parseCliArgs(process.argv.slice(2));
  const dataDir = options.dataDir ?? defaultDataDir();
  const core = createCore({
    dataDir,
    version,
    pollMs: options.pollMs,
    ...composeWorkspaces(options),
    // Serve mode keeps secrets in memory only (from the environment or --secrets); it starts on the file's first workspace or the demo.
    restoreSaved: false,
  });
  const server = await startInDataDir({
    core,
    dataDir,
    rendererDir: fileURLToPath(new URL('../renderer', import.meta.url)),
    port: options.port,
    pollMs: options.pollMs,
  });
  console.log(`Ringside ${version} serving the console at ${server.url}`);
  console.log(`data: ${dataDir}`);
  console.log(`The access token is kept in ${server.tokenFile} (mode 0600) so pages stay signed in across restarts; delete it to sign them out.`);
  for (const note of server.notes) console.log(note);
  const stop = async () => {
    await server.close();
    core.dispose();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(`Ringside could not start: ${maskSecrets(error instanceof Error ? error.message : String(error))}`);
  process.exit(1);
});
