import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore } from './core/createCore';
import { parseCliArgs } from './core/cliArgs';
import { defaultDataDir } from './core/paths';
import { version } from './core/version';
import { chooseWorkspace, connectWorkspace, demoWorkspace } from './adapters/workspaceDefinition';
import { startServer } from './serve/server';

/** `npm run serve`: the console's core on 127.0.0.1 for a browser, guarded by a per-run token. */
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
  const server = await startServer({
    core,
    rendererDir: fileURLToPath(new URL('../renderer', import.meta.url)),
    port: options.port,
    exportsDir: join(dataDir, 'exports'),
  });
  console.log(`Ringside ${version} serving the console at ${server.url}`);
  console.log(`data: ${dataDir}`);
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
