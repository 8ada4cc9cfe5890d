import { chmodSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../createCore';
import { fakeClock, fakeWorkspace } from '../testing/fakeWorkspace';
import { openStore } from './db';
import { ensurePrivateDir, ensurePrivateFile, withPrivateUmask } from './fileModes';

const modeOf = (path: string) => statSync(path).mode & 0o777;
const temp = () => mkdtempSync(join(tmpdir(), 'ringside-modes-'));

describe('file modes', () => {
  it('creates a private folder, and tightens one that exists with looser modes', () => {
    const parent = temp();
    const fresh = join(parent, 'a', 'b');
    ensurePrivateDir(fresh);
    expect(modeOf(fresh)).toBe(0o700);
    const loose = join(parent, 'loose');
    mkdirSync(loose, { mode: 0o755 });
    chmodSync(loose, 0o755);
    ensurePrivateDir(loose);
    expect(modeOf(loose)).toBe(0o700);
  });

  it('makes an existing file 0600 and leaves a missing one alone', () => {
    const file = join(temp(), 'f');
    writeFileSync(file, 'x', { mode: 0o644 });
    chmodSync(file, 0o644);
    ensurePrivateFile(file);
    expect(modeOf(file)).toBe(0o600);
    expect(() => ensurePrivateFile(`${file}-missing`)).not.toThrow();
  });

  it('creates files 0600 under the private umask and restores the previous umask', () => {
    const before = process.umask();
    const file = join(temp(), 'made');
    withPrivateUmask(() => writeFileSync(file, 'x'));
    expect(modeOf(file)).toBe(0o600);
    expect(process.umask()).toBe(before);
  });

  it('opens the database with it, -wal and -shm 0600, and tightens files an older version left 0644', () => {
    const dir = temp();
    const file = join(dir, 'ringside.db');
    const first = openStore({ file }).db;
    first.prepare("INSERT INTO backend_sync (workspace, backend, last_sync_at, last_error) VALUES ('w', 'flags', 1, NULL)").run();
    for (const path of [file, `${file}-wal`, `${file}-shm`]) expect([path, modeOf(path)]).toEqual([path, 0o600]);
    // files an older Ringside left world-readable, -wal and -shm included (kept open by this connection)
    for (const path of [file, `${file}-wal`, `${file}-shm`]) chmodSync(path, 0o644);
    const second = openStore({ file }).db;
    for (const path of [file, `${file}-wal`, `${file}-shm`]) expect([path, modeOf(path)]).toEqual([path, 0o600]);
    second.close();
    first.close();
    // a -wal and -shm SQLite creates later take the database file's mode
    const again = openStore({ file }).db;
    again.prepare('UPDATE backend_sync SET last_sync_at = 2').run();
    for (const path of [file, `${file}-wal`, `${file}-shm`]) expect([path, modeOf(path)]).toEqual([path, 0o600]);
    again.close();
  });

  it('after createCore, one write and one export: folder 0700, database, WAL, SHM and export 0600', async () => {
    const dataDir = temp();
    chmodSync(dataDir, 0o755);
    const { workspace } = fakeWorkspace();
    const core = createCore({ dataDir, version: 't', clock: fakeClock(), workspace: () => workspace, log: () => {} });
    expect(await core.dispatch('flags:setEnabled', { flag: 'checkout.kill', environment: 'production', enabled: false })).toMatchObject({ ok: true });
    const exported = await core.dispatch('audit:export', { format: 'csv' });
    expect(exported).toMatchObject({ ok: true });
    const db = join(dataDir, 'ringside.db');
    expect(modeOf(dataDir)).toBe(0o700);
    expect(modeOf(join(dataDir, 'exports'))).toBe(0o700);
    for (const path of [db, `${db}-wal`, `${db}-shm`]) expect([path, modeOf(path)]).toEqual([path, 0o600]);
    const [name] = readdirSync(join(dataDir, 'exports'));
    expect(modeOf(join(dataDir, 'exports', name!))).toBe(0o600);
    core.dispose();
    expect(modeOf(db)).toBe(0o600);
  });
});
