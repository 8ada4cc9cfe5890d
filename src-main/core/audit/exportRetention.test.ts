import { existsSync, mkdirSync, mkdtempSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core } from '../createCore';
import { fakeClock, fakeWorkspace } from '../testing/fakeWorkspace';
import { EXPORT_RETENTION, pruneExports, removeExport } from './exportRetention';

const HOUR = 3_600_000;
const exportsIn = (dir: string) => readdirSync(dir).filter((n) => n.startsWith('audit-')).sort();
/** Give a file a modification time `ago` ms before now (what age and order are read from). */
const age = (file: string, ago: number) => utimesSync(file, new Date(Date.now() - ago), new Date(Date.now() - ago));

describe('audit exports in a bounded folder', () => {
  let dataDir: string;
  let core: Core;
  const exportNow = async () => {
    const answer = await core.dispatch('audit:export', { format: 'csv' });
    if (!answer.ok) throw new Error(answer.error.message);
    return answer.value as { fileName: string; path: string };
  };

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'ringside-retention-'));
    const { workspace } = fakeWorkspace();
    core = createCore({ dataDir, version: 't', clock: fakeClock(), workspace: () => workspace, actor: 'ana', log: () => {} });
  });
  afterEach(() => core.dispose());

  it('keeps the newest 20 of 25 exports: the 5 oldest are removed as new ones are written', async () => {
    const written: string[] = [];
    for (let i = 0; i < 25; i += 1) {
      const { fileName, path } = await exportNow();
      written.push(fileName);
      // one minute apart, oldest first, all within the day
      age(path, (60 - i) * 60_000);
    }
    const left = exportsIn(join(dataDir, 'exports'));
    expect(left).toHaveLength(EXPORT_RETENTION.keep);
    expect(left).toEqual([...written.slice(5)].sort());
    for (const gone of written.slice(0, 5)) expect(left).not.toContain(gone);
  });

  it('removes an export older than a day at the next export, and leaves files it did not write alone', async () => {
    const old = await exportNow();
    age(old.path, 25 * HOUR);
    const recent = await exportNow();
    age(recent.path, 23 * HOUR);
    const dir = join(dataDir, 'exports');
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    writeFileSync(join(dir, 'audit-keep.csv.bak'), 'mine');
    age(join(dir, 'notes.txt'), 48 * HOUR);
    age(join(dir, 'audit-keep.csv.bak'), 48 * HOUR);
    const fresh = await exportNow();
    expect(readdirSync(dir).sort()).toEqual([recent.fileName, fresh.fileName, 'audit-keep.csv.bak', 'notes.txt'].sort());
  });

  it('prunes at start what earlier runs left past the retention', async () => {
    core.dispose();
    const dir = join(dataDir, 'exports');
    mkdirSync(dir, { recursive: true });
    const names = Array.from({ length: 23 }, (_, i) => `audit-fake-20260101-0000${String(i).padStart(2, '0')}-abc123.csv`);
    names.forEach((name, i) => {
      writeFileSync(join(dir, name), 'x');
      age(join(dir, name), (i === 22 ? 30 * HOUR : (23 - i) * 60_000));
    });
    const { workspace } = fakeWorkspace();
    core = createCore({ dataDir, version: 't', clock: fakeClock(), workspace: () => workspace, log: () => {} });
    await core.dispatch('flags:list', {});
    // 22 within the day, the 2 oldest of them past the newest 20; the 23rd is 30 h old
    expect(exportsIn(dir)).toEqual(names.slice(2, 22));
  });
});

describe('pruneExports', () => {
  it('never removes the export it was told to spare, and answers what it removed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ringside-prune-'));
    for (const name of ['audit-a.csv', 'audit-b.jsonl', 'audit-c.csv']) writeFileSync(join(dir, name), 'x');
    age(join(dir, 'audit-a.csv'), 3 * HOUR);
    age(join(dir, 'audit-b.jsonl'), 2 * HOUR);
    age(join(dir, 'audit-c.csv'), 1 * HOUR);
    expect(pruneExports(dir, { keep: 1, maxAgeMs: 24 * HOUR, spare: 'audit-a.csv' })).toEqual(['audit-b.jsonl']);
    expect(exportsIn(dir)).toEqual(['audit-a.csv', 'audit-c.csv']);
    expect(pruneExports(dir, { keep: 5, maxAgeMs: 90 * 60_000 })).toEqual(['audit-a.csv']);
    expect(pruneExports(join(dir, 'missing'))).toEqual([]);
  });

  it('removes one export by name, and nothing that is not an export name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ringside-prune-'));
    writeFileSync(join(dir, 'audit-a.csv'), 'x');
    writeFileSync(join(dir, 'ringside.db'), 'x');
    expect(removeExport(dir, '../ringside.db')).toBe(false);
    expect(removeExport(dir, 'ringside.db')).toBe(false);
    expect(existsSync(join(dir, 'ringside.db'))).toBe(true);
    expect(removeExport(dir, 'audit-a.csv')).toBe(true);
    expect(removeExport(dir, 'audit-a.csv')).toBe(false);
  });
});
