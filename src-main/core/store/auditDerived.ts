import type { Database } from 'better-sqlite3';
import { ECHO_MS } from './migrations/0014-workspace-identity';

/**
 * What the audit's insert triggers did for each row (full text 0008, open intents 0013, a flag's
 * latest change 0014), done once per write over the ids it added, inside its transaction
 * (migration 0017 dropped the triggers). An AFTER INSERT trigger made every audit insert keep a
 * statement journal of each page it touched, its indexes' included: half the cost of an insert.
 * Every audit row is written by auditQueries (the hash chain needs one writer), which runs these.
 *
 * Each statement walks the new ids in order, so a batch ends where the same rows inserted one by
 * one with the triggers would have: the latest-change upsert sees each row after the ones before
 * it, and an outcome closes only an intent older than itself (one row at a time, a later intent
 * did not exist yet when the outcome arrived).
 */
const NEW_ROWS = 'id > @from AND id <= @to';

const FULL_TEXT = `INSERT INTO audit_fts (rowid, action, object, actor, reason, payload)
  SELECT id, action, object_type || ' ' || object_id, actor, coalesce(reason, ''),
         coalesce(before_json, '') || ' ' || coalesce(after_json, '') || ' ' || coalesce(result, '')
  FROM audit WHERE ${NEW_ROWS} ORDER BY id`;

const OPEN_INTENTS = `INSERT OR IGNORE INTO open_intent (audit_id, workspace, time, source, actor, object_type, object_id, environment, action, after_json)
  SELECT id, workspace, time, source, actor, object_type, object_id, environment, action, after_json
  FROM audit WHERE ${NEW_ROWS} AND result = 'pending' AND action LIKE '%.requested' ORDER BY id`;

const SETTLED_INTENTS = `DELETE FROM open_intent WHERE audit_id IN (
  SELECT json_extract(after_json, '$.intentId') FROM audit
  WHERE ${NEW_ROWS} AND source IN ('console', 'guard') AND after_json IS NOT NULL
    AND instr(after_json, '"intentId"') > 0 AND json_valid(after_json)
    AND json_type(after_json, '$.intentId') = 'integer' AND json_extract(after_json, '$.intentId') < id)`;

/** The server's row `s` repeats the console row `c` (as in 0014). */
const echoes = (s: string, c: string) => `${s}source = 'flag-server' AND ${c}source IN ('console', 'guard')
  AND (${s}action = ${c}action OR (${s}action LIKE 'flag.strategy.%' AND ${c}action LIKE 'flag.strategy.%'))
  AND ${s}time - ${c}time BETWEEN 0 AND ${ECHO_MS}`;

const LATEST_CHANGE = `INSERT INTO flag_latest_change (workspace, flag, environment, audit_id, time, actor, action, source)
  SELECT workspace, object_id, environment, id, time, actor, action, source FROM audit
  WHERE ${NEW_ROWS} AND object_type = 'flag' AND environment IS NOT NULL
    AND action IN ('flag.enabled', 'flag.disabled', 'flag.strategy.updated', 'flag.strategy.enabled', 'flag.strategy.disabled')
    AND (result IS NULL OR result IN ('ok', 'confirmed', 'confirmed after restart'))
  ORDER BY id
  ON CONFLICT (workspace, flag, environment) DO UPDATE SET
    audit_id = excluded.audit_id, time = excluded.time, actor = excluded.actor,
    action = excluded.action, source = excluded.source
  WHERE (excluded.time > flag_latest_change.time
     OR (excluded.time = flag_latest_change.time AND excluded.audit_id > flag_latest_change.audit_id))
    AND NOT (${echoes('excluded.', 'flag_latest_change.')})`;

/** The statements, prepared once; `write(from, to)` derives from the audit rows with from < id <= to. */
export function auditDerived(db: Database) {
  const statements = [FULL_TEXT, OPEN_INTENTS, SETTLED_INTENTS, LATEST_CHANGE].map((sql) => db.prepare<[{ from: number; to: number }]>(sql));
  return (from: number, to: number): void => {
    if (to <= from) return;
    for (const statement of statements) statement.run({ from, to });
  };
}
