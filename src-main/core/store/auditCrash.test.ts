import BetterSqlite3 from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { auditQueries } from './audit';
import { buildCrashWriter, crashDbFile, crashOnce, lcg } from './auditCrashHarness';
import { openStore } from './db';

const KILLS = 200;

describe('audit crash safety', () => {
  it(`keeps every committed row, an intact file and an intact chain through ${KILLS} SIGKILLs at random moments`, async () => {
    const writer = await buildCrashWriter();
    const file = crashDbFile();
    const random = lcg(0xa0d17);
    const reported = new Map<number, string>();
    let killed = 0;
    let killedBeforeOpen = 0;
    for (let run = 0; run < KILLS; run += 1) {
      // A third of the kills count from the spawn (some land while the store opens or migrates), the rest from "ready".
      const fromReady = run % 3 !== 0;
      const outcome = await crashOnce(writer, file, `r${run}`, Math.floor(random() * (fromReady ? 60 : 350)), fromReady);
      expect(outcome.stderr).toBe('');
      if (outcome.signal === 'SIGKILL') killed += 1;
      if (!outcome.opened) killedBeforeOpen += 1;
      for (const [id, row] of outcome.committed) {
        // An id reported twice would mean a committed row was later overwritten.
        expect(reported.has(id)).toBe(false);
        reported.set(id, row);
      }
    }
    expect(killed).toBe(KILLS);
    expect(reported.size).toBeGreaterThan(KILLS);

    const raw = new BetterSqlite3(file, { readonly: true });
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    const rows = new Map(
      (raw.prepare("SELECT id, object_id FROM audit WHERE workspace = 'crash'").all() as { id: number; object_id: string }[]).map((r) => [r.id, r.object_id]),
    );
    raw.close();
    const missing = [...reported].filter(([id, row]) => rows.get(id) !== row);
    expect(missing).toEqual([]);

    // The store opens cleanly afterwards (its own quick_check and migrations) and the chain verifies.
    const { db } = openStore({ file });
    const report = auditQueries(db).verify();
    db.close();
    expect(report).toMatchObject({ ok: true, checked: rows.size });
    for (const dir of [dirname(writer), dirname(file)]) rmSync(dir, { recursive: true, force: true });
    console.log(`crash safety: ${KILLS} kills (${killedBeforeOpen} before the store was open), ${reported.size} rows reported committed, ${rows.size} in the file`);
  }, 600_000);
});
