import type { KillRetry } from '../../../src-shared/domain/killRetry';
import { RingsideError } from '../../../src-shared/ipc/result';
import { createCore } from '../createCore';
import { fakeFlagServer, testFlag } from '../testing/fakeFlagServer';
import { manualClock } from '../testing/manualClock';
import type { Workspace } from '../workspace';

function world() {
  const clock = manualClock();
  const server = fakeFlagServer([testFlag('checkout.pricing'), testFlag('search.ranking')], clock.now);
  const workspace: Workspace = { id: 'w', name: 'W', kind: 'live', flags: server.provider, deploy: null, metrics: null, releases: [] };
  const core = createCore({ dataDir: ':memory:', version: 't', clock, actor: 'oncall', workspace: () => workspace, log: () => {} });
  const call = async <T>(channel: string, payload: unknown = {}): Promise<T> => {
    const r = await core.dispatch(channel, payload);
    if (!r.ok) throw new RingsideError(r.error.code, r.error.message);
    return r.value as T;
  };
  const retries = async () => (await call<{ retries: KillRetry[] }>('flags:list')).retries;
  const audit = async () =>
    (await call<{ events: { action: string; result: string | null }[] }>('audit:page', { limit: 100 })).events
      .reverse()
      .map((e) => `${e.action} ${e.result}`);
  const serverProd = (name: string) => server.flags.get(name)!.environments[1]!.enabled;
  const cell = { flag: 'checkout.pricing', environment: 'production' };
  return { clock, server, core, call, retries, audit, serverProd, cell };
}

describe('a kill that keeps trying', () => {
  it('retries with backoff through an outage until the server confirms it, audited as one intent and one outcome', async () => {
    const { clock, server, call, retries, audit, serverProd, cell } = world();
    await call('flags:list');
    server.faults.error = new RingsideError('unavailable', 'Unleash at 127.0.0.1:4242 cannot be reached (ECONNRESET).');
    await expect(call('flags:setEnabled', { ...cell, enabled: false })).rejects.toMatchObject({ code: 'unavailable' });
    const started = await call<KillRetry>('flags:keepTrying', cell);
    expect(started).toMatchObject({ state: 'trying', flag: 'checkout.pricing' });
    await clock.advance(10);
    const [trying] = await retries();
    expect(trying).toMatchObject({ state: 'trying', attempts: 1, lastError: expect.stringContaining('ECONNRESET'), nextAttemptAt: expect.any(Number) });
    await clock.advance(1_000 + 2_000);
    expect((await retries())[0]).toMatchObject({ state: 'trying', attempts: 3 });
    expect(serverProd('checkout.pricing')).toBe(true);
    server.faults.error = null;
    await clock.advance(4_000);
    expect((await retries())[0]).toMatchObject({ state: 'confirmed', attempts: 4, message: expect.stringMatching(/^Off in production, confirmed at/) });
    expect(serverProd('checkout.pricing')).toBe(false);
    expect(await audit()).toEqual([
      'flag.disabled.requested pending',
      'flag.disabled failed: Unleash at 127.0.0.1:4242 cannot be reached (ECONNRESET).',
      'flag.disabled.requested pending',
      'flag.disabled confirmed',
    ]);
    // the cell shows the confirmed state
    const listing = await call<{ flags: { name: string; environments: { enabled: boolean }[] }[] }>('flags:list');
    expect(listing.flags.find((f) => f.name === 'checkout.pricing')!.environments[1]!.enabled).toBe(false);
  });

  it('honours a Retry-After longer than its own backoff', async () => {
    const { clock, server, call, retries, cell } = world();
    await call('flags:list');
    server.faults.error = new RingsideError('rate_limited', 'Unleash answered 429. It asks to wait 30 s.', 30_000);
    await call('flags:keepTrying', cell);
    await clock.advance(10);
    const first = (await retries())[0]!;
    expect(first.nextAttemptAt! - clock.now()).toBeGreaterThanOrEqual(29_000);
    await clock.advance(20_000);
    expect((await retries())[0]!.attempts).toBe(1);
  });

  it('stops and says who when someone else changes the flag meanwhile', async () => {
    const { clock, server, core, call, retries, audit, serverProd, cell } = world();
    await call('flags:list');
    await core.poll();
    server.faults.error = new RingsideError('timeout', 'Unleash did not answer within 10 s.');
    await call('flags:keepTrying', cell);
    await clock.advance(10);
    server.faults.error = null;
    // Someone decides the flag must stay on, and turns it on again in Unleash.
    server.changeByOther('dana', 'checkout.pricing', 'production', true);
    await core.poll();
    await clock.advance(1_500);
    expect((await retries())[0]).toMatchObject({ state: 'stopped', message: expect.stringMatching(/^dana changed checkout.pricing in production at \d\d:\d\d:\d\d; stopped trying\.$/) });
    expect(serverProd('checkout.pricing')).toBe(true);
    expect((await audit()).at(-1)).toBe('flag.disabled stopped: changed by someone else');
  });

  it('is cancelled in one call, and stops at once for an error no retry can fix', async () => {
    const { clock, server, call, retries, audit, cell } = world();
    await call('flags:list');
    server.faults.error = new RingsideError('unavailable', 'down');
    await call('flags:keepTrying', cell);
    await clock.advance(10);
    await expect(call('flags:cancelRetry', cell)).resolves.toEqual({ cancelled: true });
    await clock.advance(60_000);
    expect((await retries())[0]).toMatchObject({ state: 'cancelled', attempts: 1 });
    expect((await audit()).at(-1)).toBe('flag.disabled cancelled');
    await expect(call('flags:cancelRetry', cell)).resolves.toEqual({ cancelled: false });

    server.faults.error = new RingsideError('unauthorized', 'Unleash answered 401: the token was rejected.');
    await call('flags:keepTrying', { flag: 'search.ranking', environment: 'production' });
    await clock.advance(10);
    expect((await retries()).find((r) => r.flag === 'search.ranking')).toMatchObject({ state: 'stopped', message: expect.stringContaining('401') });
    await expect(call('flags:keepTrying', { flag: 'x', environment: 'staging' })).rejects.toMatchObject({ code: 'not_found' });
  });
});
