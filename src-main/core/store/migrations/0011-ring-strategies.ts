import type { Migration } from './index';

/**
 * A ring may name the flag strategies that carry its audience (one per ring in Unleash), so
 * entering a ring enables its own and keeps later rings' disabled. Kept as a JSON array of ids
 * beside the ring: read and written whole with it, never queried by id. NULL: the ring names none.
 */
export const m0011RingStrategies: Migration = {
  version: 11,
  name: 'ring-strategies',
  up(db) {
    db.exec(`
      ALTER TABLE plan_ring ADD COLUMN exposure_strategies TEXT
        CHECK (exposure_strategies IS NULL OR (json_valid(exposure_strategies) AND json_type(exposure_strategies) = 'array'));
    `);
  },
};
