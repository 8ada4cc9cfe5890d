import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { dirname } from 'node:path';
import type { AuditEvent } from '../../../src-shared/domain/audit';
import type { ChainReport } from '../store/auditChain';
import type { AuditQueries } from '../store/audit';
import type { AuditFilter } from '../store/auditSearch';
import { ensurePrivateDir } from '../store/fileModes';
import { maskSecrets } from '../security/secretMask';
import { csvCell, csvLine } from '../../../src-shared/format/csv';

export type ExportFormat = 'csv' | 'jsonl';

/** The chain's state when the export began, as its header records it. */
export interface ChainState extends ChainReport {
  verifiedAt: number;
}

export interface ExportJob {
  audit: AuditQueries;
  workspace: string;
  filter: AuditFilter;
  format: ExportFormat;
  /** the file to create; an existing file is never overwritten */
  file: string;
  chain: ChainState;
  now: number;
  /** rows read per statement; the statement is closed whenever the file asks to wait */
  chunk?: number;
}

export const CSV_COLUMNS = [
  'id', 'time', 'source', 'actor', 'workspace', 'environment', 'object_type', 'object_id', 'action', 'reason', 'result', 'before', 'after',
];

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

const csvRow = (e: AuditEvent) =>
  csvLine([
    e.id, new Date(e.time).toISOString(), e.source, e.actor, e.workspace, e.environment, e.objectType, e.objectId, e.action,
    e.reason, e.result, json(e.before), json(e.after),
  ]);

export function chainSummary(chain: ChainState): string {
  const at = new Date(chain.verifiedAt).toISOString();
  return chain.ok
    ? `intact: ${chain.checked} rows verified at ${at}`
    : `BROKEN at row ${chain.firstBroken?.id}: ${chain.firstBroken?.reason} (${chain.checked} rows before it verified at ${at})`;
}

/** What the first lines say: the filter as given, the rows it selects, and the chain's state. */
function header(job: ExportJob, rows: number, belowId: number): string {
  const filter = JSON.stringify(job.filter);
  if (job.format === 'jsonl') {
    const chain = { ok: job.chain.ok, checked: job.chain.checked, firstBroken: job.chain.firstBroken, verifiedAt: new Date(job.chain.verifiedAt).toISOString() };
    return `${JSON.stringify({ ringsideAuditExport: 1, workspace: job.workspace, filter: job.filter, rows, belowId, order: 'newest first by time', chain, exportedAt: new Date(job.now).toISOString() })}\n`;
  }
  // Each header line is one quoted cell, so text inside the filter can never become a formula or a column.
  const lines = [
    '# Ringside audit export',
    `# workspace: ${job.workspace}`,
    `# filter: ${filter}`,
    `# rows: ${rows} (newest first by time; ids below ${belowId})`,
    `# chain: ${chainSummary(job.chain)}`,
    `# exported at: ${new Date(job.now).toISOString()}`,
  ];
  return lines.map((l) => `${csvCell(l)}\r\n`).join('') + csvLine(CSV_COLUMNS);
}

/**
 * Stream the rows of a filter, newest first, into a new file: a statement reads a chunk lazily and
 * is closed as soon as the file's buffer is full; writing resumes after 'drain' below the last
 * row written. The result is never held in memory and the connection is never busy across an await.
 */
export async function writeExport(job: ExportJob): Promise<{ rows: number; bytes: number }> {
  const chunk = job.chunk ?? 1_000;
  const belowId = (job.audit.maxId(job.workspace) ?? 0) + 1;
  const total = job.audit.countMatching(job.workspace, job.filter, { beforeId: belowId });
  // The audit trail leaves the database only for its owner: exports/ is 0700 and each file 0600.
  ensurePrivateDir(dirname(job.file));
  // A 1 MB buffer: few enough pauses to be quick, small enough that memory stays flat.
  const out = createWriteStream(job.file, { flags: 'wx', mode: 0o600, encoding: 'utf8', highWaterMark: 1 << 20 });
  let failure: Error | null = null;
  out.on('error', (error) => (failure ??= error));
  await once(out, 'open');
  // Rows are masked when written; masked again here for rows an older Ringside stored unmasked.
  const line = job.format === 'csv' ? (e: AuditEvent) => maskSecrets(csvRow(e)) : (e: AuditEvent) => maskSecrets(`${JSON.stringify(e)}\n`);
  let rows = 0;
  let cursor: { time: number; id: number } | undefined;
  let full = !out.write(header(job, total, belowId));
  // Wait for room in the buffer, or for the stream to fail; each wait removes its own listeners.
  const drained = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        for (const event of ['drain', 'error', 'close']) out.off(event, done);
        resolve();
      };
      for (const event of ['drain', 'error', 'close']) out.on(event, done);
    });
  for (;;) {
    if (full) await drained();
    if (failure) break;
    full = false;
    let read = 0;
    // A generator left early closes its statement (better-sqlite3 resets it on return()).
    for (const event of job.audit.iterate(job.workspace, job.filter, { beforeId: belowId, before: cursor }, chunk)) {
      read += 1;
      rows += 1;
      cursor = { time: event.time, id: event.id };
      if (!out.write(line(event))) {
        full = true;
        break;
      }
    }
    if (!full && read < chunk) break;
  }
  out.end();
  await once(out, 'close').catch(() => undefined);
  if (failure) throw failure;
  return { rows, bytes: out.bytesWritten };
}
