import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSecretsFile } from './secretsFile';

const write = (content: string, mode: number) => {
  const file = join(mkdtempSync(join(tmpdir(), 'ringside-secrets-')), 'secrets.json');
  writeFileSync(file, content);
  chmodSync(file, mode);
  return file;
};

describe('the --secrets file', () => {
  const good = JSON.stringify({ prod: { 'flags.token': '*:*.marker-a1', 'metrics.bearer': 'b' }, staging: { 'deploy.token': 'k' } });

  it('reads a 0600 file keyed by workspace id, then secret name', () => {
    const values = readSecretsFile(write(good, 0o600));
    expect(values.get('prod')).toEqual({ 'flags.token': '*:*.marker-a1', 'metrics.bearer': 'b' });
    expect(values.get('staging')).toEqual({ 'deploy.token': 'k' });
  });

  it.each([0o644, 0o640, 0o604, 0o660])('refuses mode 0%o with the chmod to run', (mode) => {
    const file = write(good, mode);
    expect(() => readSecretsFile(file)).toThrow(`may be read by others (mode 0${mode.toString(8)}); Ringside reads secrets only from a file nobody else can read: run chmod 600 ${file}`);
  });

  it.each([
    ['{ "prod": { "flags.token": "*:*.marker-b2" ', /is not valid JSON \(at character \d+\)/],
    [JSON.stringify({ prod: { token: '*:*.marker-b2' } }), /names something that is not a secret under "prod" \(the names are flags\.token, /],
    [JSON.stringify({ prod: { '*:*.marker-b2': 'x' } }), /names something that is not a secret/],
    [JSON.stringify({ 'Prod!': {} }), /has a key that is not a workspace id/],
    [JSON.stringify({ prod: { 'flags.token': '' } }), /has an empty or non-text "flags\.token" under "prod"/],
    [JSON.stringify(['*:*.marker-b2']), /does not hold an object/],
  ])('refuses %s, quoting none of its values, and says the shape', (content, message) => {
    const run = () => readSecretsFile(write(content, 0o600));
    expect(run).toThrow(message);
    expect(run).toThrow(/It must be JSON shaped \{ "<workspace id>": \{ "flags\.token": "…"/);
    expect(run).not.toThrow(/marker-b2/);
  });

  it('names a missing file', () => {
    expect(() => readSecretsFile('/nonexistent/secrets.json')).toThrow('Cannot read secrets file /nonexistent/secrets.json (ENOENT).');
  });
});
