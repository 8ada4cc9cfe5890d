import { CHAIN_START, verifyChainFrom, type ChainReport } from '../store/auditChain';
import type { AuditQueries } from '../store/audit';

/** Rows per chunk: large enough to be quick, small enough that the event loop answers between chunks. */
const CHUNK = 5_000;

/**
 * Verify the whole hash chain a chunk at a time, yielding between chunks, so a million-row check
 * keeps the console (and its other handlers) responsive. Same answer as a one-pass verify.
 */
export async function verifyInChunks(audit: AuditQueries, chunk = CHUNK): Promise<ChainReport> {
  let point = CHAIN_START;
  let checked = 0;
  for (;;) {
    const rows = audit.chainAfter(point.id, chunk);
    const { report, last } = verifyChainFrom(point, rows);
    checked += report.checked;
    if (!report.ok) return { ...report, checked };
    if (rows.length < chunk) return { ok: true, checked, firstBroken: null };
    point = last;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
