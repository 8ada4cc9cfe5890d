import { forgetSecret, maskSecrets, registerBasicAuth, registerSecret } from './secretMask';

const unique = (label: string) => `${label}-${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;

describe('secret mask', () => {
  it('masks a registered value wherever it appears, and forgets it when asked', () => {
    const token = unique('tok');
    expect(maskSecrets(`Bearer ${token} was sent`)).toBe(`Bearer ${token} was sent`);
    registerSecret(token);
    expect(maskSecrets(`Bearer ${token} was sent; again: ${token}`)).toBe('Bearer *** was sent; again: ***');
    forgetSecret(token);
    expect(maskSecrets(token)).toBe(token);
  });

  it('ignores values shorter than 6 characters, which would mask ordinary words', () => {
    registerSecret('admin');
    expect(maskSecrets('the admin token')).toBe('the admin token');
    forgetSecret('admin');
  });

  it('masks the URL-encoded, form-encoded and JSON-escaped forms', () => {
    const secret = `${unique('p')} &/"x`;
    registerSecret(secret);
    expect(maskSecrets(`?password=${encodeURIComponent(secret)}`)).toBe('?password=***');
    expect(maskSecrets(new URLSearchParams({ password: secret }).toString())).toBe('password=***');
    expect(maskSecrets(JSON.stringify({ password: secret }))).toBe('{"password":"***"}');
    forgetSecret(secret);
  });

  it('masks the base64 of a Basic sign-in, and a secret inside a longer base64 text at any alignment', () => {
    const password = unique('pw');
    registerBasicAuth('ringside', password);
    const basic = Buffer.from(`ringside:${password}`).toString('base64');
    const masked = maskSecrets(`Authorization: Basic ${basic}`);
    expect(masked).not.toContain(basic);
    expect(masked).toMatch(/^Authorization: Basic \*\*\*[A-Za-z0-9+/=]{0,4}$/);
    for (const prefix of ['', 'a', 'ab', 'abc']) {
      const blob = Buffer.from(`${prefix}${password}tail`).toString('base64');
      const shown = maskSecrets(blob);
      expect(shown).toContain('***');
      // what is left around the mask cannot be decoded back to the password
      expect(Buffer.from(shown.replace('***', ''), 'base64').toString('latin1')).not.toContain(password.slice(0, 6));
    }
  });

  it('masks each line of a multi-line secret such as a PEM key, as well as the whole', () => {
    const body = [unique('line-one-of-a-key-'), unique('line-two-of-a-key-')];
    const pem = ['-----BEGIN PRIVATE KEY-----', ...body, '-----END PRIVATE KEY-----'].join('\n');
    registerSecret(pem);
    expect(maskSecrets(`key: ${pem}`)).toBe('key: ***');
    expect(maskSecrets(`only ${body[1]} leaked`)).toBe('only *** leaked');
    expect(maskSecrets('-----BEGIN PRIVATE KEY-----')).toBe('-----BEGIN PRIVATE KEY-----');
    forgetSecret(pem);
  });

  it('keeps a value registered twice until both registrations are forgotten', () => {
    const token = unique('shared');
    registerSecret(token);
    registerSecret(token);
    forgetSecret(token);
    expect(maskSecrets(token)).toBe('***');
    forgetSecret(token);
    expect(maskSecrets(token)).toBe(token);
  });
});
