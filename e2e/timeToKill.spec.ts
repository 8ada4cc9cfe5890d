import { expect, test } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPostgres, type PostgresServer } from '../test-harness/postgres';
import { startUnleash, type UnleashServer } from '../test-harness/unleash';
import { startServe, type ServedConsole } from './fixtures/serve';
import { describeSplit, timeToKill } from './fixtures/timeToKill';
import { unleashAdmin, type UnleashAdmin } from './fixtures/unleashSeed';

const FLAG = 'payments.card-vault';
const NEIGHBOUR = 'payments.card-retry';
const ENVIRONMENTS = ['development', 'production'];

/**
 * Time to kill (issue 14, item 6): from launching serve mode to a flag confirmed off in a real
 * unleash-server 7.5, keyboard only. The split is printed; the time is not asserted (no test
 * asserts on the wall clock), the three interactions and the server's state are.
 */
test.describe('time to kill against a real Unleash', () => {
  let pg: PostgresServer;
  let unleash: UnleashServer;
  let admin: UnleashAdmin;
  let workspaceFile: string;
  let served: ServedConsole | undefined;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    pg = await startPostgres();
    unleash = await startUnleash({ databaseUrl: await pg.createDatabase() });
    admin = unleashAdmin(unleash.url, unleash.adminToken);
    await admin.createFlag({ name: FLAG, type: 'kill-switch', description: 'Card vault calls', enabledIn: ['production'] });
    await admin.createFlag({ name: NEIGHBOUR, type: 'kill-switch', description: 'Card retries', enabledIn: ENVIRONMENTS });
    workspaceFile = join(mkdtempSync(join(tmpdir(), 'ringside-ws-')), 'workspace.json');
    writeFileSync(workspaceFile, JSON.stringify({ id: 'ttk', name: 'Time to kill', flags: { provider: 'unleash', url: unleash.url } }));
  });

  test.afterAll(async () => {
    await served?.stop();
    await unleash?.stop();
    await pg?.stop();
  });

  /** Every (flag, environment) → enabled, as Unleash itself reads it. */
  async function serverStates(): Promise<Record<string, boolean>> {
    const states: Record<string, boolean> = {};
    for (const flag of [FLAG, NEIGHBOUR]) {
      for (const env of ENVIRONMENTS) states[`${flag} in ${env}`] = (await admin.state(flag, env)).enabled;
    }
    return states;
  }

  test('launch, Ctrl+K, the flag name, Enter: off in Unleash, in 3 interactions', async ({ page }) => {
    const before = await serverStates();
    expect(before[`${FLAG} in production`]).toBe(true);

    const result = await timeToKill(page, {
      launch: async () =>
        (served = await startServe({
          args: ['--workspace', workspaceFile],
          env: { RINGSIDE_UNLEASH_TOKEN: unleash.adminToken },
        })),
      flag: FLAG,
      environment: 'production',
      query: FLAG,
      isEnabledOnServer: async () => (await admin.state(FLAG, 'production')).enabled,
    });
    console.log(`time to kill: ${describeSplit(result.split, result.interactions)}`);

    expect(result.interactions).toBe(3);
    expect((await admin.state(FLAG, 'production')).enabled).toBe(false);
    const after = await serverStates();
    expect(Object.keys(before).filter((cell) => before[cell] !== after[cell])).toEqual([`${FLAG} in production`]);
    await expect(page.getByTestId('palette-toast')).toContainText(`${FLAG} is off in production (confirmed`);
  });
});
