import type { Migration } from './index';

/**
 * Audit ingest near SQLite's own speed. The audit's insert triggers go: what they kept (full text,
 * open intents, each flag's latest change) is written once per write by one statement per table
 * over the ids it added, inside the write's transaction (auditDerived.ts; every audit row is
 * written through auditQueries, which the hash chain needs anyway). With any trigger on it, each
 * audit insert kept a statement journal of every page it touched, and a virtual-table insert run
 * from a trigger cost three times one run over a batch. audit_object goes too: no query reads it
 * since 0010 (audit_object_time serves every object filter), and as an index keyed by object it
 * took an insert at a scattered place on each row.
 */
export const m0017AuditIngest: Migration = {
  version: 17,
  name: 'audit-ingest',
  up(db) {
    db.exec(`
      DROP TRIGGER audit_fts_insert;
      DROP TRIGGER open_intent_on_request;
      DROP TRIGGER open_intent_on_outcome;
      DROP TRIGGER flag_latest_change_on_audit;
      DROP INDEX audit_object;
    `);
  },
};
