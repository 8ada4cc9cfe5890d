import { makeSelfSigned } from '../connectionTest/testing/selfSigned';
import { caAgent, checkCaBundle, checkServerUrl, urlProblem, whereOf } from './urlPolicy';

describe('the URL rule: https unless this machine, no userinfo, no query', () => {
  it.each(['https://unleash.example.com', 'https://10.1.2.3:4242/unleash', 'http://127.0.0.1:4242', 'http://localhost:9090', 'http://[::1]:8001', 'http://LOCALHOST'])(
    'accepts %s',
    (url) => expect(urlProblem(url)).toBeNull(),
  );

  it.each([
    ['http://10.1.2.3', /is plain http to 10\.1\.2\.3; use https \(plain http is allowed only to this machine: 127\.0\.0\.1, ::1, localhost\)/],
    ['http://example.test:4242', /is plain http to example\.test:4242; use https/],
    ['http://127.0.0.2', /is plain http to 127\.0\.0\.2/],
    ['http://localhost.example.com', /is plain http/],
    ['ftp://files.example.com', /must be an https URL, not ftp/],
    ['https://user:pa55@unleash.example.com', /must not carry a user name or password/],
    ['https://unleash.example.com/?token=x', /must not have a query string or fragment/],
    ['https://unleash.example.com/#x', /must not have a query string or fragment/],
    ['not a url', /is not a valid URL/],
  ])('refuses %s', (url, message) => {
    expect(urlProblem(url)).toMatch(message);
  });

  it('names the field and never the userinfo in the error', () => {
    expect(() => checkServerUrl('https://admin:s3cret-xyz@h.example', 'Workspace p, flags.url')).toThrow(/^Workspace p, flags\.url must not carry a user name or password/);
    try {
      checkServerUrl('https://admin:s3cret-xyz@h.example', 'flags.url');
    } catch (error) {
      expect((error as Error).message).not.toMatch(/s3cret|admin/);
    }
    expect(whereOf('https://admin:s3cret@h.example:8443/prometheus/')).toBe('h.example:8443/prometheus');
  });

  it('builds an agent that trusts a custom CA, and refuses what is no certificate', () => {
    const cert = makeSelfSigned();
    try {
      const agent = caAgent(cert.cert, 'flags');
      expect(agent?.options.ca).toBe(cert.cert);
      // verification is never turned off
      expect(agent?.options.rejectUnauthorized).not.toBe(false);
      agent?.destroy();
      expect(caAgent(undefined, 'flags')).toBeUndefined();
      expect(() => checkCaBundle(cert.key, 'Workspace p, metrics')).toThrow(/Workspace p, metrics: the CA is not a PEM certificate/);
      expect(() => checkCaBundle('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----', 'ca')).toThrow(/cannot be read/);
    } finally {
      cert.remove();
    }
  });
});
