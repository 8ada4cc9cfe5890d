import { describeCapabilities, explainStatus } from './sentences';
import { maskerFor } from './steps';

describe('connection test sentences', () => {
  it('summarises capabilities per scope, with the permission the server names', () => {
    expect(
      describeCapabilities([
        { capability: 'flags.toggle', scope: 'development', allowed: true, reason: null },
        { capability: 'flags.toggle', scope: 'production', allowed: false, reason: 'read-only in production', permission: 'UPDATE_FEATURE_ENVIRONMENT' },
        { capability: 'rollouts.patch', scope: '*', allowed: false, reason: null },
      ]),
    ).toBe(
      'development: may turn flags on and off. production: may not turn flags on and off (UPDATE_FEATURE_ENVIRONMENT: read-only in production). ' +
        'everywhere: may not promote, abort and retry rollouts (refused).',
    );
    expect(describeCapabilities([])).toBe('The server reported no permissions for these scopes.');
  });

  it('writes HTTP answers from the status alone, never from the body', () => {
    const explain = explainStatus('Unleash', 'token');
    const reflected = 'authorization: *:*.reflected-marker';
    expect(explain(401, reflected, { path: '/x' }).message).toBe("Unleash answered 401: the token was rejected. Check the workspace's token.");
    for (const status of [302, 403, 404, 418, 429, 503]) expect(explain(status, reflected, { path: '/api/x?token=1' }).message).not.toMatch(/marker|token=1/);
    expect(explainStatus('Prometheus', null)(401, '', { path: '/' }).message).toMatch(/it wants credentials, and this workspace gives none/);
  });

  it('masks every secret value of the source and any userinfo in what it reports', () => {
    const mask = maskerFor({ get: (name) => (name === 'flags.token' ? ' *:*.abc123 ' : name === 'metrics.password' ? 'pw' : undefined) });
    expect(mask('sent *:*.abc123 to https://bob:hunter2@h.example/x')).toBe('sent ••• to https://h.example/x');
    // too short to mask without mangling every sentence; such a secret is refused by the servers anyway
    expect(mask('a pwd')).toBe('a pwd');
  });
});
