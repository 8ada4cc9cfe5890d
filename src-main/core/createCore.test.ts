import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Flag } from '../../src-shared/domain/flag';
import { createCore } from './createCore';
import { fakeClock, fakeWorkspace } from './testing/fakeWorkspace';

describe('createCore', () => {
  it('serves flags live, then from the cache with its age when the server is down, across a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ringside-core-'));
    const clock = fakeClock();
    const { workspace, state } = fakeWorkspace();
    const core = createCore({ dataDir, version: 't', clock, workspace: () => workspace });
    const live = await core.dispatch('flags:list', {});
    expect(live).toMatchObject({ ok: true, value: { stale: false, fetchedAt: clock.now() } });
    const syncedAt = clock.now();
    core.dispose();

    clock.advance(60_000);
    state.down = true;
    const restarted = createCore({ dataDir, version: 't', clock, workspace: () => workspace });
    const cached = await restarted.dispatch('flags:list', {});
    expect(cached).toMatchObject({ ok: true, value: { stale: true, fetchedAt: syncedAt } });
    if (cached.ok) expect((cached.value as { flags: Flag[] }).flags.map((f) => f.name)).toEqual(['checkout.kill']);
    const ws = await restarted.dispatch('workspace:current', {});
    expect(ws).toMatchObject({
      ok: true,
      value: {
        backends: [
          { kind: 'flags', state: 'offline', lastSyncAt: syncedAt, message: expect.stringContaining('not answering') },
          { kind: 'deploy', state: 'unconfigured', configured: false },
          { kind: 'metrics', state: 'unconfigured', configured: false },
        ],
      },
    });
    restarted.dispose();
  });

  it('emits state:changed when a poll sees a change made elsewhere, and only then', async () => {
    const { workspace, state } = fakeWorkspace();
    const core = createCore({ dataDir: ':memory:', version: 't', clock: fakeClock(), workspace: () => workspace });
    const seen: [string, unknown][] = [];
    const dispose = core.bus.onAny((event, payload) => seen.push([event, payload]));
    await core.poll();
    await core.poll();
    state.enabled = false;
    await core.poll();
    expect(seen.filter(([e]) => e === 'state:changed')).toEqual([
      ['state:changed', { domain: 'backends' }],
      ['state:changed', { domain: 'flags' }],
      ['state:changed', { domain: 'flags' }],
    ]);
    dispose();
    expect(core.bus.listenerCount).toBe(0);
    core.dispose();
  });

  it('reports a corrupt database as a notice the renderer can show', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ringside-core-'));
    writeFileSync(join(dataDir, 'ringside.db'), 'garbage');
    const core = createCore({ dataDir, version: 't', clock: fakeClock(), workspace: () => fakeWorkspace().workspace });
    const info = await core.dispatch('app:info', {});
    expect(info).toMatchObject({ ok: true, value: { notices: [expect.stringMatching(/moved to .*corrupt/)] } });
    core.dispose();
  });

  it('turns handler failures into typed errors and never throws', async () => {
    const { workspace } = fakeWorkspace();
    workspace.flags = {
      ...workspace.flags!,
      listFlags: async () => {
        throw new TypeError('cannot read properties of undefined');
      },
    };
    workspace.deploy = { provider: 'bad', listRollouts: async () => [{ name: 42 }] } as never;
    const core = createCore({ dataDir: ':memory:', version: 't', clock: fakeClock(), workspace: () => workspace, log: () => {} });
    expect(await core.dispatch('rollouts:list', {})).toMatchObject({
      ok: false,
      error: { code: 'internal', message: expect.stringContaining('invalid answer for rollouts:list') },
    });
    expect(await core.dispatch('canary:series', { releaseId: 'nope', from: 1, to: 2 })).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: expect.stringContaining('No release "nope"') },
    });
    for (const garbage of [undefined, null, 'x', 42, Symbol.for('x'), () => 1]) {
      await expect(core.dispatch('audit:page', garbage)).resolves.toMatchObject({ ok: false });
      await expect(core.dispatch(garbage, {})).resolves.toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    }
    core.dispose();
  });
});

describe('audit channels', () => {
  it('search answers hostile text with results or a clear error, and verify reports the chain', async () => {
    const { workspace } = fakeWorkspace();
    const core = createCore({ dataDir: ':memory:', version: 't', clock: fakeClock(), workspace: () => workspace, actor: 'ana' });
    await core.dispatch('flags:setEnabled', { flag: 'checkout.kill', environment: 'production', enabled: false });
    for (const text of ['NEAR(', '"', 'a* OR b:c', '\u202e', 'x"y', 'x'.repeat(10_000)]) {
      await expect(core.dispatch('audit:search', { text, limit: 10 })).resolves.toMatchObject({ ok: true });
    }
    // A NUL never reaches FTS5: the contract refuses it in words.
    for (const text of ['\u0000\u202e', 'a\u0000b', 'checkout\u0000', 'x\u0000"y']) {
      expect(await core.dispatch('audit:search', { text, limit: 10 })).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringContaining('text: must not contain a NUL') } });
    }
    expect(await core.dispatch('audit:search', { text: 'x'.repeat(10_001), limit: 10 })).toMatchObject({
      ok: false,
      error: { code: 'bad_request', message: expect.stringContaining('text') },
    });
    const found = await core.dispatch('audit:search', { text: 'checkout.kill', actor: 'ana', limit: 10 });
    expect(found).toMatchObject({ ok: true, value: { events: [{ action: 'flag.disabled' }, { action: 'flag.disabled.requested' }] } });
    expect(await core.dispatch('audit:verify', {})).toEqual({ ok: true, value: { ok: true, checked: 2, firstBroken: null } });
    core.dispose();
  });
});
