import type { Ring } from '../../../src-shared/domain/plan';
import { ringStrategies } from './ringStrategies';

const ring = (name: string, strategyIds?: string[]): Ring => ({
  name,
  audience: name,
  exposure: { audience: null, strategyId: null, rollout: null, ...(strategyIds ? { strategyIds } : {}) },
  weight: null,
  bakeMs: 0,
});
const ids = (r: { enable: { id: string }[]; disable: { id: string }[] }) => ({ enable: r.enable.map((s) => s.id), disable: r.disable.map((s) => s.id) });

describe('the strategies a ring turns on and keeps off', () => {
  const rings = [ring('Ring 0', ['devs']), ring('Ring 1', ['staff', 'devs']), { ...ring('Ring 2'), exposure: null, weight: 50 }, ring('Ring 3', ['all', 'beta'])];

  it('enables the rings entered so far and disables only what later rings alone name', () => {
    expect(ids(ringStrategies(rings, 0))).toEqual({ enable: ['devs'], disable: ['staff', 'all', 'beta'] });
    expect(ids(ringStrategies(rings, 1))).toEqual({ enable: ['devs', 'staff'], disable: ['all', 'beta'] });
    expect(ids(ringStrategies(rings, 3))).toEqual({ enable: ['devs', 'staff', 'all', 'beta'], disable: [] });
  });

  it('names the first ring that carries each strategy, for the audit', () => {
    expect(ringStrategies(rings, 0).disable.find((s) => s.id === 'staff')).toEqual({ id: 'staff', ring: 'Ring 1' });
    expect(ringStrategies(rings, 1).enable.find((s) => s.id === 'devs')).toEqual({ id: 'devs', ring: 'Ring 0' });
  });

  it('does nothing for plans whose rings name no strategies', () => {
    expect(ids(ringStrategies([ring('Ring 0'), ring('Ring 1', [])], 0))).toEqual({ enable: [], disable: [] });
  });
});
