import type { Ring } from '../../../src-shared/domain/plan';

export interface RingStrategy {
  id: string;
  /** the ring that names it first */
  ring: string;
}

/**
 * The strategies a flag must have enabled and disabled once ring `index` is entered: the
 * audiences of rings 0..index on, those only later rings name off. A strategy an entered ring
 * names stays on even when a later ring names it too.
 */
export function ringStrategies(rings: readonly Ring[], index: number): { enable: RingStrategy[]; disable: RingStrategy[] } {
  const enable = new Map<string, RingStrategy>();
  const disable = new Map<string, RingStrategy>();
  rings.forEach((ring, i) => {
    for (const id of ring.exposure?.strategyIds ?? []) {
      if (i <= index) {
        if (!enable.has(id)) enable.set(id, { id, ring: ring.name });
      } else if (!enable.has(id) && !disable.has(id)) disable.set(id, { id, ring: ring.name });
    }
  });
  return { enable: [...enable.values()], disable: [...disable.values()] };
}
