import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { createCore, type Core } from '../core/createCore';
import { fakeClock, fakeWorkspace } from '../core/testing/fakeWorkspace';
import { startServer, type RunningServer } from './server';

/** POST a channel as a page of `workspace` does (its ?workspace= address becomes this header). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers of many channels, read field by field below
type Answer = { ok: boolean; value?: any; error?: { code: string; message: string } };

function invoke(server: RunningServer, channel: string, body: unknown, workspace?: string) {
  return new Promise<{ status: number; json: Answer }>((resolve, reject) => {
    const headers: Record<string, string> = {
      host: `127.0.0.1:${server.port}`,
      authorization: `Bearer ${server.token}`,
      'content-type': 'application/json',
    };
    if (workspace) headers['x-ringside-workspace'] = workspace;
    const req = request({ host: '127.0.0.1', port: server.port, path: `/api/invoke/${channel}`, method: 'POST', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString()) }));
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

function listen(server: RunningServer, workspace: string) {
  const heard: string[] = [];
  const socket = new WebSocket(`ws://127.0.0.1:${server.port}/api/events?workspace=${workspace}`, {
    headers: { authorization: `Bearer ${server.token}`, host: `127.0.0.1:${server.port}`, origin: `http://127.0.0.1:${server.port}` },
  });
  socket.on('message', (data) => {
    const { event, payload } = JSON.parse(String(data)) as { event: string; payload: { domain?: string } };
    if (event !== 'app:heartbeat') heard.push(`${event}:${payload.domain ?? ''}`);
  });
  return { heard, opened: new Promise((resolve) => socket.once('open', resolve)), close: () => socket.close() };
}

describe('two workspaces open at once in serve mode', () => {
  let core: Core;
  let server: RunningServer;
  const a = fakeWorkspace();
  const b = fakeWorkspace();
  const rendererDir = mkdtempSync(join(tmpdir(), 'ringside-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Ringside</title>');

  beforeAll(async () => {
    const clock = fakeClock();
    const wsB = { ...b.workspace, id: 'staging', name: 'Staging' };
    core = createCore({
      dataDir: ':memory:',
      version: 't',
      clock,
      workspace: () => ({ ...a.workspace, id: 'prod', name: 'Production EU', production: true, policy: { environments: { production: 'releaser' } } }),
      workspaces: [{ id: 'staging', name: 'Staging', production: false, source: 'file', config: null, secrets: {}, build: () => wsB }],
    });
    server = await startServer({ core, rendererDir });
  });
  afterAll(async () => {
    await server.close();
    core.dispose();
  });

  it('lists both, each with its own summary, the production one marked', async () => {
    const list = await invoke(server, 'workspaces:list', {});
    expect(list.json.value.workspaces.map((w: { id: string; production: boolean }) => [w.id, w.production])).toEqual([
      ['prod', true],
      ['staging', false],
    ]);
    expect(list.json.value.defaultId).toBe('prod');
    expect((await invoke(server, 'workspace:current', {}, 'prod')).json.value).toMatchObject({ id: 'prod', production: true });
    expect((await invoke(server, 'workspace:current', {}, 'staging')).json.value).toMatchObject({ id: 'staging', production: false });
    // No header: the default workspace.
    expect((await invoke(server, 'workspace:current', {})).json.value).toMatchObject({ id: 'prod' });
  });

  it('a kill in one leaves the other’s flag server, cache, audit and events alone', async () => {
    await invoke(server, 'flags:list', {}, 'staging');
    const stagingAuditBefore = (await invoke(server, 'audit:count', {}, 'staging')).json.value.count;
    const prodTab = listen(server, 'prod');
    const stagingTab = listen(server, 'staging');
    await Promise.all([prodTab.opened, stagingTab.opened]);

    const kill = await invoke(server, 'flags:setEnabled', { flag: 'checkout.kill', environment: 'production', enabled: false, reason: 'incident 42' }, 'prod');
    expect(kill.json.ok).toBe(true);
    expect(a.state.enabled).toBe(false);
    expect(b.state.enabled).toBe(true);

    const prodFlags = (await invoke(server, 'flags:list', {}, 'prod')).json.value.flags;
    const stagingFlags = (await invoke(server, 'flags:list', {}, 'staging')).json.value.flags;
    expect(prodFlags[0].environments[0].enabled).toBe(false);
    expect(stagingFlags[0].environments[0].enabled).toBe(true);

    const prodAudit = (await invoke(server, 'audit:page', { limit: 10 }, 'prod')).json.value.events;
    expect(prodAudit.some((e: { reason: string | null }) => e.reason === 'incident 42')).toBe(true);
    expect((await invoke(server, 'audit:count', {}, 'staging')).json.value.count).toBe(stagingAuditBefore);

    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(prodTab.heard).toContain('state:changed:flags');
    expect(stagingTab.heard).not.toContain('state:changed:flags');
    prodTab.close();
    stagingTab.close();
  });

  it('refuses a malformed workspace scope and names an unknown one', async () => {
    const bad = await invoke(server, 'workspace:current', {}, 'Prod EU');
    expect(bad.status).toBe(400);
    expect(bad.json.error?.message).toMatch(/x-ringside-workspace/);
    const unknown = await invoke(server, 'workspace:current', {}, 'nope');
    expect(unknown.json.error).toMatchObject({ code: 'not_found' });
    expect(unknown.json.error?.message).toMatch(/no workspace "nope"/);
  });
});
