import { chmodSync, closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';
import { RingsideError } from '../../../src-shared/ipc/result';
import type { SecretStore } from '../../core/ports/secretStore';

/** What Electron's safeStorage offers, injected so this runs (and is tested) without Electron. */
export interface SecretCipher {
  /** safeStorage.isEncryptionAvailable() */
  available(): boolean;
  /** safeStorage.getSelectedStorageBackend() on Linux (basic_text, gnome_libsecret, kwallet5…); another name elsewhere */
  backend(): string;
  encrypt(plain: string): Buffer;
  decrypt(sealed: Buffer): string;
}

const KEYRING_HINT =
  'Install and unlock a keyring (GNOME Keyring: gnome-keyring, or KWallet) and start Ringside again, adding ' +
  '--password-store=gnome-libsecret (or kwallet5 / kwallet6) if it is still not picked up; or choose "session only" ' +
  'to keep the secrets in memory until Ringside quits.';

/** The rename itself survives a crash only once the folder is synced; best effort where a folder cannot be opened (Windows). */
function syncFolder(folder: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(folder, 'r');
    fsyncSync(fd);
  } catch {
    // not supported here; the rename is still atomic
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Why secrets cannot be sealed here, or null. `basic_text` is Chromium's fallback on Linux without
 * a keyring: it "encrypts" with a key written in its source, so storing with it would be storing in
 * plain text.
 */
export function sealingProblem(cipher: SecretCipher): string | null {
  if (!cipher.available()) return `Ringside will not store secrets: the OS keychain is not available to encrypt them. ${KEYRING_HINT}`;
  if (cipher.backend() === 'basic_text') {
    return `Ringside will not store secrets: no OS keyring was found, and the only encryption left (basic_text) uses a fixed key, as good as plain text. ${KEYRING_HINT}`;
  }
  return null;
}

/**
 * Secrets sealed with the cipher, one base64 value per key, in a JSON file nobody else may read
 * (0600; a looser file is tightened on every read and write), replaced atomically so a crash leaves
 * the old file or the new one, never half of either.
 */
export function sealedFileSecrets(file: string, cipher: SecretCipher): SecretStore {
  const tighten = () => {
    if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  };

  const load = (): Record<string, string> => {
    if (!existsSync(file)) return {};
    tighten();
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      throw new RingsideError('unavailable', `The secrets file ${file} is damaged (not JSON); Ringside leaves it as it is. Move it aside and enter the secrets again.`);
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json) || Object.values(json).some((v) => typeof v !== 'string')) {
      throw new RingsideError('unavailable', `The secrets file ${file} does not hold sealed secrets; Ringside leaves it as it is. Move it aside and enter the secrets again.`);
    }
    return json as Record<string, string>;
  };

  const save = (values: Record<string, string>) => {
    const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    // 'wx' creates the file new with 0600 from the start: no moment where it exists looser.
    const fd = openSync(temp, 'wx', 0o600);
    try {
      try {
        writeSync(fd, JSON.stringify(values));
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(temp, file);
    } catch (error) {
      rmSync(temp, { force: true });
      throw error;
    }
    tighten();
    syncFolder(dirname(file));
  };

  return {
    async get(key) {
      const sealed = load()[key];
      if (!sealed || !cipher.available()) return null;
      try {
        return cipher.decrypt(Buffer.from(sealed, 'base64'));
      } catch {
        // sealed under another keyring or user: as if unset, so the form asks for it again
        return null;
      }
    },
    async set(key, value) {
      const problem = sealingProblem(cipher);
      if (problem) throw new RingsideError('unavailable', problem);
      save({ ...load(), [key]: cipher.encrypt(value).toString('base64') });
    },
    async delete(key) {
      const values = load();
      if (!(key in values)) return;
      delete values[key];
      save(values);
    },
  };
}
