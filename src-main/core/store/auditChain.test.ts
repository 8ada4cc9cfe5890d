import BetterSqlite3 from 'better-sqlite3';
import type { NewAuditEvent } from '../../../src-shared/domain/audit';
import { migrate } from './db';
import { auditQueries } from './audit';

const event = (i: number): NewAuditEvent => ({
  time: 1000 + i,
  source: 'console',
  actor: `user-${i}`,
  workspace: 'w',
  environment: 'production',
  objectType: 'flag',
  objectId: `flag-${i}`,
  action: 'flag.disabled',
  before: { enabled: true },
  after: { enabled: false },
  reason: `reason ${i}`,
  result: 'confirmed',
});

function chained(n = 10) {
  const db = new BetterSqlite3(':memory:');
  migrate(db);
  const audit = auditQueries(db);
  audit.appendMany([1, 2, 3].map(event));
  for (let i = 4; i <= n; i += 1) audit.append(event(i));
  audit.appendExternal('w', 'flag-server', [{ event: event(99), externalId: '42' }], 42);
  return { db, audit };
}

describe('audit hash chain', () => {
  it('verifies an untouched history, including synced rows, and a re-sync does not break it', () => {
    const { audit } = chained();
    expect(audit.appendExternal('w', 'flag-server', [{ event: event(99), externalId: '42' }], 42)).toBe(0);
    expect(audit.verify()).toEqual({ ok: true, checked: 11, firstBroken: null });
  });

  it('names an edited row', () => {
    const { db, audit } = chained();
    db.prepare("UPDATE audit SET reason = 'nothing to see' WHERE id = 7").run();
    expect(audit.verify()).toMatchObject({ ok: false, checked: 6, firstBroken: { id: 7, reason: expect.stringContaining('edited') } });
  });

  it('names the row after a deleted one', () => {
    const { db, audit } = chained();
    db.prepare('DELETE FROM audit WHERE id = 5').run();
    expect(audit.verify()).toMatchObject({ ok: false, firstBroken: { id: 6, reason: expect.stringContaining('deleted') } });
  });

  it('names the first of two reordered rows', () => {
    const { db, audit } = chained();
    // Swap the ids of rows 3 and 4, as moving a row within the file would.
    db.transaction(() => {
      db.prepare('UPDATE audit SET id = -1 WHERE id = 3').run();
      db.prepare('UPDATE audit SET id = 3 WHERE id = 4').run();
      db.prepare('UPDATE audit SET id = 4 WHERE id = -1').run();
    })();
    expect(audit.verify()).toMatchObject({ ok: false, checked: 2, firstBroken: { id: 3 } });
  });

  it('names a row inserted without a hash', () => {
    const { db, audit } = chained();
    db.prepare("INSERT INTO audit (time, source, actor, workspace, object_type, object_id, action) VALUES (1, 'console', 'x', 'w', 'flag', 'f', 'a')").run();
    expect(audit.verify()).toMatchObject({ ok: false, firstBroken: { id: 12, reason: expect.stringContaining('no hash') } });
  });
});

describe('verifyAuditFile', () => {
  it('checks a database file read-only and reports the first broken row', async () => {
    const { mkdtempSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const { openStore } = await import('./db');
    const { verifyAuditFile } = await import('./verifyFile');
    const file = join(mkdtempSync(join(tmpdir(), 'ringside-verify-')), 'ringside.db');
    const { db } = openStore({ file });
    db.pragma('journal_mode = DELETE');
    const audit = auditQueries(db);
    for (let i = 1; i <= 5; i += 1) audit.append(event(i));
    expect(verifyAuditFile(file)).toEqual({ ok: true, checked: 5, firstBroken: null });
    db.prepare("UPDATE audit SET actor = 'mallory' WHERE id = 2").run();
    db.close();
    const bytes = readFileSync(file);
    expect(verifyAuditFile(file)).toMatchObject({ ok: false, firstBroken: { id: 2 } });
    expect(readFileSync(file)).toEqual(bytes);
  });
});
