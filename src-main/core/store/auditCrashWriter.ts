import { openStore } from './db';
import { auditQueries } from './audit';

/**
 * A child process for the crash-safety test and benchmark: append audit rows through the real store
 * in a loop (single appends, batches and synced pages, as the console does) and print each row's id
 * and label after its transaction committed, until it is killed.
 * Usage: node auditCrashWriter.mjs <database file> <run label>
 */
function main() {
  const [file, run] = process.argv.slice(2);
  if (!file || !run) throw new Error('usage: auditCrashWriter <database file> <run label>');
  const { db } = openStore({ file });
  const audit = auditQueries(db);
  process.stdout.write('ready\n');
  const row = (n: number) => ({
    time: Date.now(),
    source: 'console' as const,
    actor: 'crash-writer',
    workspace: 'crash',
    environment: 'production',
    objectType: 'flag' as const,
    objectId: `${run}-${n}`,
    action: 'flag.disabled',
    before: { enabled: true, n },
    after: { enabled: false, pad: 'x'.repeat(n % 7 === 0 ? 4000 : 40) },
    reason: `crash run ${run} row ${n}`,
    result: 'confirmed',
  });
  for (let n = 0; ; ) {
    const kind = n % 3;
    if (kind === 0) {
      const id = audit.append(row(n));
      process.stdout.write(`committed ${id} ${run}-${n}\n`);
      n += 1;
    } else if (kind === 1) {
      const batch = [row(n), row(n + 1), row(n + 2)];
      audit.appendMany(batch);
      // appendMany numbers the batch consecutively after the tail it read inside its transaction.
      const last = audit.maxId('crash')!;
      batch.forEach((_, k) => process.stdout.write(`committed ${last - 2 + k} ${run}-${n + k}\n`));
      n += 3;
    } else {
      const externalId = `${run}-${n}`;
      audit.appendSyncPage('crash', [{ event: { ...row(n), source: 'flag-server' }, externalId }], { [`crash#${run}`]: n });
      process.stdout.write(`committed ${audit.maxId('crash')} ${run}-${n}\n`);
      n += 1;
    }
  }
}

main();
