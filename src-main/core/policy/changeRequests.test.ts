import type { Flag } from '../../../src-shared/domain/flag';
import type { FlagChangeRequest } from '../../../src-shared/domain/governance';
import { ringWorld } from '../rings/testing/ringWorld';
import { fakeFlagGovernance } from './testing/fakeGovernance';

const flag = 'checkout.pricing';

/** A production workspace whose flag server requires change requests in production and offers their API (in memory). */
function world() {
  const w = ringWorld();
  const gov = fakeFlagGovernance({
    changeRequestEnvironments: ['production'],
    api: true,
    apply: (change) => {
      w.flags.flags.get(change.flag)!.environments.find((e) => e.environment === change.environment)!.enabled = change.enabled;
    },
    now: w.clock.now,
  });
  w.flags.provider.governance = gov.governance;
  w.workspace.production = true;
  w.workspace.policy = { environments: { production: 'releaser' } };
  w.restart();
  return { ...w, gov, as: (actor: string) => ((gov.control.author = actor), w.call('workspace:setIdentity', { actor })) };
}

describe('flag changes through change requests', () => {
  it('asks, refuses the author as approver, applies on a second person, and shows the flag on only once it reads back', async () => {
    const w = world();
    await w.as('ana');
    await w.call('flags:list'); // the console has read the flags, off in production
    await expect(w.call('flags:setEnabled', { flag, environment: 'production', enabled: true, reason: 'release' })).rejects.toMatchObject({
      code: 'blocked',
      message: expect.stringContaining('request approval with a change request'),
    });
    const asked = await w.call<FlagChangeRequest>('changes:requestFlag', { flag, environment: 'production', enabled: true, reason: 'Ring 3: everyone' });
    expect(asked).toMatchObject({ flag, environment: 'production', enabled: true, state: 'In review', requestedBy: 'ana' });
    expect(await w.call('changes:list')).toMatchObject({ flagRequests: [{ id: asked.id }], available: { flags: true, deploy: false } });

    await expect(w.call('changes:reviewFlag', { id: asked.id, state: 'Approved' })).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('a second person must approve it') });
    expect(w.gov.calls).toEqual([`create ${flag} production true`]);

    await w.as('bea');
    expect(await w.call('changes:reviewFlag', { id: asked.id, state: 'Approved', reason: 'looks right' })).toMatchObject({ state: 'Approved', approvedBy: ['bea'] });
    expect(w.flagOn().enabled).toBe(false);
    expect(await w.call('changes:reviewFlag', { id: asked.id, state: 'Applied' })).toMatchObject({ state: 'Applied' });
    expect(w.flagOn().enabled).toBe(true);

    // The flag service holds the confirmed state: with the server gone, the cached listing shows it on.
    w.flags.faults.down = true;
    const listing = await w.call<{ flags: Flag[]; stale: boolean }>('flags:list');
    expect(listing.flags.find((f) => f.name === flag)!.environments.find((e) => e.environment === 'production')!.enabled).toBe(true);

    const audit = await w.audit();
    expect(audit.filter((e) => e.action.startsWith('flag.changeRequest')).map((e) => [e.action, e.actor, e.result])).toEqual([
      ['flag.changeRequest.created.requested', 'ana', 'asked'],
      ['flag.changeRequest.created', 'ana', 'created'],
      ['flag.changeRequest.approved.requested', 'bea', 'asked'],
      ['flag.changeRequest.approved', 'bea', 'done'],
      ['flag.changeRequest.applied.requested', 'bea', 'asked'],
      ['flag.changeRequest.applied', 'bea', 'confirmed'],
    ]);
    expect(audit.find((e) => e.action === 'flag.changeRequest.applied')!.after).toMatchObject({ flagState: { enabled: true } });
  });

  it('reports an applied request the read-back does not show as a conflict', async () => {
    const w = world();
    await w.as('ana');
    const asked = await w.call<FlagChangeRequest>('changes:requestFlag', { flag, environment: 'production', enabled: true, reason: 'Ring 3: everyone' });
    await w.as('bea');
    await w.call('changes:reviewFlag', { id: asked.id, state: 'Approved' });
    const readState = w.flags.provider.readState;
    w.flags.provider.readState = async (name, env) => ({ ...(await readState(name, env)), enabled: false });
    await expect(w.call('changes:reviewFlag', { id: asked.id, state: 'Applied' })).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('reads back off') });
    expect((await w.audit()).at(-1)).toMatchObject({ action: 'flag.changeRequest.applied', result: 'unconfirmed' });
  });

  it('asks a profile that allows the change itself, and says where the server has no change-request API', async () => {
    const w = world();
    w.workspace.policy = { environments: { production: 'operator' } };
    w.restart();
    await expect(w.call('changes:requestFlag', { flag, environment: 'production', enabled: true, reason: 'Ring 3: everyone' })).rejects.toMatchObject({ code: 'forbidden' });
    delete w.flags.provider.governance!.changeRequests;
    await expect(w.call('changes:requestFlag', { flag, environment: 'production', enabled: false, reason: 'turn it off' })).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringContaining('an approver must make the change in Unleash itself'),
    });
    expect(await w.call('changes:list')).toMatchObject({ flagRequests: [], available: { flags: false } });
  });

  it('says what the servers let the credentials do, cached for a minute unless refreshed', async () => {
    const w = world();
    const first = await w.call<{ scopes: unknown[]; capabilities: { scope: string }[]; checkedAt: number }>('policy:get', {});
    expect(first.scopes).toEqual([
      { scope: 'development', profile: 'releaser', production: false, fourEyes: false },
      { scope: 'production', profile: 'releaser', production: true, fourEyes: true },
      { scope: 'deploy', profile: 'operator', production: true, fourEyes: true },
    ]);
    expect(first.capabilities.map((c) => c.scope)).toEqual(['development', 'production']);
    w.clock.advance(30_000);
    expect((await w.call<{ checkedAt: number }>('policy:get', {})).checkedAt).toBe(first.checkedAt);
    expect((await w.call<{ checkedAt: number }>('policy:get', { refresh: true })).checkedAt).toBe(first.checkedAt + 30_000);
  });
});
