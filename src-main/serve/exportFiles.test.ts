import { existsSync, mkdtempSync, unlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core } from '../core/createCore';
import { fakeClock, fakeWorkspace } from '../core/testing/fakeWorkspace';
import { startServer, type RunningServer } from './server';

function get(server: RunningServer, path: string, headers: Record<string, string> = {}, method = 'GET') {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method, headers: { host: `127.0.0.1:${server.port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function invoke(server: RunningServer, channel: string, body: unknown) {
  const res = await fetch(`http://127.0.0.1:${server.port}/api/invoke/${channel}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return (await res.json()) as { ok: boolean; value: { downloadPath: string; fileName: string; path: string; rows: number } };
}

describe('audit exports in serve mode', () => {
  let core: Core;
  let server: RunningServer;
  const dataDir = mkdtempSync(join(tmpdir(), 'ringside-serve-export-'));

  beforeAll(async () => {
    const { workspace } = fakeWorkspace();
    core = createCore({ dataDir, version: 't', clock: fakeClock(), workspace: () => workspace, actor: 'ana', log: () => {} });
    server = await startServer({ core, rendererDir: mkdtempSync(join(tmpdir(), 'ringside-renderer-')), exportsDir: join(dataDir, 'exports') });
  });
  afterAll(async () => {
    await server.close();
    core.dispose();
  });

  it('writes the export into the data folder and offers it for download behind the token only', async () => {
    await core.dispatch('flags:setEnabled', { flag: 'checkout.kill', environment: 'production', enabled: false });
    const exported = await invoke(server, 'audit:export', { format: 'csv', actor: 'ana' });
    expect(exported).toMatchObject({ ok: true, value: { rows: 2, path: expect.stringContaining(join(dataDir, 'exports')) } });
    const { downloadPath, fileName } = exported.value;
    expect(downloadPath).toBe(`/api/exports/${fileName}`);

    const download = await get(server, downloadPath, { authorization: `Bearer ${server.token}` });
    expect(download.status).toBe(200);
    expect(download.headers['content-disposition']).toBe(`attachment; filename="${fileName}"`);
    expect(download.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(download.body.split('\r\n')[0]).toBe('# Ringside audit export');
    expect(download.body).toContain('flag.disabled.requested');

    expect((await get(server, downloadPath)).status).toBe(401);
    expect((await get(server, downloadPath, { authorization: `Bearer ${server.token}`, origin: 'http://evil.example' })).status).toBe(403);
  });

  it('removes an export once it was downloaded whole: a second download is a 404 in JSON', async () => {
    const exported = await invoke(server, 'audit:export', { format: 'jsonl' });
    const { downloadPath, path } = exported.value;
    const head = await get(server, downloadPath, { authorization: `Bearer ${server.token}` }, 'HEAD');
    expect(head.status).toBe(200);
    expect(existsSync(path)).toBe(true);
    const first = await get(server, downloadPath, { authorization: `Bearer ${server.token}` });
    expect(first.status).toBe(200);
    expect(JSON.parse(first.body.split('\n')[0]!)).toMatchObject({ ringsideAuditExport: 1 });
    await vi.waitFor(() => expect(existsSync(path)).toBe(false));
    const again = await get(server, downloadPath, { authorization: `Bearer ${server.token}` });
    expect(again.status).toBe(404);
    expect(again.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(again.body)).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringContaining('Export again') } });
  });

  it('answers 404 in JSON for an export the retention pruned, and keeps one whose download was cut short', async () => {
    const exported = await invoke(server, 'audit:export', { format: 'csv' });
    unlinkSync(exported.value.path);
    const pruned = await get(server, exported.value.downloadPath, { authorization: `Bearer ${server.token}` });
    expect(pruned.status).toBe(404);
    expect(JSON.parse(pruned.body)).toMatchObject({ ok: false, error: { code: 'not_found' } });

    // 32 MB: more than the socket buffers hold, so the server is still sending when the client goes
    const big = join(dataDir, 'exports', 'audit-big-export.csv');
    writeFileSync(big, Buffer.alloc(32 * 1024 * 1024, 'a'));
    await new Promise<void>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: server.port, path: '/api/exports/audit-big-export.csv', headers: { host: `127.0.0.1:${server.port}`, authorization: `Bearer ${server.token}` } },
        (res) => {
          expect(res.statusCode).toBe(200);
          res.once('data', () => {
            req.destroy();
            resolve();
          });
        },
      );
      req.on('error', () => {});
      req.once('error', reject);
      req.end();
    });
    // the server notices the client left (its response closes) without finishing; the file stays
    const after = await get(server, '/api/exports/audit-big-export.csv', { authorization: `Bearer ${server.token}` }, 'HEAD');
    expect(after.status).toBe(200);
    expect(existsSync(big)).toBe(true);
  });

  it.each(['../ringside.db', '..%2Fringside.db', 'ringside.db', 'audit-x.csv.exe', 'audit-nothere.csv', '%2e%2e%2fexports%2faudit-a.csv'])(
    'answers 404 for %s: only names of exports, only inside exports/',
    async (name) => {
      writeFileSync(join(dataDir, 'audit-a.csv'), 'outside exports/');
      const reply = await get(server, `/api/exports/${name}`, { authorization: `Bearer ${server.token}` });
      expect(reply.status).toBe(404);
      expect(reply.body).not.toContain('SQLite');
    },
  );
});
