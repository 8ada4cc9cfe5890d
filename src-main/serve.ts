import { fileURLToPath } from 'node:url';
import { createCore } from './core/createCore';
import { parseCliArgs } from './core/cliArgs';
import { defaultDataDir } from './core/paths';
import { version } from './core/version';
import { chooseWorkspace, connectWorkspace, demoWorkspace } from './adapters/workspaceDefinition';
import { startInDataDir } from './serve/startInDataDir';

/** `npm run serve`: the console's core on 127.0.0.1 for a browser, guarded by a token kept in the data folder. */
async function main() {
  const options = parseCliArgs(process.argv.slice(2));
  const dataDir = options.dataDir ?? defaultDataDir();
  const core = createCore({
    dataDir,
    version,
    pollMs: options.pollMs,
    workspace: chooseWorkspace(options),
    connect: connectWorkspace,
    demo: demoWorkspace(options.seed, options.demoSpeed),
    // Serve mode keeps tokens in memory only: it starts from --workspace (tokens from the environment) or the demo.
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
  console.error(`Ringside could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
