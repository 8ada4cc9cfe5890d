import type { WorkspaceConfigInput } from '../../../src-shared/domain/workspaceConfig';
import { WorkspaceConfig } from '../../../src-shared/domain/workspaceConfig';
import type { SecretSource } from '../workspaceBuild';
import { testConnection } from './index';
import { startFakeUnleash, type FakeUnleash } from './testing/fakeUnleash';
import { makeSelfSigned, type SelfSigned } from './testing/selfSigned';

/** The config as a form could send it: parsed with the schema's defaults, but a refused URL kept, so the adapter's own check is what answers. */
const unchecked = (input: WorkspaceConfigInput): WorkspaceConfig => {
  const parsed = WorkspaceConfig.safeParse(input);
  return parsed.success ? parsed.data : ({ production: false, policy: { environments: {} }, ...input } as WorkspaceConfig);
};

const TOKEN = '*:*.tls-marker-3f9a1c';
const secrets = (values: Record<string, string>): SecretSource => ({ get: (name) => values[name] });
const config = (input: Omit<WorkspaceConfigInput, 'id' | 'name'>) => unchecked({ id: 'tls', name: 'TLS', ...input });

describe('Test connection over TLS with a self-signed certificate made by openssl', () => {
  let cert: SelfSigned;
  let other: SelfSigned;
  let unleash: FakeUnleash;

  beforeAll(async () => {
    cert = makeSelfSigned();
    other = makeSelfSigned('somebody-else');
    unleash = await startFakeUnleash({ token: TOKEN, cert: cert.cert, key: cert.key, flags: 3 });
  });
  afterAll(async () => {
    await unleash.stop();
    cert.remove();
    other.remove();
  });

  it('without the CA: reachable, then the tls step fails with the add-the-CA sentence and nothing is sent', async () => {
    const before = unleash.requests.length;
    const checks = await testConnection(config({ flags: { url: unleash.url } }), secrets({ 'flags.token': TOKEN }));
    expect(checks.map((c) => [c.step, c.ok])).toEqual([['config', true], ['reachable', true], ['tls', false]]);
    expect(checks[2]!.detail).toContain('its certificate is self-signed / not signed by a CA Ringside was given — add the CA');
    expect(checks[2]!.detail).toMatch(/DEPTH_ZERO_SELF_SIGNED_CERT/);
    expect(unleash.requests.length).toBe(before);
  });

  it('with a CA that does not sign it: the same sentence, saying the given CA does not sign it', async () => {
    const checks = await testConnection(config({ flags: { url: unleash.url, ca: other.cert } }), secrets({ 'flags.token': TOKEN }));
    expect(checks.at(-1)).toMatchObject({ step: 'tls', ok: false });
    expect(checks.at(-1)!.detail).toMatch(/not signed by a CA Ringside was given — add the CA .*The CA given for this connection does not sign it/);
  });

  it('with the CA: every step passes, the auth step reads the feature search with the token', async () => {
    const checks = await testConnection(config({ flags: { url: unleash.url, ca: cert.cert } }), secrets({ 'flags.token': TOKEN }));
    expect(checks.map((c) => [c.step, c.ok])).toEqual([['config', true], ['reachable', true], ['tls', true], ['auth', true], ['permissions', true]]);
    expect(checks[2]!.detail).toMatch(/^Certificate verified: ringside-self-signed/);
    expect(checks[3]!.detail).toBe('Signed in: project "default" has 3 flags.');
    expect(unleash.requests).toContainEqual({ path: '/api/admin/search/features?project=IS:default&limit=1', authorization: TOKEN });
    // the permission step reads the token's user, whose answer carries the token itself: it is not repeated
    expect(checks[4]!.detail).toMatch(/^development: may turn flags on and off; .*production: may turn flags on and off/);
    expect(JSON.stringify(checks)).not.toContain('tls-marker');
  });

  it('a wrong token fails the auth step with the 401 sentence, and the reflected header never comes back', async () => {
    const wrong = '*:*.wrong-marker-77ab';
    const checks = await testConnection(config({ flags: { url: unleash.url, ca: cert.cert } }), secrets({ 'flags.token': wrong }));
    expect(checks.at(-1)).toEqual({ backend: 'flags', step: 'auth', ok: false, detail: "Unleash answered 401: the token was rejected. Check the workspace's token." });
    expect(JSON.stringify(checks)).not.toContain('wrong-marker');
  });

  it.each(['http://10.1.2.3:4242', 'http://example.test', 'http://[2001:db8::1]:80'])(
    'refuses plain http to %s at the config step, before any connection',
    async (url) => {
      const checks = await testConnection(config({ flags: { url } }), secrets({ 'flags.token': TOKEN }));
      expect(checks).toHaveLength(1);
      expect(checks[0]).toMatchObject({ backend: 'flags', step: 'config', ok: false });
      expect(checks[0]!.detail).toMatch(/is plain http to .*; use https \(plain http is allowed only to this machine/);
    },
  );

  it('refuses a URL with userinfo without echoing it, and names a missing secret', async () => {
    const withUser = await testConnection(config({ flags: { url: `https://admin:hunter2-secret@127.0.0.1:1` } }), secrets({ 'flags.token': TOKEN }));
    expect(withUser).toEqual([{ backend: 'flags', step: 'config', ok: false, detail: expect.stringMatching(/must not carry a user name or password/) }]);
    expect(JSON.stringify(withUser)).not.toMatch(/hunter2|admin/);
    const missing = await testConnection(config({ flags: { url: unleash.url, ca: cert.cert } }), secrets({}));
    expect(missing).toEqual([{ backend: 'flags', step: 'config', ok: false, detail: expect.stringMatching(/needs an Unleash admin token: .*\(secret "flags\.token"\)/) }]);
  });

  it('names a port where nothing listens at the reachable step', async () => {
    const closed = unleash.url.replace(/:\d+$/, ':1');
    const checks = await testConnection(config({ flags: { url: closed, ca: cert.cert } }), secrets({ 'flags.token': TOKEN }));
    expect(checks.map((c) => c.step)).toEqual(['config', 'reachable']);
    expect(checks[1]!.detail).toMatch(/nothing listens on that port \(connection refused\)/);
  });

  it('reports a CA with plain http, and a CA that is no certificate, at the config step', async () => {
    const onHttp = await testConnection(config({ flags: { url: 'http://127.0.0.1:1', ca: cert.cert } }), secrets({ 'flags.token': TOKEN }));
    expect(onHttp[0]!.detail).toMatch(/a CA is given but the URL is plain http/);
    const broken = await testConnection(config({ flags: { url: unleash.url, ca: '-----BEGIN CERTIFICATE-----\nnope\n-----END CERTIFICATE-----' } }), secrets({ 'flags.token': TOKEN }));
    expect(broken[0]).toMatchObject({ step: 'config', ok: false, detail: expect.stringMatching(/the CA holds a certificate that cannot be read/) });
  });
});
