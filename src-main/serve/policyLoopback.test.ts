import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Flag } from '../../src-shared/domain/flag';
import { createDemoWorkspace } from '../adapters/demo';
import { fixedClock } from '../adapters/demo/testClock';
import { createCore, type Core } from '../core/createCore';
import type { Workspace } from '../core/workspace';
import { startServer, type RunningServer } from './server';

/**
 * Profiles are the core's decision, not the UI's: a call straight to the loopback transport, as
 * any page or script holding the token could make it, is refused the same way.
 */
function post(server: RunningServer, path: string, headers: Record<string, string>, body?: string) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, path, method: body === undefined ? 'GET' : 'POST', headers: { host: `127.0.0.1:${server.port}`, ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function serve(workspace: (clock: ReturnType<typeof fixedClock>) => Workspace) {
  const clock = fixedClock();
  const rendererDir = mkdtempSync(join(tmpdir(), 'ringside-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Ringside</title>');
  const core: Core = createCore({ dataDir: ':memory:', version: 't', clock, actor: 'ana', workspace: () => workspace(clock), log: () => {} });
  const server = await startServer({ core, rendererDir });
  // The page's way in: the token in the address is traded for the session cookie.
  const first = await post(server, `/?token=${server.token}`, {});
  const cookie = String(first.headers['set-cookie']).split(';')[0]!;
  const invoke = async <T = unknown>(channel: string, payload: unknown) => {
    const headers = { cookie, origin: `http://127.0.0.1:${server.port}`, 'content-type': 'application/json' };
    const reply = await post(server, `/api/invoke/${channel}`, headers, JSON.stringify(payload));
    return JSON.parse(reply.body) as { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
  };
  const flags = async () => {
    const listing = await invoke<{ flags: Flag[] }>('flags:list', {});
    if (!listing.ok) throw new Error(listing.error.message);
    return listing.value.flags;
  };
  const cell = (list: Flag[], name: string, env: string) => list.find((f) => f.name === name)!.environments.find((e) => e.environment === env)!.enabled;
  return { core, server, invoke, flags, cell, close: async () => (await server.close(), core.dispose()) };
}

describe('profiles enforced behind the loopback transport', () => {
  it("refuses a viewer's kill and an operator's flag-on with forbidden, and leaves both flags as they were", async () => {
    const app = await serve((clock) => ({
      ...createDemoWorkspace({ clock }),
      production: true,
      policy: { environments: { production: 'viewer', development: 'operator' } },
    }));
    try {
      const before = await app.flags();
      const on = before.find((f) => f.environments.find((e) => e.environment === 'production')?.enabled)!.name;
      const off = before.find((f) => !f.environments.find((e) => e.environment === 'development')?.enabled)!.name;

      const kill = await app.invoke('flags:setEnabled', { flag: on, environment: 'production', enabled: false });
      expect(kill).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('ana: the viewer profile in environment production may not turn a flag off') } });
      const byTag = await app.invoke('flags:killByTag', { tag: 'simple:incident-42', environment: 'production' });
      expect(byTag).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      const keepTrying = await app.invoke('flags:keepTrying', { flag: on, environment: 'production' });
      expect(keepTrying).toMatchObject({ ok: false, error: { code: 'forbidden' } });

      const release = await app.invoke('flags:setEnabled', { flag: off, environment: 'development', enabled: true, reason: 'try it in dev' });
      expect(release).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('the operator profile in environment development may not turn a flag on; ask for releaser') } });

      const after = await app.flags();
      expect(app.cell(after, on, 'production')).toBe(true);
      expect(app.cell(after, off, 'development')).toBe(false);
      // nothing reached the audit as an attempt: the core refused before any intent was written
      const audit = await app.invoke<{ events: { action: string; actor: string }[] }>('audit:page', { limit: 50 });
      expect(audit.ok && audit.value.events.filter((e) => e.actor === 'ana').map((e) => e.action)).toEqual([]);

      // the operator may kill where it is operator, and policy:get says what the core decided
      const devKill = before.find((f) => f.environments.find((e) => e.environment === 'development')?.enabled)!.name;
      expect(await app.invoke('flags:setEnabled', { flag: devKill, environment: 'development', enabled: false })).toMatchObject({ ok: true });
      const policy = await app.invoke('policy:get', {});
      expect(policy).toMatchObject({
        ok: true,
        value: {
          scopes: [
            { scope: 'development', profile: 'operator', production: false, fourEyes: false },
            { scope: 'production', profile: 'viewer', production: true, fourEyes: false },
            { scope: 'deploy', profile: 'operator', production: true, fourEyes: true },
          ],
        },
      });
      // deploys in a production workspace default to operator: promoting is refused, before the rollout is touched
      const promote = await app.invoke('rollouts:promote', { namespace: 'shop', name: 'checkout', reason: 'go on' });
      expect(promote).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('may not promote a rollout') } });
    } finally {
      await app.close();
    }
  });

  it('changes nothing for the demo, which is not a production workspace', async () => {
    const app = await serve((clock) => createDemoWorkspace({ clock }));
    try {
      const policy = await app.invoke<{ scopes: { profile: string; fourEyes: boolean }[]; notices: string[] }>('policy:get', { refresh: true });
      expect(policy.ok).toBe(true);
      if (!policy.ok) return;
      expect(policy.value.scopes.map((s) => [s.profile, s.fourEyes])).toEqual([
        ['releaser', false],
        ['releaser', false],
        ['releaser', false],
      ]);
      expect(policy.value.notices.join(' ')).toMatch(/cannot say what the token may do/);
      const off = (await app.flags()).find((f) => !f.environments.find((e) => e.environment === 'production')?.enabled)!.name;
      expect(await app.invoke('flags:setEnabled', { flag: off, environment: 'production', enabled: true, reason: 'release it' })).toMatchObject({ ok: true });
      expect(app.cell(await app.flags(), off, 'production')).toBe(true);
      expect(await app.invoke('reviews:list', {})).toEqual({ ok: true, value: { reviews: [] } });
      expect(await app.invoke('changes:list', {})).toMatchObject({ ok: true, value: { available: { flags: false, deploy: false } } });
    } finally {
      await app.close();
    }
  });
});
