import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditEvent } from '../../src-shared/domain/audit';
import type { FlagChange } from '../../src-shared/domain/flagDebt';
import { createCore } from './createCore';
import { fakeFlagServer, testFlag } from './testing/fakeFlagServer';
import { fakeClock } from './testing/fakeWorkspace';
import type { Workspace } from './workspace';

type Identity = { workspace: string; actor: string; source: 'settings' | 'os'; defaultActor: string };

/** A console on a data folder, over a flag server whose event log names its token ('ci') for every write. */
function world(dataDir: string, id = 'w') {
  const clock = fakeClock();
  const server = fakeFlagServer([testFlag('checkout.kill'), testFlag('search.kill')], clock.now);
  const workspace: Workspace = { id, name: id.toUpperCase(), kind: 'live', flags: server.provider, deploy: null, metrics: null, releases: [] };
  const core = createCore({ dataDir, version: 't', clock, actor: 'root', workspace: () => workspace, log: () => {} });
  const call = async <T>(channel: string, request: unknown = {}): Promise<T> => {
    const r = await core.dispatch(channel, request);
    if (!r.ok) throw new Error(r.error.message);
    return r.value as T;
  };
  const rows = async (filter: Record<string, string>) => (await call<{ events: AuditEvent[] }>('audit:search', { ...filter, limit: 100 })).events;
  const changes = async () => (await call<{ changes: FlagChange[] }>('flags:list')).changes;
  return { core, clock, call, rows, changes };
}

describe('one name for the person at the console, per workspace', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'ringside-identity-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('defaults to the OS user and, once set, is the name in the audit, the Kill switches table and the export', async () => {
    const w = world(dataDir);
    expect(await w.call<Identity>('workspace:identity')).toEqual({ workspace: 'w', actor: 'root', source: 'os', defaultActor: 'root' });

    expect(await w.call<Identity>('workspace:setIdentity', { actor: '  Ana Ribeiro ' })).toMatchObject({ actor: 'Ana Ribeiro', source: 'settings' });
    await w.call('flags:setEnabled', { flag: 'checkout.kill', environment: 'production', enabled: false });
    await w.call('windows:set', { timeZone: 'Europe/Berlin', weekly: [], freezes: [] });
    await w.core.poll(); // the server's own log comes in: the same kill, under its token

    const console = await w.rows({ source: 'console' });
    expect(console.length).toBeGreaterThanOrEqual(3);
    expect(new Set(console.map((e) => e.actor))).toEqual(new Set(['Ana Ribeiro']));
    expect((await w.rows({ source: 'flag-server' })).map((e) => e.actor)).toEqual(['ci']);
    expect((await w.changes()).find((c) => c.flag === 'checkout.kill' && c.environment === 'production')).toMatchObject({ by: 'Ana Ribeiro', action: 'flag.disabled' });

    const exported = await w.call<{ path: string }>('audit:export', { source: 'console', format: 'csv' });
    const lines = readFileSync(exported.path, 'utf8').split('\r\n').filter((l) => l.includes(',console,'));
    expect(lines.length).toBe(console.length);
    expect(lines.every((l) => l.includes(',console,Ana Ribeiro,'))).toBe(true);
    w.core.dispose();
  });

  it('is kept per workspace across a restart, and cleared back to the OS user; earlier rows keep their name', async () => {
    const first = world(dataDir);
    await first.call('workspace:setIdentity', { actor: 'Ana Ribeiro' });
    first.core.dispose();

    const again = world(dataDir);
    expect(await again.call<Identity>('workspace:identity')).toMatchObject({ actor: 'Ana Ribeiro', source: 'settings' });
    await again.call('flags:setEnabled', { flag: 'checkout.kill', environment: 'production', enabled: false });
    await again.call('workspace:setIdentity', { actor: null });
    await again.call('flags:setEnabled', { flag: 'search.kill', environment: 'production', enabled: false });
    const byFlag = Object.fromEntries((await again.rows({ source: 'console', action: 'flag.disabled' })).map((e) => [e.objectId, e.actor]));
    expect(byFlag).toEqual({ 'checkout.kill': 'Ana Ribeiro', 'search.kill': 'root' });
    again.core.dispose();

    const other = world(dataDir, 'other');
    expect(await other.call<Identity>('workspace:identity')).toMatchObject({ workspace: 'other', actor: 'root', source: 'os' });
    other.core.dispose();
  });

  it('refuses an empty name, one with a line break, and the names of Ringside’s own automata, in words', async () => {
    const w = world(':memory:');
    const refused = async (actor: string) => {
      const r = await w.core.dispatch('workspace:setIdentity', { actor });
      return r.ok ? null : r.error;
    };
    expect(await refused('   ')).toMatchObject({ code: 'bad_request', message: expect.stringContaining('must not be empty') });
    expect(await refused('ana\nroot')).toMatchObject({ message: expect.stringContaining('control characters') });
    expect(await refused('ringside-guard')).toMatchObject({ message: expect.stringContaining("belong to Ringside's guard") });
    expect(await refused('x'.repeat(101))).toMatchObject({ message: expect.stringContaining('at most 100 characters') });
    expect(await w.call<Identity>('workspace:identity')).toMatchObject({ actor: 'root', source: 'os' });
    w.core.dispose();
  });
});
