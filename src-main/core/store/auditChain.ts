import { createHash } from 'node:crypto';

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

/** sha256 over the previous hash and the row's fields as a JSON array (unambiguous framing). */
export function rowHash(previous: string, row: ChainedFields): string {
  const fields = [
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
  ];
  return createHash('sha256').update(previous).update(JSON.stringify(fields)).digest('hex');
}

export interface ChainReport {
  ok: boolean;
  checked: number;
  firstBroken: { id: number; reason: string } | null;
}

/** Walk rows in id order and name the first whose hash does not follow from its predecessor. */
export function verifyChain(rows: Iterable<ChainedFields & { hash: string | null }>): ChainReport {
  let previous = GENESIS;
  let previousId = 0;
  let checked = 0;
  for (const row of rows) {
    if (row.hash === null) {
      return { ok: false, checked, firstBroken: { id: row.id, reason: 'has no hash: written outside Ringside or edited' } };
    }
    if (rowHash(previous, row) !== row.hash) {
      const reason =
        row.id !== previousId + 1
          ? `does not follow row ${previousId}: a row before it was deleted or rows were reordered`
          : 'does not match its hash: the row was edited or rows were reordered';
      return { ok: false, checked, firstBroken: { id: row.id, reason } };
    }
    previous = row.hash;
    previousId = row.id;
    checked += 1;
  }
  return { ok: true, checked, firstBroken: null };
}
