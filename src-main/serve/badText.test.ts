import { mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Flag } from '../../src-shared/domain/flag';
import type { Rollout } from '../../src-shared/domain/rollout';
import { createDemoWorkspace } from '../adapters/demo';
import { fixedClock } from '../adapters/demo/testClock';
import { createCore, type Core } from '../core/createCore';
import { startServer, type RunningServer } from './server';

/**
 * NUL and lone surrogates through both transports, on the embedded demo fleet: the loopback HTTP
 * server answers 400 JSON, main's dispatch (what the preload reaches) answers bad_request, and
 * nothing changes — no flag toggled, no rollout aborted, no audit row, no setting saved.
 */
interface Answer {
  ok: boolean;
  value?: unknown;
  error?: { code: string; message: string };
}

function postJson(server: RunningServer, channel: string, payload: unknown) {
  return new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        path: `/api/invoke/${channel}`,
        method: 'POST',
        headers: { host: `127.0.0.1:${server.port}`, authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body: Buffer.concat(chunks).toString() }));
      },
    );
    req.on('error', reject);
    // JSON.stringify escapes NUL as \u0000 and a lone surrogate as \ud800: both arrive intact in main.
    req.end(JSON.stringify(payload));
  });
}

let core: Core;
let server: RunningServer;
let flag: string;
let rollout: { namespace: string; name: string };

async function value<T>(channel: string, payload: unknown = {}): Promise<T> {
  const answer = (await core.dispatch(channel, payload)) as Answer;
  if (!answer.ok) throw new Error(`${channel}: ${answer.error!.message}`);
  return answer.value as T;
}

/** What a refused request must leave as it was. */
async function state() {
  const flags = await value<{ flags: Flag[] }>('flags:list');
  const rollouts = await value<{ rollouts: Rollout[] }>('rollouts:list');
  return {
    flags: flags.flags.map((f) => [f.name, f.environments.map((e) => [e.environment, e.enabled])]),
    rollouts: rollouts.rollouts.map((r) => [r.namespace, r.name, r.phase, r.paused ?? null]),
    audit: await value('audit:count', {}),
    identity: await value('workspace:identity'),
    workspaces: await value('workspaces:list'),
    windows: await value('windows:get'),
  };
}

beforeAll(async () => {
  core = createCore({ dataDir: ':memory:', version: 't', clock: fixedClock(), actor: 'ana', workspace: (clock) => createDemoWorkspace({ clock }), log: () => {} });
  server = await startServer({ core, rendererDir: mkdtempSync(join(tmpdir(), 'ringside-renderer-')) });
  const listed = await value<{ flags: Flag[] }>('flags:list');
  flag = listed.flags.find((f) => f.environments.some((e) => e.environment === 'production' && e.enabled))!.name;
  const [first] = (await value<{ rollouts: Rollout[] }>('rollouts:list')).rollouts;
  rollout = { namespace: first!.namespace, name: first!.name };
});
afterAll(async () => {
  await server.close();
  core.dispose();
});

const NUL = 'must not contain a NUL character';
const LONE = 'lone UTF-16 surrogate';

/** Each would have reached SQL, a URL or a header had the contract let it through; the last two would have changed something. */
const cases = () => [
  { what: 'a NUL in audit search text (FTS5)', channel: 'audit:search', payload: { text: 'INC\u00002041', limit: 5 }, field: 'text', why: NUL },
  { what: 'a lone surrogate in a flag name (Admin API path)', channel: 'flags:setEnabled', payload: { flag: `${flag}\uD800`, environment: 'production', enabled: false }, field: 'flag', why: LONE },
  { what: 'a NUL in the reason of a real kill', channel: 'flags:setEnabled', payload: { flag, environment: 'production', enabled: false, reason: 'INC\u0000 42' }, field: 'reason', why: NUL },
  { what: 'a lone surrogate in the reason of a real abort', channel: 'rollouts:abort', payload: { ...rollout, reason: 'errors \uDC00 doubled' }, field: 'reason', why: LONE },
  { what: 'a lone surrogate in the actor name', channel: 'workspace:setIdentity', payload: { actor: 'Ana \uD83D' }, field: 'actor', why: LONE },
  {
    what: 'a lone surrogate in an Unleash project and a NUL in its token (a header)',
    channel: 'workspaces:save',
    payload: { config: { id: 'eu', name: 'EU', flags: { url: 'https://unleash.example.com', project: 'de\uD800fault' } }, secrets: { 'flags.token': '*:*.a\u0000b' } },
    field: 'config.flags.project',
    why: LONE,
  },
  {
    what: 'a NUL in a freeze label',
    channel: 'windows:set',
    payload: { timeZone: 'Europe/Berlin', weekly: [], freezes: [{ label: 'Year\u0000end', from: '2026-12-21T00:00', to: '2027-01-04T08:00', reason: '' }] },
    field: 'freezes.0.label',
    why: NUL,
  },
];

describe('NUL and lone surrogates through both transports', () => {
  it('the loopback HTTP server answers each with 400 JSON bad_request naming the field, and nothing changes', async () => {
    const before = await state();
    for (const c of cases()) {
      const reply = await postJson(server, c.channel, c.payload);
      expect(reply.status, c.what).toBe(400);
      expect(reply.type).toBe('application/json; charset=utf-8');
      const answer = JSON.parse(reply.body) as Answer;
      expect(answer, c.what).toMatchObject({ ok: false, error: { code: 'bad_request' } });
      expect(answer.error!.message).toContain(`${c.channel}: ${c.field}: `);
      expect(answer.error!.message).toContain(c.why);
    }
    expect(await state()).toEqual(before);
  });

  it("main's dispatch answers each with bad_request naming the field, and nothing changes", async () => {
    const before = await state();
    for (const c of cases()) {
      const answer = (await core.dispatch(c.channel, c.payload)) as Answer;
      expect(answer, c.what).toMatchObject({ ok: false, error: { code: 'bad_request' } });
      expect(answer.error!.message).toContain(`${c.channel}: ${c.field}: `);
      expect(answer.error!.message).toContain(c.why);
    }
    expect(await state()).toEqual(before);
  });

  it('the same requests with the bad character taken out go through (the refusal is the character, not the request)', async () => {
    const kill = await core.dispatch('flags:setEnabled', { flag, environment: 'production', enabled: false, reason: 'INC 42' });
    expect(kill).toMatchObject({ ok: true, value: { flag, enabled: false } });
    const search = await postJson(server, 'audit:search', { text: 'INC 42', limit: 5 });
    expect(search.status).toBe(200);
    expect(JSON.parse(search.body)).toMatchObject({ ok: true, value: { events: expect.arrayContaining([expect.objectContaining({ objectId: flag })]) } });
  });
});
