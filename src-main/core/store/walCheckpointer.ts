import type { Database } from 'better-sqlite3';
import type { Worker } from 'node:worker_threads';
import { sqliteWorker } from './sqliteWorker';

/**
 * SQLite runs a WAL checkpoint inside whichever commit pushes the -wal past 1,000 pages: that
 * commit copies up to 4 MiB into the database file and fsyncs it, and the commit may be a kill's
 * intent row. Here a worker thread checkpoints on its own connection every few seconds (PASSIVE:
 * it never blocks the console's reads or writes), and the console's connection stops
 * checkpointing once the worker has checkpointed once. Durability is SQLite's either way: a
 * committed row is in the -wal until it is copied. If the worker cannot run or stops, the
 * connection checkpoints by itself again.
 */
const PROGRAM = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const options = { fileMustExist: true };
if (workerData.nativeBinding) options.nativeBinding = workerData.nativeBinding;
const db = new Database(workerData.file, options);
db.pragma('busy_timeout = 0');
const checkpoint = () => {
  try {
    const [row] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ type: 'checkpointed', log: row.log, copied: row.checkpointed });
  } catch (error) {
    // SQLITE_BUSY: another checkpoint is running; the next tick tries again
    if (!/BUSY|LOCKED/.test(String(error && error.code))) throw error;
  }
};
checkpoint();
const timer = setInterval(checkpoint, workerData.everyMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export interface WalCheckpointer {
  /** Stop the worker and hand checkpoints back to the connection (the store is closing). */
  dispose(): void;
}

/** SQLite's own default, restored whenever the worker is not checkpointing. */
const DEFAULT_AUTOCHECKPOINT = 1000;

export function startWalCheckpointer(options: {
  db: Database;
  file: string;
  nativeBinding?: string;
  everyMs?: number;
  log(message: string): void;
}): WalCheckpointer {
  const { db } = options;
  const handBack = (why: string | null) => {
    if (!db.open) return;
    db.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT}`);
    if (why) options.log(`The database's background checkpoints stopped (${why}); the console checkpoints by itself again.`);
  };
  let worker: Worker;
  try {
    worker = sqliteWorker(PROGRAM, { file: options.file, nativeBinding: options.nativeBinding, everyMs: options.everyMs ?? 2000 });
  } catch (error) {
    options.log(`The database's background checkpoints could not start (${describe(error)}); the console checkpoints by itself.`);
    return { dispose: () => undefined };
  }
  let stopping = false;
  let taken = false;
  worker.on('message', (message: { type: string }) => {
    if (message.type !== 'checkpointed' || taken || !db.open) return;
    taken = true;
    db.pragma('wal_autocheckpoint = 0');
  });
  worker.once('error', (error) => {
    if (!stopping) handBack(describe(error));
  });
  worker.once('exit', (code) => {
    if (!stopping) handBack(`its worker exited with ${code}`);
  });
  return {
    dispose() {
      if (stopping) return;
      stopping = true;
      handBack(null);
      worker.postMessage('stop');
    },
  };
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));
