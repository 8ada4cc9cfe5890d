import type { Worker } from 'node:worker_threads';
import { markDamaged } from './integrity';
import { sqliteWorker } from './sqliteWorker';

export type CheckOutcome =
  | { status: 'ok' }
  /** the file is damaged: `reason` is what SQLite found */
  | { status: 'damaged'; reason: string }
  /** the check itself could not run (not a verdict on the file) */
  | { status: 'not-run'; reason: string };

/**
 * The worker's whole program, CommonJS evaluated in a worker thread: open the file read-only on its
 * own connection (WAL readers never block the console's writes) and run the full quick_check.
 */
const PROGRAM = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
let db;
try {
  const options = { readonly: true, fileMustExist: true };
  if (workerData.nativeBinding) options.nativeBinding = workerData.nativeBinding;
  db = new Database(workerData.file, options);
  db.pragma('busy_timeout = 5000');
  const problems = db.pragma('quick_check(20)').map((row) => row.quick_check.replace(/\\s+/g, ' ')).filter((text) => text !== 'ok');
  parentPort.postMessage(problems.length ? { status: 'damaged', reason: problems.join('; ') } : { status: 'ok' });
} catch (error) {
  const damaged = /^SQLITE_(CORRUPT|NOTADB)/.test(String(error && error.code));
  parentPort.postMessage({ status: damaged ? 'damaged' : 'not-run', reason: String((error && error.message) || error) });
} finally {
  if (db) db.close();
}
`;

export interface BackgroundCheck {
  outcome: Promise<CheckOutcome>;
  /** Stop waiting (the store is closing); the outcome becomes not-run. */
  cancel(): void;
}

/** Run `PRAGMA quick_check` over the whole file in a worker thread; the main thread stays free. */
export function checkInBackground(file: string, nativeBinding?: string): BackgroundCheck {
  let worker: Worker;
  try {
    worker = sqliteWorker(PROGRAM, { file, nativeBinding });
  } catch (error) {
    return { outcome: Promise.resolve({ status: 'not-run', reason: describe(error) }), cancel: () => undefined };
  }
  let settle: (outcome: CheckOutcome) => void = () => undefined;
  const outcome = new Promise<CheckOutcome>((resolve) => {
    let done = false;
    settle = (value) => {
      if (done) return;
      done = true;
      resolve(value);
      void worker.terminate();
    };
  });
  worker.once('message', (message: CheckOutcome) => settle(message));
  worker.once('error', (error) => settle({ status: 'not-run', reason: describe(error) }));
  worker.once('exit', (code) => settle({ status: 'not-run', reason: `the check's worker exited with ${code}` }));
  return { outcome, cancel: () => settle({ status: 'not-run', reason: 'cancelled' }) };
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

export interface DeferredCheckOptions {
  file: string;
  nativeBinding?: string;
  /** how long after start the check begins: after the console's first paint, not competing with it */
  afterMs: number;
  /** a damaged file: what the user must be told (the file is marked for the next start) */
  onDamaged(notice: string): void;
  log(message: string): void;
}

/**
 * The part of the integrity check the open left out (integrity.ts: the audit history), run over the
 * whole file once the console is up. Damage is told at once and the file is marked, so the next
 * start checks it in full and moves it aside; until then the console goes on with it, and what it
 * writes is kept with the file moved aside.
 */
export function scheduleIntegrityCheck(options: DeferredCheckOptions): { dispose(): void } {
  let running: BackgroundCheck | null = null;
  let disposed = false;
  const timer = setTimeout(() => {
    running = checkInBackground(options.file, options.nativeBinding);
    void running.outcome.then((outcome) => {
      if (disposed) return;
      if (outcome.status === 'not-run') return options.log(`The background integrity check of ${options.file} did not run: ${outcome.reason}`);
      if (outcome.status === 'ok') return;
      try {
        markDamaged(options.file, outcome.reason);
      } catch (error) {
        options.log(`Could not mark ${options.file} as damaged: ${describe(error)}`);
      }
      options.onDamaged(
        `The local database ${options.file} is damaged (integrity check failed: ${outcome.reason.slice(0, 200)}). ` +
          'Nothing was deleted: the console keeps working on it for now, and the next start moves it aside ' +
          '(every row kept in the moved file) and begins a fresh one. Restart Ringside to do that now.',
      );
    });
  }, options.afterMs);
  timer.unref?.();
  return {
    dispose() {
      disposed = true;
      clearTimeout(timer);
      running?.cancel();
    },
  };
}
