import type { Flag } from '../../../src-shared/domain/flag';
import { RingsideError } from '../../../src-shared/ipc/result';
import { createCore } from '../createCore';
import { fakeFlagServer, testFlag } from '../testing/fakeFlagServer';
import { manualClock } from '../testing/manualClock';
import type { Workspace } from '../workspace';

type Listing = { flags: Flag[]; stale: boolean; readOnlyReason: string | null };

function world(count = 120) {
  const clock = manualClock();
  const server = fakeFlagServer(
    Array.from({ length: count }, (_, i) => testFlag(`bulk.flag-${String(i).padStart(4, '0')}`)),
    clock.now,
    { incremental: true },
  );
  const workspace: Workspace = { id: 'w', name: 'W', kind: 'live', flags: server.provider, deploy: null, metrics: null, releases: [] };
  const core = createCore({ dataDir: ':memory:', version: 't', clock, actor: 'oncall', workspace: () => workspace, log: () => {}, pollMs: 1_000 });
  const list = async () => {
    const r = await core.dispatch('flags:list', {});
    if (!r.ok) throw new Error(r.error.message);
    return r.value as Listing;
  };
  const prod = (listing: Listing, name: string) => listing.flags.find((f) => f.name === name)!.environments.find((e) => e.environment === 'production')!;
  const reset = () => {
    for (const key of Object.keys(server.calls)) delete server.calls[key];
  };
  return { clock, server, core, list, prod, reset };
}

describe('the flag poll', () => {
  it('costs one request when nothing changed, and reads again only the flags the event log names', async () => {
    const { clock, server, core, list, prod, reset } = world();
    await list();
    await clock.advance(1_000); // first poll: event log from the start
    reset();
    await clock.advance(10_000); // ten idle polls
    expect(server.calls).toEqual({ eventsSince: 10 });

    reset();
    server.changeByOther('ana', 'bulk.flag-0099', 'production', false);
    await clock.advance(1_000);
    expect(server.calls).toEqual({ eventsSince: 1, readFlags: 1 });
    expect(prod(await list(), 'bulk.flag-0099').enabled).toBe(false);
    expect((await list()).flags).toHaveLength(120);
    core.dispose();
  });

  it('does not read again, right after the listing, the flags a first sync of an old event log names', async () => {
    const { clock, server, core, list, prod, reset } = world();
    // A long history from before the console started: 60 flags changed a while ago.
    for (let i = 0; i < 60; i += 1) server.changeByOther('ana', `bulk.flag-${String(i).padStart(4, '0')}`, 'production', false);
    for (const event of server.events) event.createdAt -= 10 * 60_000; // ten minutes before the console started
    await list(); // the listing already shows those changes; no poll has run yet
    reset();
    await clock.advance(1_000); // the first poll syncs the whole log
    expect(server.calls).toEqual({ eventsSince: 1 });
    // A change after the listing is still read.
    server.changeByOther('bob', 'bulk.flag-0100', 'production', false);
    await clock.advance(1_000);
    expect(server.calls.readFlags).toBe(1);
    expect(prod(await list(), 'bulk.flag-0100').enabled).toBe(false);
    core.dispose();
  });

  it('resyncs every 5 minutes with the cheap listing, reading whole only the flags that differ', async () => {
    const { clock, server, core, list, prod, reset } = world();
    await list();
    await clock.advance(1_000);
    // A change the event log never reported (say, made while the log was being trimmed).
    server.flags.get('bulk.flag-0007')!.environments[1]!.enabled = false;
    reset();
    await clock.advance(5 * 60_000);
    expect(server.calls.listSummaries).toBe(1);
    expect(server.calls.readFlags).toBe(1);
    expect(server.calls.listFlags).toBeUndefined();
    expect(prod(await list(), 'bulk.flag-0007').enabled).toBe(false);
    core.dispose();
  });

  it('waits out a Retry-After: no request to the flag server until the wait is over, and says when it retries', async () => {
    const { clock, server, core, list, reset } = world(3);
    await list();
    await clock.advance(1_000);
    server.faults.error = new RingsideError('rate_limited', 'Unleash answered 429: it is rate limiting Ringside. It asks to wait 30 s.', 30_000);
    reset();
    await clock.advance(1_000); // this poll meets the 429
    expect(server.calls).toEqual({ eventsSince: 1 });
    const listing = await list();
    expect(listing.stale).toBe(true);
    expect(listing.readOnlyReason).toMatch(/^The flag server is rate limiting Ringside \(Unleash answered 429.*asks to wait 30 s\); changes are disabled until it answers\. Retrying at \d\d:\d\d:\d\d\.$/);
    reset();
    await clock.advance(29_000);
    await list(); // a reload of the view meanwhile asks nothing either
    expect(server.calls).toEqual({});
    server.faults.error = null;
    await clock.advance(1_000);
    expect(server.calls.eventsSince).toBe(1);
    expect((await list()).stale).toBe(false);
    core.dispose();
  });

  it('says so when the server asks for a longer wait than Ringside honours, and asks again after at most 5 minutes', async () => {
    const { clock, server, core, list, reset } = world(3);
    await list();
    await clock.advance(1_000);
    server.faults.error = new RingsideError('rate_limited', 'Unleash answered 429: it is rate limiting Ringside. It asks to wait 3600 s.', 3_600_000);
    await clock.advance(1_000);
    expect((await list()).readOnlyReason).toMatch(/Retrying at \d\d:\d\d:\d\d\. Ringside waits at most 5 min for a server's Retry-After, so it asks sooner than it was told\.$/);
    server.faults.error = null;
    reset();
    await clock.advance(4 * 60_000);
    expect(server.calls).toEqual({});
    await clock.advance(60_000);
    expect(server.calls.eventsSince).toBe(1);
    core.dispose();
  });

  it('backs off while the server is down, doubling up to a minute, one round in flight at most', async () => {
    const { clock, server, core, list, reset } = world(3);
    await list();
    await clock.advance(1_000);
    server.faults.down = true;
    reset();
    await clock.advance(120_000);
    // 1, 2, 4, 8, 16, 32, 60 s apart: 7 tries in two minutes instead of 120
    expect(server.calls.eventsSince).toBeLessThanOrEqual(8);
    expect(server.calls.eventsSince).toBeGreaterThanOrEqual(6);
    expect(server.maxInFlight).toBe(1);
    expect((await list()).readOnlyReason).toMatch(/cannot be reached.*Retrying at/);
    core.dispose();
  });

  it('gives each kind of failure its own sentence', async () => {
    const cases: [RingsideError, RegExp][] = [
      [new RingsideError('unauthorized', 'Unleash answered 401: the token was rejected.'), /^The flag server rejected the token/],
      [new RingsideError('forbidden', 'Unleash answered 403.'), /^The token may not read these flags/],
      [new RingsideError('timeout', 'Unleash did not answer within 10 s.'), /^The flag server did not answer in time/],
      [new RingsideError('unavailable', 'Unleash cannot be reached (ECONNREFUSED).'), /^The flag server cannot be reached/],
      [new RingsideError('bad_response', 'Unleash cut off its answer.'), /^The flag server answered something Ringside cannot read/],
    ];
    for (const [error, sentence] of cases) {
      const { clock, server, core, list } = world(2);
      await list();
      server.faults.error = error;
      await clock.advance(1_000);
      expect((await list()).readOnlyReason).toMatch(sentence);
      core.dispose();
    }
  });
});
