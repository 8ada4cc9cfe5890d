import { createCore } from '../createCore';
import { memorySecretStore, type SecretStore } from '../ports/secretStore';
import { fakeClock, fakeWorkspace } from '../testing/fakeWorkspace';
import type { WorkspaceConfig } from '../../../src-shared/domain/workspaceConfig';
import type { SecretSource } from './registry';

const config = (id: string, extra: Partial<WorkspaceConfig> = {}) => ({
  id,
  name: `WS ${id}`,
  production: false,
  flags: { provider: 'unleash' as const, url: 'https://unleash.example.test', project: 'default' },
  policy: { environments: {} },
  ...extra,
});

function setup(secrets: SecretStore = memorySecretStore()) {
  const built: { id: string; token: string | undefined }[] = [];
  const tested: { id: string; token: string | undefined }[] = [];
  const core = createCore({
    dataDir: ':memory:',
    version: 't',
    clock: fakeClock(),
    workspace: () => ({ ...fakeWorkspace().workspace, id: 'demo', kind: 'demo' }),
    secrets,
    buildSaved: (c: WorkspaceConfig, s: SecretSource) => {
      built.push({ id: c.id, token: s.get('flags.token') });
      return { ...fakeWorkspace().workspace, id: c.id, name: c.name, production: c.production };
    },
    testConnection: async (c, s) => {
      tested.push({ id: c.id, token: s.get('flags.token') });
      return [{ backend: 'flags', step: 'auth', ok: s.get('flags.token') === 'good', detail: 'Unleash answered 401: the token was rejected.' }];
    },
  });
  const call = async (channel: string, request: unknown, scope?: string) => core.dispatch(channel, request, scope);
  return { core, call, built, tested, secrets };
}

describe('the workspace registry', () => {
  it('saves a workspace with its secret in the SecretStore; the list says only that it is set', async () => {
    const secrets = memorySecretStore();
    const { call, core } = setup(secrets);
    const saved = await call('workspaces:save', { config: config('staging'), secrets: { 'flags.token': 'tok-123456' } });
    expect(saved).toMatchObject({ ok: true, value: { id: 'staging', source: 'saved', secrets: { 'flags.token': true }, sessionOnly: false } });
    expect(JSON.stringify(saved)).not.toContain('tok-123456');
    expect(await secrets.get('workspace:staging:flags.token')).toBe('tok-123456');
    const list = await call('workspaces:list', {});
    expect(JSON.stringify(list)).not.toContain('tok-123456');
    expect(list).toMatchObject({ ok: true, value: { defaultId: 'demo', workspaces: [{ id: 'demo', source: 'demo' }, { id: 'staging', open: false }] } });
    core.dispose();
  });

  it('opens a saved workspace on first use with its secret, in its own session', async () => {
    const { call, built, core } = setup();
    await call('workspaces:save', { config: config('staging', { production: true }), secrets: { 'flags.token': 'tok-123456' } });
    expect(await call('workspace:current', {}, 'staging')).toMatchObject({ ok: true, value: { id: 'staging', production: true } });
    expect(built).toEqual([{ id: 'staging', token: 'tok-123456' }]);
    expect(await call('workspace:current', {}, 'staging')).toMatchObject({ ok: true });
    expect(built).toHaveLength(1);
    core.dispose();
  });

  it('keeps session-only secrets in memory, out of the persistent store', async () => {
    const secrets = memorySecretStore();
    const { call, built, core } = setup(secrets);
    await call('workspaces:save', { config: config('scratch'), secrets: { 'flags.token': 'tok-abcdef' }, sessionOnly: true });
    expect(await secrets.get('workspace:scratch:flags.token')).toBeNull();
    await call('workspace:current', {}, 'scratch');
    expect(built).toEqual([{ id: 'scratch', token: 'tok-abcdef' }]);
    expect(await call('workspaces:list', {})).toMatchObject({ ok: true, value: { workspaces: [{}, { id: 'scratch', sessionOnly: true, secrets: { 'flags.token': true } }] } });
    core.dispose();
  });

  it('refuses what a store refuses (a plain-text keychain) and saves nothing', async () => {
    const refusing: SecretStore = { ...memorySecretStore(), set: async () => Promise.reject(new Error('basic_text: no keyring')) };
    const { call, core } = setup(refusing);
    const answer = await call('workspaces:save', { config: config('staging'), secrets: { 'flags.token': 'tok-123456' } });
    expect(answer.ok).toBe(false);
    expect(await call('workspaces:list', {})).toMatchObject({ ok: true, value: { workspaces: [{ id: 'demo' }] } });
    core.dispose();
  });

  it('removes a saved workspace and its secrets; the demo and file workspaces cannot be edited or removed', async () => {
    const secrets = memorySecretStore();
    const { call, core } = setup(secrets);
    await call('workspaces:save', { config: config('staging'), secrets: { 'flags.token': 'tok-123456' } });
    expect(await call('workspaces:remove', { id: 'staging' })).toMatchObject({ ok: true, value: { removed: true } });
    expect(await secrets.get('workspace:staging:flags.token')).toBeNull();
    expect(await call('workspace:current', {}, 'staging')).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await call('workspaces:remove', { id: 'demo' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await call('workspaces:save', { config: config('demo') })).toMatchObject({ ok: false, error: { code: 'conflict', message: 'The demo workspace cannot be edited.' } });
    core.dispose();
  });

  it('tests a connection with what the form typed over what main holds, and a secret typed as null is left out', async () => {
    const { call, tested, core } = setup();
    await call('workspaces:save', { config: config('staging'), secrets: { 'flags.token': 'good' } });
    expect(await call('workspaces:test', { id: 'staging' })).toMatchObject({ ok: true, value: { ok: true } });
    expect(await call('workspaces:test', { config: config('staging'), secrets: { 'flags.token': 'typed' } })).toMatchObject({ ok: true, value: { ok: false } });
    await call('workspaces:test', { config: config('staging'), secrets: { 'flags.token': null } });
    expect(tested).toEqual([
      { id: 'staging', token: 'good' },
      { id: 'staging', token: 'typed' },
      { id: 'staging', token: undefined },
    ]);
    core.dispose();
  });

  it('answers where to open a workspace beside this one', async () => {
    const { call, core } = setup();
    expect(await call('workspaces:open', { id: 'demo' })).toEqual({ ok: true, value: { path: '/?workspace=demo', opened: false } });
    expect(await call('workspaces:open', { id: 'nope' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    core.setWindowOpener(() => true);
    expect(await call('workspaces:open', { id: 'demo' })).toMatchObject({ ok: true, value: { opened: true } });
    core.dispose();
  });
});
