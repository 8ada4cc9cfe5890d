import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sealedFileSecrets, sealingProblem, type SecretCipher } from './sealedFile';

// No Electron binary can run here, so safeStorage itself is not exercised: shell/safeStorageSecrets.ts
// only maps it onto this cipher interface. The fake seals by XOR with a key and a marker, enough to
// show that what reaches the disk is the cipher's output and never the secret.
function fakeCipher(backend = 'gnome_libsecret', available = true): SecretCipher & { calls: number } {
  const key = 0x5a;
  const cipher = {
    calls: 0,
    available: () => available,
    backend: () => backend,
    encrypt(plain: string) {
      cipher.calls += 1;
      return Buffer.concat([Buffer.from('v10'), Buffer.from(plain, 'utf8').map((b) => b ^ key)]);
    },
    decrypt(sealed: Buffer) {
      if (sealed.subarray(0, 3).toString() !== 'v10') throw new Error('not sealed by this keyring');
      return Buffer.from(sealed.subarray(3).map((b) => b ^ key)).toString('utf8');
    },
  };
  return cipher;
}

const MARKER = 'secret-marker-0c7f1e';
const mode = (file: string) => statSync(file).mode & 0o777;

describe('sealed secrets file', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ringside-sealed-'));
    file = join(dir, 'secrets.json');
  });

  it('round-trips a secret through the cipher; the file is 0600 and never holds the plain value', async () => {
    const store = sealedFileSecrets(file, fakeCipher());
    await store.set('workspace:prod:flags.token', MARKER);
    expect(await store.get('workspace:prod:flags.token')).toBe(MARKER);
    expect(mode(file)).toBe(0o600);
    expect(readFileSync(file, 'utf8')).not.toContain(MARKER);
    expect(Object.keys(JSON.parse(readFileSync(file, 'utf8')))).toEqual(['workspace:prod:flags.token']);
    await store.set('workspace:prod:metrics.bearer', 'b');
    await store.delete('workspace:prod:flags.token');
    expect(await store.get('workspace:prod:flags.token')).toBeNull();
    expect(await store.get('workspace:prod:metrics.bearer')).toBe('b');
    // written through a temporary file renamed over it: none is left behind
    expect(readdirSync(dir)).toEqual(['secrets.json']);
  });

  it('refuses to store with the basic_text backend, saying how to get a keyring or to choose session-only', async () => {
    const cipher = fakeCipher('basic_text');
    const store = sealedFileSecrets(file, cipher);
    const refusal = store.set('k', MARKER);
    await expect(refusal).rejects.toMatchObject({ code: 'unavailable' });
    await expect(refusal).rejects.toThrow(/basic_text.*gnome-keyring.*KWallet.*--password-store=gnome-libsecret.*session only/);
    expect(cipher.calls).toBe(0);
    expect(existsSync(file)).toBe(false);
  });

  it('refuses to store when encryption is not available at all', async () => {
    expect(sealingProblem(fakeCipher('gnome_libsecret', false))).toMatch(/OS keychain is not available.*gnome-keyring/);
    await expect(sealedFileSecrets(file, fakeCipher('unknown', false)).set('k', 'v')).rejects.toMatchObject({ code: 'unavailable' });
    expect(sealingProblem(fakeCipher('kwallet6'))).toBeNull();
  });

  it('tightens a looser file to 0600 on the next read', async () => {
    const store = sealedFileSecrets(file, fakeCipher());
    await store.set('k', 'v');
    chmodSync(file, 0o644);
    expect(await store.get('k')).toBe('v');
    expect(mode(file)).toBe(0o600);
  });

  it('answers null for a value another keyring sealed, and leaves a damaged file alone with a clear error', async () => {
    writeFileSync(file, JSON.stringify({ k: Buffer.from('sealed elsewhere').toString('base64') }), { mode: 0o600 });
    const store = sealedFileSecrets(file, fakeCipher());
    expect(await store.get('k')).toBeNull();
    writeFileSync(file, '{ broken');
    await expect(store.set('k', 'v')).rejects.toThrow(/secrets file .* is damaged \(not JSON\); Ringside leaves it as it is/);
    expect(readFileSync(file, 'utf8')).toBe('{ broken');
  });
});
