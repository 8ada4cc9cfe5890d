import { forgetSecret, registerSecret } from '../../core/security/secretMask';
import { kubePermission, redactText, redactUrl, registerCredentialHeaders, upstreamMessage, UPSTREAM_CAP } from './redact';

const marker = () => `mk${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;

describe('redactUrl', () => {
  it('drops the userinfo, whatever it holds', () => {
    expect(redactUrl('http://user:secret@host')).toBe('http://host');
    expect(redactUrl('https://user:p@ss@prom.example:9090/api/v1?x=1')).toBe('https://prom.example:9090/api/v1?x=1');
    expect(redactUrl('https://token@unleash.example/api')).toBe('https://unleash.example/api');
    // text that is not a valid URL is redacted all the same
    expect(redactUrl('http://us er:sec ret@bad host/')).toBe('http://bad host/');
  });

  it('masks secret-looking query and fragment parameters and keeps the rest', () => {
    for (const name of ['token', 'access_token', 'api_key', 'apikey', 'key', 'password', 'secret', 'sig', 'signature', 'auth', 'X-Amz-Signature']) {
      expect(redactUrl(`https://h/p?query=up&${name}=abc123&step=15`)).toBe(`https://h/p?query=up&${name}=***&step=15`);
    }
    expect(redactUrl('https://h/cb#access_token=abc&state=1')).toBe('https://h/cb#access_token=***&state=1');
    expect(redactUrl('https://h/api/v1/query?query=rate(x[5m])&start=1&end=2')).toBe('https://h/api/v1/query?query=rate(x[5m])&start=1&end=2');
  });

  it('masks every URL inside a text', () => {
    expect(redactText('could not reach http://a:b@h1/x?token=t (ECONNREFUSED), then "https://u:v@h2"')).toBe(
      'could not reach http://h1/x?token=*** (ECONNREFUSED), then "https://h2"',
    );
  });
});

describe('upstreamMessage', () => {
  it("keeps an Unleash error's message and details, and a PermissionError's permission", () => {
    const body = {
      id: 'a1',
      name: 'PermissionError',
      message: 'You don\'t have the required permissions to perform this operation. To perform this action, you need the "SKIP_CHANGE_REQUEST" permission.',
      details: [{ message: 'You don\'t have the required permissions to perform this operation. To perform this action, you need the "SKIP_CHANGE_REQUEST" permission.' }],
      permissions: ['SKIP_CHANGE_REQUEST'],
    };
    expect(upstreamMessage(JSON.stringify(body), 'Unleash')).toEqual({
      text: body.message,
      permission: 'SKIP_CHANGE_REQUEST',
      kind: 'PermissionError',
    });
    expect(upstreamMessage(JSON.stringify({ name: 'PermissionError', message: 'no', permission: 'UPDATE_FEATURE' }), 'Unleash')?.permission).toBe('UPDATE_FEATURE');
    expect(upstreamMessage(JSON.stringify({ name: 'ValidationError', message: 'Request validation failed', details: [{ message: 'name is required' }] }), 'Unleash')?.text).toBe(
      'Request validation failed; name is required',
    );
  });

  it("keeps a Kubernetes Status message and names the verb and resource of a 403", () => {
    const status = {
      kind: 'Status',
      apiVersion: 'v1',
      status: 'Failure',
      message: 'rollouts.argoproj.io "web" is forbidden: User "system:serviceaccount:ci:ringside" cannot patch resource "rollouts/status" in API group "argoproj.io" in the namespace "shop"',
      reason: 'Forbidden',
      details: { name: 'web', group: 'argoproj.io', kind: 'rollouts' },
      code: 403,
    };
    expect(upstreamMessage(JSON.stringify(status), 'Kubernetes')).toEqual({
      text: status.message,
      permission: 'patch rollouts.argoproj.io/status',
      kind: 'Forbidden',
      details: { name: 'web', group: 'argoproj.io', kind: 'rollouts' },
    });
    expect(kubePermission('User "x" cannot list resource "rollouts" in API group "argoproj.io" at the cluster scope')).toBe('list rollouts.argoproj.io');
  });

  it("keeps a Prometheus error field and its errorType", () => {
    const body = { status: 'error', errorType: 'bad_data', error: 'invalid parameter "query": 1:5: parse error' };
    expect(upstreamMessage(JSON.stringify(body), 'Prometheus')).toEqual({ text: body.error, kind: 'bad_data' });
  });

  it('drops everything else: HTML with a reflected Authorization header, text, unknown JSON', () => {
    const token = marker();
    const html = `<html><body><h1>502</h1><pre>GET /api HTTP/1.1\nAuthorization: Bearer ${token}\n</pre></body></html>`;
    expect(upstreamMessage(html, 'Prometheus')).toBeNull();
    expect(upstreamMessage(`authorization: Bearer ${token}`, 'Unleash')).toBeNull();
    expect(upstreamMessage(JSON.stringify({ headers: { authorization: `Bearer ${token}` } }), 'Unleash')).toBeNull();
    // a field of another API's shape is not this API's error field
    expect(upstreamMessage(JSON.stringify({ status: 'error', error: token }), 'Kubernetes')).toBeNull();
  });

  it('caps the kept field and masks a registered secret in it, even one the cap would cut in two', () => {
    const token = marker();
    registerSecret(token);
    const echoed = { status: 'error', errorType: 'bad_data', error: `proxy saw Authorization: Bearer ${token}` };
    const kept = upstreamMessage(JSON.stringify(echoed), 'Prometheus');
    expect(kept?.text).toBe('proxy saw Authorization: Bearer ***');
    const straddling = { message: `${'x'.repeat(UPSTREAM_CAP - 5)}${token}` };
    const cut = upstreamMessage(JSON.stringify(straddling), 'Unleash')!;
    expect(cut.text).toBe(`${'x'.repeat(UPSTREAM_CAP - 5)}***`);
    const long = upstreamMessage(JSON.stringify({ message: 'y'.repeat(1000) }), 'Unleash')!;
    expect(long.text).toBe(`${'y'.repeat(UPSTREAM_CAP)}…`);
    expect(upstreamMessage(JSON.stringify({ message: `see http://u:${token}@h/x` }), 'Unleash')?.text).toBe('see http://h/x');
    forgetSecret(token);
  });

  it('keeps only identifiers as permissions and kinds, so no free text rides along', () => {
    const body = { name: 'PermissionError', message: 'no', permissions: ['<script>alert(1)</script>', 'READ_PROJECT'] };
    expect(upstreamMessage(JSON.stringify(body), 'Unleash')?.permission).toBe('READ_PROJECT');
  });
});

describe('registerCredentialHeaders', () => {
  it('masks an Unleash token, a Bearer token and both parts of a Basic sign-in from the headers sent', () => {
    const [unleash, bearer, password] = [marker(), marker(), marker()];
    const basic = Buffer.from(`ringside:${password}`).toString('base64');
    const seen = new Set<string>();
    registerCredentialHeaders({ authorization: unleash, accept: 'application/json' }, seen);
    registerCredentialHeaders({ Authorization: `Bearer ${bearer}` }, seen);
    registerCredentialHeaders({ authorization: `Basic ${basic}` }, seen);
    expect(redactText(`${unleash} ${bearer} ${password} ${basic}`)).not.toMatch(new RegExp(`${unleash}|${bearer}|${password}|${basic}`));
    expect(redactText('application/json')).toBe('application/json');
  });
});
