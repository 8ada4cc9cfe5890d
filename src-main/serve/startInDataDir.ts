import { join } from 'node:path';
import { rememberedPort, rememberPort } from './rememberedPort';
import { startServer, type RunningServer, type ServeOptions } from './server';
import { persistentToken } from './tokenFile';

export interface DataDirServeOptions extends Omit<ServeOptions, 'token' | 'port' | 'exportsDir'> {
  dataDir: string;
  /** `--port`; null: the port this data folder served on last, else any free one */
  port: number | null;
}

export interface DataDirServer extends RunningServer {
  tokenFile: string;
  /** what the person starting it should know: a token replaced, a port that was taken */
  notes: string[];
}

/**
 * `npm run serve` on a data folder: the token kept in the folder and, without `--port`, the port
 * used last, so a restart on the same folder finds the pages it left open and they carry on.
 */
export async function startInDataDir(options: DataDirServeOptions): Promise<DataDirServer> {
  const { dataDir, port, ...rest } = options;
  const persisted = persistentToken(dataDir);
  const notes: string[] = [];
  if (persisted.replacedBecause) notes.push(`A new access token was issued (the stored one was not kept: ${persisted.replacedBecause}).`);
  const remembered = port === null ? rememberedPort(dataDir) : null;
  const start = (at: number) => startServer({ ...rest, token: persisted.token, port: at, exportsDir: join(dataDir, 'exports') });
  let server: RunningServer;
  try {
    server = await start(port ?? remembered ?? 0);
  } catch (error) {
    if (remembered === null || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    server = await start(0);
    notes.push(`Port ${remembered}, used last time, is taken; pages left open on it cannot come back. Open the new URL.`);
  }
  rememberPort(dataDir, server.port);
  return { ...server, tokenFile: persisted.file, notes };
}
