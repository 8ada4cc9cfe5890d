import { WorkspaceConfig, type WorkspaceConfigInput } from '../../../src-shared/domain/workspaceConfig';
import { startPostgres, type PostgresServer } from '../../../test-harness/postgres';
import { startPrometheus, type PrometheusServer } from '../../../test-harness/prometheus';
import { startUnleash, type UnleashServer } from '../../../test-harness/unleash';
import { buildWorkspace, type SecretSource } from '../workspaceBuild';
import { testConnection } from './index';
import { METRICS_PASSWORD, METRICS_USER, startSecurePrometheus, type SecurePrometheus } from './testing/securePrometheus';
import { makeSelfSigned, type SelfSigned } from './testing/selfSigned';

// "Test connection" against the real servers: unleash-server 7.5 over PostgreSQL, and the Debian
// prometheus twice, once plain and once with its own web config (https with a self-signed
// certificate made by openssl, basic auth).
const secrets = (values: Record<string, string>): SecretSource => ({ get: (name) => values[name] });
const config = (input: Omit<WorkspaceConfigInput, 'id' | 'name'>) => WorkspaceConfig.parse({ id: 'real', name: 'Real', ...input });
const steps = (checks: { step: string; ok: boolean }[]) => checks.map((c) => `${c.step}:${c.ok ? 'ok' : 'FAIL'}`);

let pg: PostgresServer;
let unleash: UnleashServer;
let prometheus: PrometheusServer;
let secure: SecurePrometheus;
let cert: SelfSigned;

beforeAll(async () => {
  cert = makeSelfSigned();
  pg = await startPostgres();
  [unleash, prometheus, secure] = await Promise.all([
    pg.createDatabase().then((databaseUrl) => startUnleash({ databaseUrl })),
    startPrometheus({ scrapeTargets: [] }),
    startSecurePrometheus(cert),
  ]);
});
afterAll(async () => {
  await Promise.all([unleash?.stop(), prometheus?.stop(), secure?.stop()]);
  await pg?.stop();
  cert?.remove();
});

describe('Test connection against the real Unleash', () => {
  it('passes every step with the admin token and reports what it may do', async () => {
    const checks = await testConnection(config({ flags: { url: unleash.url } }), secrets({ 'flags.token': unleash.adminToken }));
    expect(steps(checks)).toEqual(['config:ok', 'reachable:ok', 'tls:ok', 'auth:ok', 'permissions:ok']);
    expect(checks[3]!.detail).toBe('Signed in: project "default" has 0 flags.');
    expect(checks[4]!.detail).toMatch(/development: may turn flags on and off.*production: may turn flags on and off/);
    // Unleash answers /api/admin/user with the token's secret in it: nothing of it comes back
    expect(JSON.stringify(checks)).not.toContain(unleash.adminToken.split('.')[1]);
  });

  it('fails the auth step with the 401 sentence for a wrong token', async () => {
    const checks = await testConnection(config({ flags: { url: unleash.url } }), secrets({ 'flags.token': '*:*.not-the-token-5c1e' }));
    expect(steps(checks)).toEqual(['config:ok', 'reachable:ok', 'tls:ok', 'auth:FAIL']);
    expect(checks[3]!.detail).toBe("Unleash answered 401: the token was rejected. Check the workspace's token.");
    expect(JSON.stringify(checks)).not.toContain('not-the-token');
  });
});

describe('Test connection against the real Prometheus', () => {
  it('passes without authentication over plain http to this machine, naming its version', async () => {
    const checks = await testConnection(config({ metrics: { url: prometheus.url } }), secrets({}));
    expect(steps(checks)).toEqual(['config:ok', 'reachable:ok', 'tls:ok', 'auth:ok', 'permissions:ok']);
    expect(checks[3]!.detail).toMatch(/^Answered: Prometheus 2\.\d+/);
  });

  it('over https without the CA: the tls step fails with the add-the-CA sentence', async () => {
    const checks = await testConnection(config({ metrics: { url: secure.url, auth: 'basic', username: METRICS_USER } }), secrets({ 'metrics.password': METRICS_PASSWORD }));
    expect(steps(checks)).toEqual(['config:ok', 'reachable:ok', 'tls:FAIL']);
    expect(checks[2]!.detail).toMatch(/^Prometheus at 127\.0\.0\.1:\d+: its certificate is self-signed \/ not signed by a CA Ringside was given — add the CA/);
  });

  it('over https with the CA and the right password: signed in; with a wrong one: the 401 sentence', async () => {
    const metrics = { url: secure.url, auth: 'basic' as const, username: METRICS_USER, ca: cert.cert };
    const good = await testConnection(config({ metrics }), secrets({ 'metrics.password': METRICS_PASSWORD }));
    expect(steps(good)).toEqual(['config:ok', 'reachable:ok', 'tls:ok', 'auth:ok', 'permissions:ok']);
    expect(good[3]!.detail).toMatch(/^Signed in: Prometheus 2\.\d+/);
    const bad = await testConnection(config({ metrics }), secrets({ 'metrics.password': 'wrong-password-8d2f' }));
    expect(bad.at(-1)).toEqual({
      backend: 'metrics',
      step: 'auth',
      ok: false,
      detail: "Prometheus answered 401: the user name or password was rejected. Check the workspace's user name or password.",
    });
  });

  it('the built workspace queries it through the custom CA, and without the CA names the certificate problem', async () => {
    const metrics = { url: secure.url, auth: 'basic' as const, username: METRICS_USER };
    const trusted = buildWorkspace(config({ metrics: { ...metrics, ca: cert.cert } }), secrets({ 'metrics.password': METRICS_PASSWORD }));
    try {
      const series = await (trusted.metrics as unknown as { query(q: string): Promise<{ points: unknown[] }[]> }).query('vector(1)');
      expect(series).toHaveLength(1);
    } finally {
      trusted.dispose?.();
    }
    const untrusted = buildWorkspace(config({ metrics }), secrets({ 'metrics.password': METRICS_PASSWORD }));
    await expect(untrusted.metrics!.queryRange({ query: 'vector(1)', start: Date.now() - 60_000, end: Date.now(), stepMs: 15_000 })).rejects.toThrow(
      /certificate/,
    );
  });
});
