import type { Flag } from '../../../src-shared/domain/flag';
import { createBackendTracker } from '../backends';
import { createQueries, openStore } from '../store/index';
import { testFlag } from '../testing/fakeFlagServer';
import { manualClock } from '../testing/manualClock';
import type { FlagProvider } from '../ports';
import type { Workspace } from '../workspace';
import { keepConfirmed, summaryDiffers } from './flagSnapshot';
import { createFlagService } from './flagService';

const on = (flag: Flag, enabled: boolean): Flag => ({
  ...flag,
  environments: flag.environments.map((e) => (e.environment === 'production' ? { ...e, enabled } : e)),
});

function setup() {
  const clock = manualClock(1_000);
  const { db } = openStore({ file: ':memory:', now: clock.now });
  const queries = createQueries(db);
  const answers: ((flags: Flag[]) => void)[] = [];
  const provider = {
    provider: 'fake',
    listFlags: () =>
      new Promise((resolve) => answers.push((flags) => resolve({ flags, environments: [{ name: 'production', type: 'production' }] }))),
  } as unknown as FlagProvider;
  const workspace: Workspace = { id: 'w', name: 'W', kind: 'live', flags: provider, deploy: null, metrics: null, releases: [] };
  const backends = createBackendTracker(workspace, queries.syncState, clock);
  const service = createFlagService(workspace, queries.flagCache, queries.audit, backends, clock.now);
  const prod = async () => (await service.list()).flags[0]!.environments.find((e) => e.environment === 'production')!.enabled;
  return { clock, service, answers, prod, queries };
}

describe('flag service', () => {
  it('keeps a confirmed kill when a listing that began before it answers with the flag still on', async () => {
    const { clock, service, answers, prod } = setup();
    const flag = testFlag('checkout.kill');
    const listing = service.list(); // starts reading at t=1000
    await new Promise((r) => setImmediate(r));
    await clock.advance(500);
    service.applyState('checkout.kill', { environment: 'production', enabled: false, strategies: [] }, clock.now()); // confirmed at 1500
    answers.shift()!([on(flag, true)]); // the server had answered "on" before the kill landed
    const shown = (await listing).flags[0]!.environments.find((e) => e.environment === 'production')!;
    expect(shown.enabled).toBe(false);
    // A read that starts after the confirmation is the truth: someone turned it on again.
    await clock.advance(2_000);
    const next = prod();
    await new Promise((r) => setImmediate(r));
    answers.shift()!([on(flag, true)]);
    expect(await next).toBe(true);
  });

  it('writes the cache so a restart offline shows the confirmed state', async () => {
    const { clock, service, answers, queries } = setup();
    const listing = service.list();
    await new Promise((r) => setImmediate(r));
    await clock.advance(10);
    service.applyState('checkout.kill', { environment: 'production', enabled: false, strategies: [] }, clock.now());
    answers.shift()!([on(testFlag('checkout.kill'), true)]);
    await listing;
    const cached = queries.flagCache.read('w').flags[0]!;
    expect(cached.environments.find((e) => e.environment === 'production')!.enabled).toBe(false);
  });
});

describe('flag snapshot rules', () => {
  const flag = testFlag('a');
  it('keepConfirmed replaces only cells confirmed after the read began', () => {
    const confirmed = new Map([['a\u0000production', { at: 10, state: { environment: 'production', enabled: false, strategies: [] } }]]);
    expect(keepConfirmed(on(flag, true), 5, confirmed).environments[1]!.enabled).toBe(false);
    expect(keepConfirmed(on(flag, true), 10, confirmed).environments[1]!.enabled).toBe(true);
    expect(keepConfirmed(flag, 5, new Map())).toBe(flag);
  });

  it('summaryDiffers finds new flags, on/off changes and strategies appearing or being disabled', () => {
    const summary = (enabled: boolean, hasStrategies: boolean, hasEnabled: boolean) => ({
      ...flag,
      environments: [
        { environment: 'development', enabled: true, hasStrategies: false, hasEnabledStrategies: false },
        { environment: 'production', enabled, hasStrategies, hasEnabledStrategies: hasEnabled },
      ],
    });
    expect(summaryDiffers(summary(true, true, true), flag)).toBe(false);
    expect(summaryDiffers(summary(true, true, true), undefined)).toBe(true);
    expect(summaryDiffers(summary(false, true, true), flag)).toBe(true);
    expect(summaryDiffers(summary(true, true, false), flag)).toBe(true);
    expect(summaryDiffers(summary(true, false, false), flag)).toBe(true);
  });
});
