import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from './db';
import { startWalCheckpointer } from './walCheckpointer';

const until = async (check: () => boolean, what: string) => {
  for (let i = 0; i < 400; i += 1) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
};

describe('WAL checkpoints in a worker thread', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ringside-checkpoint-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("takes the checkpoints off the console's connection, copies the -wal behind it, and hands them back on dispose", async () => {
    const file = join(dir, 'ringside.db');
    const { db } = openStore({ file });
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    const logs: string[] = [];
    const checkpointer = startWalCheckpointer({ db, file, everyMs: 50, log: (m) => logs.push(m) });
    await until(() => db.pragma('wal_autocheckpoint', { simple: true }) === 0, 'the worker to take over');

    // 3,000 pages' worth of commits: the connection itself no longer checkpoints, the worker does
    db.exec('CREATE TABLE big (v BLOB)');
    const insert = db.prepare('INSERT INTO big (v) VALUES (randomblob(4000))');
    for (let i = 0; i < 3000; i += 1) insert.run();
    // with the connection not checkpointing, only the worker can have copied 12 MB into the database file
    await until(() => statSync(file).size >= 3000 * 4000, 'the worker to copy the -wal into the database');
    expect(db.prepare('SELECT count(*) AS n FROM big').get()).toEqual({ n: 3000 });

    checkpointer.dispose();
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    expect(logs).toEqual([]);
    db.close();
  });

  it('leaves the connection checkpointing by itself, and says so, when the worker cannot run', async () => {
    const file = join(dir, 'ringside.db');
    const { db } = openStore({ file });
    const logs: string[] = [];
    startWalCheckpointer({ db, file: join(dir, 'missing.db'), everyMs: 50, log: (m) => logs.push(m) });
    await until(() => logs.length > 0, 'the failure to be logged');
    expect(logs[0]).toMatch(/background checkpoints stopped .*; the console checkpoints by itself again/);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    db.close();
  });
});
