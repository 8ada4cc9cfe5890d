import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NewAuditEvent } from '../../../src-shared/domain/audit';
import { auditQueries, type AuditQueries } from '../store/audit';
import { openStore } from '../store/db';
import { csvCell } from '../../../src-shared/format/csv';
import { CSV_COLUMNS, writeExport, type ChainState } from './export';

const event = (i: number, fields: Partial<NewAuditEvent> = {}): NewAuditEvent => ({
  time: Date.UTC(2024, 0, 1) + i * 1000,
  source: i % 2 ? 'console' : 'flag-server',
  actor: `user-${i}`,
  workspace: 'w',
  environment: 'production',
  objectType: 'flag',
  objectId: `flag-${i}`,
  action: 'flag.disabled',
  before: { enabled: true },
  after: { enabled: false, i },
  reason: `reason ${i}`,
  result: 'confirmed',
  ...fields,
});

const intact: ChainState = { ok: true, checked: 5, firstBroken: null, verifiedAt: Date.UTC(2024, 0, 2) };
const dir = () => mkdtempSync(join(tmpdir(), 'ringside-export-'));

function seeded(rows: NewAuditEvent[]) {
  const { db } = openStore({ file: ':memory:' });
  const audit = auditQueries(db);
  audit.appendMany(rows);
  return { db, audit };
}

/** A minimal RFC 4180 reader, to check what a spreadsheet would see. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i += 1;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ',') {
      row.push(cell);
      cell = '';
    } else if (!quoted && c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += 1;
    } else {
      cell += c;
    }
  }
  return rows;
}

describe('audit export', () => {
  it('writes CSV with a header naming the filter, the row count and the chain state, then the rows newest first', async () => {
    const { audit } = seeded([1, 2, 3, 4, 5].map((i) => event(i)));
    const file = join(dir(), 'a.csv');
    const filter = { source: 'console', text: 'reason' };
    const done = await writeExport({ audit, workspace: 'w', filter, format: 'csv', file, chain: intact, now: Date.UTC(2024, 0, 3) });
    expect(done.rows).toBe(3);
    const rows = parseCsv(readFileSync(file, 'utf8'));
    expect(rows.slice(0, 6).map((r) => r[0])).toEqual([
      '# Ringside audit export',
      '# workspace: w',
      `# filter: ${JSON.stringify(filter)}`,
      '# rows: 3 (newest first by time; ids below 6)',
      '# chain: intact: 5 rows verified at 2024-01-02T00:00:00.000Z',
      '# exported at: 2024-01-03T00:00:00.000Z',
    ]);
    expect(rows[6]).toEqual(CSV_COLUMNS);
    expect(rows.slice(7).map((r) => [r[0], r[2], r[7]])).toEqual([
      ['5', 'console', 'flag-5'],
      ['3', 'console', 'flag-3'],
      ['1', 'console', 'flag-1'],
    ]);
    expect(JSON.parse(rows[7]![12]!)).toEqual({ enabled: false, i: 5 });
    expect(rows[7]![1]).toBe('2024-01-01T00:00:05.000Z');
  });

  it('neutralises cells a spreadsheet would run as formulas, and keeps commas, quotes and line breaks in one cell', async () => {
    const hostile = ['=HYPERLINK("http://evil","x")', '+1+1', '-2+3', '@SUM(A1:A9)', '\tTAB', 'a,b "c"\r\nnext line'];
    const { audit } = seeded(hostile.map((reason, i) => event(i + 1, { reason, actor: hostile[(i + 1) % hostile.length]! })));
    const file = join(dir(), 'h.csv');
    await writeExport({ audit, workspace: 'w', filter: {}, format: 'csv', file, chain: intact, now: 0 });
    const rows = parseCsv(readFileSync(file, 'utf8'));
    const reasons = rows.slice(7).map((r) => r[9]).reverse();
    expect(reasons).toEqual(["'=HYPERLINK(\"http://evil\",\"x\")", "'+1+1", "'-2+3", "'@SUM(A1:A9)", "'\tTAB", 'a,b "c"\r\nnext line']);
    for (const row of rows.slice(7)) {
      expect(row).toHaveLength(CSV_COLUMNS.length);
      for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    }
    expect(csvCell('-5')).toBe("'-5");
    // The filter itself may be hostile: the header must not turn it into cells or formulas.
    const second = join(dir(), 'f.csv');
    await writeExport({ audit, workspace: 'w', filter: { actor: '",=cmd|\' /C calc\'!A0' }, format: 'csv', file: second, chain: intact, now: 0 });
    const header = parseCsv(readFileSync(second, 'utf8'))[2]!;
    expect(header).toEqual([`# filter: ${JSON.stringify({ actor: '",=cmd|\' /C calc\'!A0' })}`]);
    expect(csvCell(null)).toBe('');
  });

  it('writes JSON Lines: a header object with the filter and chain, then one event per line', async () => {
    const { audit } = seeded([1, 2, 3].map((i) => event(i)));
    const file = join(dir(), 'a.jsonl');
    const broken: ChainState = { ok: false, checked: 1, firstBroken: { id: 2, reason: 'does not match its hash' }, verifiedAt: 0 };
    await writeExport({ audit, workspace: 'w', filter: { actor: 'user-2' }, format: 'jsonl', file, chain: broken, now: 0 });
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ ringsideAuditExport: 1, workspace: 'w', filter: { actor: 'user-2' }, rows: 1, chain: { ok: false, firstBroken: { id: 2 } } });
    expect(lines.slice(1)).toEqual([expect.objectContaining({ id: 2, actor: 'user-2', after: { enabled: false, i: 2 } })]);
  });

  it('streams a large export with backpressure: every row once, in order, with the statement closed while the file drains', async () => {
    const big = 'x'.repeat(3_000);
    const { audit } = seeded(Array.from({ length: 5_000 }, (_, i) => event(i + 1, { reason: `${big} ${i + 1}` })));
    let statements = 0;
    const counting: AuditQueries = {
      ...audit,
      iterate: (...args: Parameters<AuditQueries['iterate']>) => {
        statements += 1;
        return audit.iterate(...args);
      },
    };
    const file = join(dir(), 'big.csv');
    // Each wait for 'drain' must clean up after itself: no listener leak warning however long the export.
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on('warning', onWarning);
    const done = await writeExport({ audit: counting, workspace: 'w', filter: {}, format: 'csv', file, chain: intact, now: 0, chunk: 1_000 });
    expect(done.rows).toBe(5_000);
    process.off('warning', onWarning);
    expect(warnings).toEqual([]);
    // 5 chunks would do without backpressure; a full buffer closes the statement and resumes after 'drain'.
    expect(statements).toBeGreaterThan(10);
    const ids = parseCsv(readFileSync(file, 'utf8')).slice(7).map((r) => Number(r[0]));
    expect(ids).toEqual(Array.from({ length: 5_000 }, (_, i) => 5_000 - i));
    // The connection is free again: a write right after succeeds.
    expect(audit.append(event(5_001))).toBe(5_001);
  });

  it('never overwrites an existing file', async () => {
    const { audit } = seeded([event(1)]);
    const file = join(dir(), 'taken.csv');
    writeFileSync(file, 'keep me');
    await expect(writeExport({ audit, workspace: 'w', filter: {}, format: 'csv', file, chain: intact, now: 0 })).rejects.toThrow(/EEXIST/);
    expect(readFileSync(file, 'utf8')).toBe('keep me');
  });
});
