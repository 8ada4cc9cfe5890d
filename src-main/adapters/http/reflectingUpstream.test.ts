import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startReflectingServer, type ReflectingServer, type ReflectShape } from '../../../test-harness/reflectingServer';
import { createCore, type Core } from '../../core/createCore';
import type { Workspace } from '../../core/workspace';
import { createArgoRolloutsProvider } from '../argo-rollouts/argoRolloutsProvider';
import { createPrometheusProvider } from '../prometheus/prometheusProvider';
import { createUnleashProvider } from '../unleash/unleashProvider';
import { connectWorkspace, workspaceFromDefinition } from '../workspaceDefinition';

// Every credential carries one unique marker. The upstream reflects each request, headers included,
// into its error bodies (inside the API's own error field, too): the marker must reach no answer,
// no log line, neither the SQLite file nor its WAL, and no export.
const MARKER = `mk${randomBytes(12).toString('hex')}`;
const SECRETS = { unleash: `u-${MARKER}`, bearer: `p-${MARKER}`, password: `b-${MARKER}`, kube: `k-${MARKER}` };
const BASIC = Buffer.from(`ringside:${SECRETS.password}`).toString('base64');
const STATUSES = [500, 401, 403, 400];
const SHAPES: ReflectShape[] = ['native', 'html', 'text', 'json'];
const quick = { retries: 0, baseDelayMs: 1, maxDelayMs: 1 };

/** The marker, or the Basic header's base64 (all but its last group, which also encodes the padding). */
function leaks(text: string): string[] {
  return [MARKER, BASIC, BASIC.slice(0, -4)].filter((form) => text.includes(form));
}
const errorOf = async (call: () => Promise<unknown>) => {
  const error = await call().then(() => null, (e: unknown) => e as { code: string; message: string; permission?: string });
  expect(error).not.toBeNull();
  return { code: error!.code, message: error!.message, permission: error!.permission };
};

let server: ReflectingServer;
beforeAll(async () => {
  server = await startReflectingServer();
});
afterAll(() => server.stop());

describe('a reflecting upstream, provider by provider', () => {
  it('never lets a credential through, even when the API error field Ringside keeps quotes it', async () => {
    const bearer = createPrometheusProvider({ url: server.url, auth: { bearer: SECRETS.bearer }, retry: quick });
    const basic = createPrometheusProvider({ url: server.url, auth: { username: 'ringside', password: SECRETS.password }, retry: quick });
    const unleash = createUnleashProvider({ url: server.url, project: 'default', token: SECRETS.unleash });
    const argo = createArgoRolloutsProvider({
      connection: { server: server.url, token: SECRETS.kube, source: 'test' },
      namespaces: ['shop'],
      retry: quick,
      sleep: async () => {},
    });
    const range = { query: 'up', start: 0, end: 60_000, stepMs: 15_000 };
    const seen: Record<string, Awaited<ReturnType<typeof errorOf>>> = {};
    for (const status of STATUSES) {
      for (const shape of SHAPES) {
        server.answer(status, shape);
        seen[`${status} ${shape} prometheus bearer`] = await errorOf(() => bearer.queryRange(range));
        seen[`${status} ${shape} prometheus basic`] = await errorOf(() => basic.query('up'));
        seen[`${status} ${shape} unleash list`] = await errorOf(() => unleash.listFlags());
        seen[`${status} ${shape} unleash kill`] = await errorOf(() => unleash.setEnabled('checkout', 'production', false));
        seen[`${status} ${shape} argo list`] = await errorOf(() => argo.listRollouts());
        seen[`${status} ${shape} argo abort`] = await errorOf(() => argo.abort({ namespace: 'shop', name: 'web' }));
      }
    }
    argo.dispose();
    expect(server.hits).toBeGreaterThan(STATUSES.length * SHAPES.length * 6);
    expect(Object.entries(seen).filter(([, e]) => leaks(JSON.stringify(e)).length > 0)).toEqual([]);
    // the known field is kept, masked: the upstream's own words with *** where the secret was
    expect(seen['400 native prometheus bearer']).toMatchObject({ code: 'bad_request', message: expect.stringMatching(/^Prometheus rejected the query \(bad_data\): upstream rejected.*authorization: \*\*\*/i) });
    expect(seen['400 native prometheus basic']!.message).toMatch(/authorization: \*\*\*/i);
    expect(seen['403 native unleash kill']).toMatchObject({ code: 'forbidden', permission: 'UPDATE_FEATURE_ENVIRONMENT', message: expect.stringMatching(/authorization: \*\*\*/i) });
    expect(seen['403 native argo list']).toMatchObject({ code: 'forbidden', permission: 'list rollouts.argoproj.io' });
    expect(seen['401 native argo list']).toMatchObject({ code: 'unauthorized', message: expect.stringMatching(/authorization: \*\*\*/i) });
    // anything else is dropped, not quoted
    for (const shape of ['html', 'text', 'json']) {
      expect(seen[`500 ${shape} unleash list`]!.message).toBe('Unleash answered 500: the server failed; try again shortly.');
      expect(seen[`403 ${shape} argo list`]!.message).not.toContain('It said');
    }
  }, 60_000);
});

describe('a reflecting upstream, through a real core', () => {
  const env = { REFLECT_UNLEASH: SECRETS.unleash, REFLECT_PROM: SECRETS.bearer, REFLECT_KUBE: SECRETS.kube };
  const definition = () =>
    workspaceFromDefinition(
      {
        id: 'reflect',
        name: 'Reflecting proxy',
        flags: { provider: 'unleash', url: server.url, tokenEnv: 'REFLECT_UNLEASH' },
        metrics: { provider: 'prometheus', url: server.url, bearerEnv: 'REFLECT_PROM' },
        deploy: { provider: 'argo-rollouts', url: server.url, tokenEnv: 'REFLECT_KUBE', namespaces: ['shop'] },
        releases: [
          {
            id: 'checkout-2',
            service: 'checkout',
            version: '2',
            baselineVersion: '1',
            metrics: [{ id: 'errors', label: 'Errors', harmful: 'increase', query: 'sum(rate(errors{version="{{version}}"}[1m]))' }],
          },
        ],
      },
      env,
    );
  const withBasic = (): Workspace => ({
    ...definition(),
    metrics: createPrometheusProvider({ url: server.url, auth: { username: 'ringside', password: SECRETS.password } }),
  });

  async function drive(core: Core): Promise<unknown[]> {
    const answers: unknown[] = [];
    const ask = async (channel: string, payload: unknown) => answers.push(await core.dispatch(channel, payload));
    for (const status of STATUSES) {
      for (const shape of SHAPES) {
        server.answer(status, shape);
        await ask('canary:series', { releaseId: 'checkout-2', from: 1_000, to: 600_000 });
        await ask('canary:judge', { releaseId: 'checkout-2' });
        await ask('flags:list', {});
        await ask('flags:setEnabled', { flag: 'checkout', environment: 'production', enabled: false });
        await ask('rollouts:list', {});
        await ask('rollouts:abort', { namespace: 'shop', name: 'web' });
        await ask('workspace:current', {});
      }
    }
    await ask('audit:page', { limit: 500 });
    return answers;
  }

  it('keeps the marker out of every answer, log line, the database, its WAL and an export', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ringside-reflect-'));
    const logs: string[] = [];
    const db = join(dataDir, 'ringside.db');
    for (const workspace of [definition, withBasic]) {
      const core = createCore({ dataDir, version: 't', workspace, log: (m) => logs.push(m) });
      const answers = await drive(core);
      const exported = await core.dispatch('audit:export', { format: 'jsonl' });
      expect(exported.ok).toBe(true);
      answers.push(exported);
      // the audit did record the failed kills, with the reason in words
      expect(JSON.stringify(answers.at(-2))).toContain('failed: Unleash answered 403');
      expect(answers.map((a) => leaks(JSON.stringify(a))).flat()).toEqual([]);
      // before the checkpoint: what was written sits in the WAL
      expect(existsSync(`${db}-wal`)).toBe(true);
      expect(leaks(readFileSync(`${db}-wal`).toString('latin1'))).toEqual([]);
      expect(leaks(readFileSync(db).toString('latin1'))).toEqual([]);
      core.dispose();
      // after: closing checkpoints the WAL into the file
      expect(leaks(readFileSync(db).toString('latin1'))).toEqual([]);
    }
    const exports = readdirSync(join(dataDir, 'exports'));
    expect(exports).toHaveLength(2);
    for (const name of exports) {
      const text = readFileSync(join(dataDir, 'exports', name), 'utf8');
      expect(text).toContain('***');
      expect(leaks(text)).toEqual([]);
    }
    expect(leaks(logs.join('\n'))).toEqual([]);
  }, 120_000);

  it('never echoes a URL that carries a user name and password', async () => {
    const withUser = server.url.replace('http://', `http://ringside:${MARKER}@`);
    const messages: string[] = [];
    for (const section of ['flags', 'metrics', 'deploy'] as const) {
      const input = {
        id: 'userinfo',
        name: 'Userinfo',
        ...(section === 'flags' ? { flags: { provider: 'unleash' as const, url: withUser, tokenEnv: 'REFLECT_UNLEASH' } } : {}),
        ...(section === 'metrics' ? { metrics: { provider: 'prometheus' as const, url: withUser } } : {}),
        ...(section === 'deploy' ? { deploy: { provider: 'argo-rollouts' as const, url: withUser, tokenEnv: 'REFLECT_KUBE' } } : {}),
      };
      const error = (() => {
        try {
          workspaceFromDefinition(input, env);
          return null;
        } catch (e) {
          return e as Error;
        }
      })();
      expect(error?.message).toMatch(/user name or password/);
      messages.push(error!.message);
    }
    // the settings form's connect: refused in words, nothing saved
    const core = createCore({ dataDir: ':memory:', version: 't', workspace: definition, connect: connectWorkspace, log: (m) => messages.push(m) });
    const answer = await core.dispatch('workspace:connect', { name: 'x', flags: { url: withUser, project: 'default', token: SECRETS.unleash } });
    expect(answer).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    messages.push(JSON.stringify(answer), JSON.stringify(await core.dispatch('workspace:current', {})));
    core.dispose();
    expect(messages.filter((m) => m.includes(MARKER))).toEqual([]);
  });
});
