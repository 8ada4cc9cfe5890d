import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const PORT_FILE = 'serve-port';

/**
 * The port a serve on this data folder last listened on, or null. Without `--port`, a restart
 * asks for it again so open pages (which know only their own address) can come back.
 */
export function rememberedPort(dataDir: string): number | null {
  try {
    const port = Number(readFileSync(join(dataDir, PORT_FILE), 'utf8').trim());
    return Number.isInteger(port) && port > 0 && port <= 65535 ? port : null;
  } catch {
    return null;
  }
}

export function rememberPort(dataDir: string, port: number): void {
  writeFileSync(join(dataDir, PORT_FILE), `${port}\n`, { mode: 0o600 });
  chmodSync(join(dataDir, PORT_FILE), 0o600); // a file left by an older version keeps its mode otherwise
}
