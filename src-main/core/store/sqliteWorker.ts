import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * A worker thread running `program` (CommonJS source) with its own better-sqlite3 connection:
 * `workerData.module` is where this process loads better-sqlite3 from, `workerData.nativeBinding`
 * the addon the shell passes for Electron's ABI. The one place that decides how a worker finds
 * SQLite, for the background integrity check and the WAL checkpointer. Throws when it cannot start.
 */
export function sqliteWorker(program: string, data: { file: string; nativeBinding?: string } & Record<string, unknown>): Worker {
  const module = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(program, { eval: true, workerData: { ...data, module } });
  worker.unref();
  return worker;
}
