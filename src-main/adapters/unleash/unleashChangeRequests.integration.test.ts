import { startPostgres, type PostgresServer } from '../../../test-harness/postgres';
import { startUnleash, type UnleashServer } from '../../../test-harness/unleash';
import { startChangeRequestServer, type ChangeRequestServer } from '../../../test-harness/unleashChangeRequests/server';
import { createUnleashPerson, type UnleashPerson } from '../../../test-harness/unleashChangeRequests/unleashUsers';
import { unleashAdmin, type UnleashAdmin } from '../../../e2e/fixtures/unleashSeed';
import { RingsideError } from '../../../src-shared/ipc/result';
import { createUnleashProvider } from './unleashProvider';

// Four-eyes through Unleash change requests: Enterprise's change-request API, played by the contract
// server in test-harness/unleashChangeRequests (shaped from Unleash's public API documentation), in
// front of a real unleash-server 7.5 over a real PostgreSQL, with two real users and their own tokens.
let pg: PostgresServer;
let unleash: UnleashServer;
let contract: ChangeRequestServer;
let admin: UnleashAdmin;
let alice: UnleashPerson;
let bob: UnleashPerson;

const through = (token: string) => createUnleashProvider({ url: contract.url, project: 'default', token });
/** The real server's own view, read by Ringside's provider straight from it. */
const direct = () => createUnleashProvider({ url: unleash.url, project: 'default', token: unleash.adminToken });

async function failureOf(work: Promise<unknown>): Promise<RingsideError> {
  const outcome = await work.then(
    () => null,
    (error: unknown) => error,
  );
  if (!(outcome instanceof RingsideError)) throw new Error(`expected a RingsideError, got ${String(outcome)}`);
  return outcome;
}

beforeAll(async () => {
  pg = await startPostgres();
  unleash = await startUnleash({ databaseUrl: await pg.createDatabase() });
  admin = unleashAdmin(unleash.url, unleash.adminToken);
  // Alice edits flags; Bob is an Unleash admin, which includes APPROVE_ and APPLY_CHANGE_REQUEST.
  alice = await createUnleashPerson(unleash.url, unleash.adminToken, { username: 'alice', name: 'Alice Requester', rootRole: 'Editor' });
  bob = await createUnleashPerson(unleash.url, unleash.adminToken, { username: 'bob', name: 'Bob Approver', rootRole: 'Admin' });
  await admin.createFlag({ name: 'checkout.pricing', enabledIn: ['production', 'development'] });
  await admin.setEnabled('checkout.pricing', 'production', false);
  await admin.createFlag({ name: 'search.ranking', enabledIn: ['production'] });
  contract = await startChangeRequestServer({ upstream: unleash.url, adminToken: unleash.adminToken, protect: [{ project: 'default', environment: 'production' }] });
}, 120_000);

afterAll(async () => {
  await contract?.stop();
  await unleash?.stop();
  await pg?.stop();
});

describe('Unleash change requests (contract server over a real Unleash)', () => {
  it('names each person and the environments that need change requests', async () => {
    expect(await through(alice.token).governance.whoAmI()).toBe('alice');
    expect(await through(bob.token).governance.whoAmI()).toBe('bob');
    const governance = through(alice.token).governance;
    expect(await governance.changeRequestEnvironments()).toEqual(['production']);
    expect(await governance.changeRequests.available()).toBe(true);
  });

  it('a direct change to production is refused as needing a second person', async () => {
    const refused = await failureOf(through(alice.token).setEnabled('checkout.pricing', 'production', true));
    expect(refused.code).toBe('forbidden');
    expect(refused.permission).toBe('SKIP_CHANGE_REQUEST');
    expect(refused.message).toContain('production in default requires a change request: a second person must approve this change');
    expect((await direct().readState('checkout.pricing', 'production')).enabled).toBe(false);
  });

  it('create → pending → the requester cannot approve → a second person approves → applied: the flag is really on', async () => {
    const asAlice = through(alice.token).governance.changeRequests;
    const asBob = through(bob.token).governance.changeRequests;

    const created = await asAlice.create({ flag: 'checkout.pricing', environment: 'production', enabled: true });
    expect(created).toMatchObject({ flag: 'checkout.pricing', environment: 'production', enabled: true, state: 'In review', requestedBy: 'alice', approvedBy: [] });
    expect(created.requestedAt).toEqual(expect.any(Number));

    // Both consoles see it: it was submitted for review, not left as Alice's private draft.
    expect((await asBob.pending()).map((r) => r.id)).toEqual([created.id]);
    expect((await asAlice.pending()).map((r) => r.id)).toEqual([created.id]);

    const own = await failureOf(asAlice.setState(created.id, 'Approved'));
    expect(own.code).toBe('forbidden');
    expect(own.message).toContain(`Unleash refused to move change request ${created.id} to "Approved"`);
    expect(own.message).toContain('cannot approve your own change request');
    expect((await asBob.pending())[0]).toMatchObject({ state: 'In review', approvedBy: [] });

    const approved = await asBob.setState(created.id, 'Approved');
    expect(approved).toMatchObject({ state: 'Approved', approvedBy: ['bob'], requestedBy: 'alice' });
    expect((await direct().readState('checkout.pricing', 'production')).enabled).toBe(false);

    const applied = await asBob.setState(created.id, 'Applied');
    expect(applied.state).toBe('Applied');
    expect((await direct().readState('checkout.pricing', 'production')).enabled).toBe(true);
    expect(await asBob.pending()).toEqual([]);
  });

  it('a requester without the apply permission cannot apply, and can cancel their own request', async () => {
    const asAlice = through(alice.token).governance.changeRequests;
    const created = await asAlice.create({ flag: 'search.ranking', environment: 'production', enabled: false });
    await through(bob.token).governance.changeRequests.setState(created.id, 'Approved');

    const apply = await failureOf(asAlice.setState(created.id, 'Applied'));
    expect(apply.code).toBe('forbidden');
    expect(apply.message).toContain('APPLY_CHANGE_REQUEST');
    expect((await direct().readState('search.ranking', 'production')).enabled).toBe(true);

    expect((await asAlice.setState(created.id, 'Cancelled')).state).toBe('Cancelled');
    expect(await asAlice.pending()).toEqual([]);
  });

  it('the open-source server itself has no change requests: Ringside says so instead of pretending', async () => {
    const changeRequests = direct().governance.changeRequests;
    expect(await changeRequests.available()).toBe(false);
    const none = await failureOf(changeRequests.create({ flag: 'checkout.pricing', environment: 'production', enabled: false }));
    expect(none.code).toBe('not_found');
    expect(none.message).toContain('Unleash Enterprise');
  });
});
