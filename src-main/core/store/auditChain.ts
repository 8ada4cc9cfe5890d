import { hash } from 'node:crypto';

/** The fields a row's hash covers, in a fixed order, id included so reordering is detected. */
export interface ChainedFields {
  id: number;
  time: number;
  source: string;
  actor: string;
  workspace: string;
  environment: string | null;
  object_type: string;
  object_id: string;
  action: string;
  before_json: string | null;
  after_json: string | null;
  reason: string | null;
  result: string | null;
  external_id: string | null;
}

export const GENESIS = '0'.repeat(64);

/**
 * The chained fields as a tuple in the hash's order, which is also the order of the audit table's
 * columns (so an insert binds the same array, with the hash appended, positionally).
 */
export type ChainValues = [
  id: number,
  time: number,
  source: string,
  actor: string,
  workspace: string,
  environment: string | null,
  object_type: string,
  object_id: string,
  action: string,
  before_json: string | null,
  after_json: string | null,
  reason: string | null,
  result: string | null,
  external_id: string | null,
];

/** sha256 over the previous hash and the row's fields as a JSON array (unambiguous framing). */
export function valuesHash(previous: string, values: ChainValues): string {
  // One-shot hash of one string: the same bytes as update(previous).update(json), without a Hash object per row.
  return hash('sha256', previous + JSON.stringify(values), 'hex');
}

/** The hash of a row read back (verification): the same tuple, so the same hash as at insert. */
export function rowHash(previous: string, row: ChainedFields): string {
  return valuesHash(previous, [
    row.id,
    row.time,
    row.source,
    row.actor,
    row.workspace,
    row.environment,
    row.object_type,
    row.object_id,
    row.action,
    row.before_json,
    row.after_json,
    row.reason,
    row.result,
    row.external_id,
  ]);
}

export interface ChainReport {
  ok: boolean;
  checked: number;
  firstBroken: { id: number; reason: string } | null;
}

/** Where a verification stopped: the last row found intact, from which the next chunk continues. */
export interface ChainPoint {
  id: number;
  hash: string;
}

export const CHAIN_START: ChainPoint = { id: 0, hash: GENESIS };

/** Walk rows in id order and name the first whose hash does not follow from its predecessor. */
export function verifyChain(rows: Iterable<ChainedFields & { hash: string | null }>): ChainReport {
  return verifyChainFrom(CHAIN_START, rows).report;
}

/**
 * The same walk continuing after `start` (the last intact row of an earlier chunk), so a long
 * history can be verified a chunk at a time without holding the connection or the event loop.
 */
export function verifyChainFrom(
  start: ChainPoint,
  rows: Iterable<ChainedFields & { hash: string | null }>,
): { report: ChainReport; last: ChainPoint } {
  let previous = start.hash;
  let previousId = start.id;
  let checked = 0;
  const broken = (id: number, reason: string) => ({
    report: { ok: false, checked, firstBroken: { id, reason } },
    last: { id: previousId, hash: previous },
  });
  for (const row of rows) {
    if (row.hash === null) return broken(row.id, 'has no hash: written outside Ringside or edited');
    if (rowHash(previous, row) !== row.hash) {
      const reason =
        row.id !== previousId + 1
          ? `does not follow row ${previousId}: a row before it was deleted or rows were reordered`
          : 'does not match its hash: the row was edited or rows were reordered';
      return broken(row.id, reason);
    }
    previous = row.hash;
    previousId = row.id;
    checked += 1;
  }
  return { report: { ok: true, checked, firstBroken: null }, last: { id: previousId, hash: previous } };
}
