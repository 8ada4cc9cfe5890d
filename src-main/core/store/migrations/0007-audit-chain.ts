import type { Migration } from './index';

/**
 * Each audit row stores a hash over its own fields and the previous row's hash, so an edited,
 * deleted or reordered row breaks the chain at a findable place.
 */
export const m0007AuditChain: Migration = {
  version: 7,
  name: 'audit-chain',
  up(db) {
    db.exec(`ALTER TABLE audit ADD COLUMN hash TEXT;`);
  },
};
