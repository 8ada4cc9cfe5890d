import { AuditEvent } from '../../../src-shared/domain/audit';
import { DAY_MS } from './fleet';
import { DemoFlagProvider } from './flags';
import { demoHistory } from './history';
import { FIXED_NOW } from './testClock';

describe('demoHistory', () => {
  const events = demoHistory(42, FIXED_NOW);

  it('holds a few hundred valid events over the last 30 days, oldest first', () => {
    expect(events.length).toBeGreaterThan(200);
    expect(events.length).toBeLessThan(600);
    for (const e of events) {
      expect(() => AuditEvent.parse({ ...e, id: 1 })).not.toThrow();
      expect(e.time).toBeGreaterThan(FIXED_NOW - 30 * DAY_MS);
      expect(e.time).toBeLessThanOrEqual(FIXED_NOW);
      expect(e.workspace).toBe('demo');
    }
    for (let i = 1; i < events.length; i++) expect(events[i]!.time).toBeGreaterThanOrEqual(events[i - 1]!.time);
    expect(events[0]!.time).toBeLessThan(FIXED_NOW - 27 * DAY_MS);
    expect(events.at(-1)!.time).toBeGreaterThan(FIXED_NOW - DAY_MS);
  });

  it('covers every source, object type and environment the console shows', () => {
    expect(new Set(events.map((e) => e.source))).toEqual(new Set(['console', 'flag-server', 'rollout', 'canary', 'guard']));
    expect(new Set(events.map((e) => e.objectType))).toEqual(new Set(['flag', 'rollout', 'release']));
    expect(new Set(events.map((e) => e.environment))).toEqual(new Set(['development', 'production', null]));
    const actions = new Set(events.map((e) => e.action));
    for (const action of ['flag.enabled', 'flag.disabled', 'rollout.step', 'rollout.promoted', 'rollout.aborted', 'verdict.changed']) {
      expect(actions).toContain(action);
    }
    const kills = events.filter((e) => e.action === 'flag.disabled' && e.reason?.startsWith('INC-'));
    expect(kills.length).toBeGreaterThanOrEqual(2);
  });

  it('ends each flag in the state the fleet shows today', async () => {
    const { flags } = await new DemoFlagProvider({ seed: 42, now: FIXED_NOW }).listFlags();
    for (const flag of flags) {
      for (const env of flag.environments) {
        const last = events.filter(
          (e) => e.objectId === flag.name && e.environment === env.environment && (e.action === 'flag.enabled' || e.action === 'flag.disabled'),
        ).at(-1);
        if (last) expect(last.action).toBe(env.enabled ? 'flag.enabled' : 'flag.disabled');
      }
    }
  });

  it('is the same for the same seed and now, and different for another seed', () => {
    expect(demoHistory(42, FIXED_NOW)).toEqual(events);
    expect(demoHistory(43, FIXED_NOW)).not.toEqual(events);
  });
});
