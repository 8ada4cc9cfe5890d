import { chmodSync, mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { persistentToken, TOKEN_FILE } from './tokenFile';

const freshDir = () => mkdtempSync(join(tmpdir(), 'ringside-token-'));
const modeOf = (file: string) => statSync(file).mode & 0o777;

describe('the serve token kept in the data folder', () => {
  it('is created with mode 0600, whatever the umask, and reused by the next start', () => {
    const dir = freshDir();
    const oldMask = process.umask(0o000);
    try {
      const first = persistentToken(dir);
      expect(first).toMatchObject({ reused: false, replacedBecause: null, file: join(dir, TOKEN_FILE) });
      expect(first.token).toMatch(/^[\w-]{32}$/);
      expect(modeOf(first.file)).toBe(0o600);
      expect(readFileSync(first.file, 'utf8').trim()).toBe(first.token);

      const second = persistentToken(dir);
      expect(second).toMatchObject({ token: first.token, reused: true });
      expect(modeOf(second.file)).toBe(0o600);
    } finally {
      process.umask(oldMask);
    }
  });

  it('issues a new token when others could read the stored one, and says why', () => {
    const dir = freshDir();
    const first = persistentToken(dir);
    chmodSync(first.file, 0o644);
    const next = persistentToken(dir);
    expect(next.token).not.toBe(first.token);
    expect(next).toMatchObject({ reused: false, replacedBecause: 'other users could read it' });
    expect(modeOf(next.file)).toBe(0o600);
  });

  it('replaces a file that does not hold a token', () => {
    const dir = freshDir();
    writeFileSync(join(dir, TOKEN_FILE), 'hunter2\n', { mode: 0o600 });
    const next = persistentToken(dir);
    expect(next).toMatchObject({ reused: false, replacedBecause: 'it did not hold a token' });
    expect(next.token).toMatch(/^[\w-]{32}$/);
  });

  it('refuses a symlink in its place instead of reading or writing through it', () => {
    const dir = freshDir();
    const elsewhere = join(freshDir(), 'target');
    writeFileSync(elsewhere, 'A'.repeat(32), { mode: 0o600 });
    symlinkSync(elsewhere, join(dir, TOKEN_FILE));
    expect(() => persistentToken(dir)).toThrow(/is not a plain file; remove it/);
    expect(readFileSync(elsewhere, 'utf8')).toBe('A'.repeat(32));
  });
});
