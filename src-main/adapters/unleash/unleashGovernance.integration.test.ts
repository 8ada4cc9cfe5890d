import { startPostgres, type PostgresServer } from '../../../test-harness/postgres';
import { startUnleash, type UnleashServer } from '../../../test-harness/unleash';
import { createUnleashPerson, requireChangeRequests, type UnleashPerson } from '../../../test-harness/unleashChangeRequests/unleashUsers';
import { unleashAdmin, type UnleashAdmin } from '../../../e2e/fixtures/unleashSeed';
import { RingsideError } from '../../../src-shared/ipc/result';
import { createUnleashProvider } from './unleashProvider';

// A real unleash-server 7.5 over a real PostgreSQL: what it says about its tokens, and its
// change-request rule, which the open-source server enforces once a change_request_settings row exists.
let pg: PostgresServer;
let unleash: UnleashServer;
let databaseUrl: string;
let admin: UnleashAdmin;
let editor: UnleashPerson;
let viewer: UnleashPerson;

const providerFor = (token: string) => createUnleashProvider({ url: unleash.url, project: 'default', token });

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
  databaseUrl = await pg.createDatabase();
  unleash = await startUnleash({ databaseUrl });
  admin = unleashAdmin(unleash.url, unleash.adminToken);
  editor = await createUnleashPerson(unleash.url, unleash.adminToken, { username: 'edith', name: 'Edith Editor', rootRole: 'Editor' });
  viewer = await createUnleashPerson(unleash.url, unleash.adminToken, { username: 'victor', name: 'Victor Viewer', rootRole: 'Viewer' });
  await admin.createFlag({ name: 'checkout.pricing', rollout: 25, enabledIn: ['development', 'production'] });
  await admin.setEnabled('checkout.pricing', 'production', false);
  await admin.setEnabled('checkout.pricing', 'development', false);
}, 120_000);

afterAll(async () => {
  await unleash?.stop();
  await pg?.stop();
});

describe('Unleash governance against a real unleash-server 7.5', () => {
  it('an admin API token: no person, every right, and no change-request API on the open-source server', async () => {
    const { governance } = providerFor(unleash.adminToken);
    expect(await governance.whoAmI()).toBeNull();
    const checks = await governance.capabilities(['development', 'production']);
    expect(checks).toHaveLength(4);
    expect(checks.every((c) => c.allowed && c.reason === null)).toBe(true);
    expect(await governance.changeRequestEnvironments()).toBeNull();
    expect(await governance.changeRequests.available()).toBe(false);
  });

  it('personal access tokens: the user is named, and what the server says each may do is what it then allows', async () => {
    const asEditor = providerFor(editor.token);
    const asViewer = providerFor(viewer.token);
    expect(await asEditor.governance.whoAmI()).toBe('edith');
    expect(await asViewer.governance.whoAmI()).toBe('victor');
    expect((await asEditor.governance.capabilities(['development', 'production'])).every((c) => c.allowed)).toBe(true);

    const viewerChecks = await asViewer.governance.capabilities(['development']);
    expect(viewerChecks.map((c) => c.allowed)).toEqual([false, false]);
    expect(viewerChecks[0]?.reason).toContain('Unleash user victor does not have UPDATE_FEATURE_ENVIRONMENT in development of project default');
    // The server agrees: the viewer's toggle is refused, naming the same permission.
    const refused = await failureOf(asViewer.setEnabled('checkout.pricing', 'development', true));
    expect(refused.code).toBe('forbidden');
    expect(refused.message).toContain('UPDATE_FEATURE_ENVIRONMENT');
    expect((await admin.state('checkout.pricing', 'development')).enabled).toBe(false);
  });

  it('with a change_request_settings row, a direct change to production is refused as needing a second person; development still works', async () => {
    await requireChangeRequests(databaseUrl, 'default', 'production');
    const asEditor = providerFor(editor.token);

    const refused = await failureOf(asEditor.setEnabled('checkout.pricing', 'production', true));
    expect(refused.code).toBe('forbidden');
    expect(refused.permission).toBe('SKIP_CHANGE_REQUEST');
    expect(refused.message).toMatch(/^production in default requires a change request: a second person must approve this change\. Request it from Ringside/);
    expect((await admin.state('checkout.pricing', 'production')).enabled).toBe(false);

    // A strategy change is a change too: the rollout percentage in production is refused the same way.
    const strategy = (await asEditor.readState('checkout.pricing', 'production')).strategies[0];
    const raise = await failureOf(asEditor.setRollout('checkout.pricing', 'production', strategy?.id ?? 'missing', 50));
    expect(raise.permission).toBe('SKIP_CHANGE_REQUEST');
    expect((await admin.state('checkout.pricing', 'production')).rollout).toBe('25');

    await asEditor.setEnabled('checkout.pricing', 'development', true);
    expect((await asEditor.readState('checkout.pricing', 'development')).enabled).toBe(true);
  });

  it('the server exempts ADMIN from its own rule: an admin token still changes production directly (Unleash decides, not Ringside)', async () => {
    // AccessService.meetsAllPermissions counts ADMIN as every permission, SKIP_CHANGE_REQUEST included.
    await requireChangeRequests(databaseUrl, 'default', 'production');
    await providerFor(unleash.adminToken).setEnabled('checkout.pricing', 'production', true);
    expect((await admin.state('checkout.pricing', 'production')).enabled).toBe(true);
    await admin.setEnabled('checkout.pricing', 'production', false);
  });
});
